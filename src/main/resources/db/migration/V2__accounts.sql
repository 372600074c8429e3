-- Accounts, sessions, memberships, invitations, mail outbox, throttling.
-- Platform tables name their user references by role (owner_user_id, invited_by_user_id): a plain user_id
-- column is reserved for user-scoped tables guarded by a policy on app.user_id.

create table app_user (
    id                   uuid primary key,
    email                text        not null unique,
    email_verified_at    timestamptz,
    display_name         text        not null,
    password_hash        text,
    status               text        not null default 'ACTIVE' check (status in ('ACTIVE', 'SUSPENDED', 'DELETED')),
    signup_referral_code text,
    home_tenant_id       uuid references tenant (id),
    created_at           timestamptz not null default now(),
    updated_at           timestamptz not null default now()
);

-- Server-side sessions: the cookie holds a 256-bit random id, the table only its SHA-256.
create table web_session (
    id_hash          text primary key,
    owner_user_id    uuid        not null references app_user (id),
    created_at       timestamptz not null,
    last_seen_at     timestamptz not null,
    expires_at       timestamptz not null,
    revoked_at       timestamptz,
    user_agent       text,
    ip_address       text,
    sso_tenant_id    uuid references tenant (id)
);
create index web_session_owner_idx on web_session (owner_user_id) where revoked_at is null;

-- Single-use, expiring tokens sent by mail (verification, password reset, email change); stored hashed.
create table email_token (
    token_hash    text primary key,
    owner_user_id uuid        not null references app_user (id),
    purpose       text        not null check (purpose in ('VERIFY_EMAIL', 'RESET_PASSWORD', 'CHANGE_EMAIL')),
    new_email     text,
    created_at    timestamptz not null,
    expires_at    timestamptz not null,
    used_at       timestamptz
);
create index email_token_owner_idx on email_token (owner_user_id, purpose);

-- Throttling counters shared by every instance (login per email and per IP, sign-up per IP).
create table rate_limit (
    key          text primary key,
    failures     int         not null,
    window_start timestamptz not null,
    blocked_until timestamptz
);

-- Mail leaves after the transaction that wrote it commits; a job sends and retries.
create table mail_outbox (
    id              uuid primary key,
    to_address      text        not null,
    subject         text        not null,
    body_text       text        not null,
    created_at      timestamptz not null,
    next_attempt_at timestamptz not null,
    attempts        int         not null default 0,
    last_error      text,
    sent_at         timestamptz
);
create index mail_outbox_due_idx on mail_outbox (next_attempt_at) where sent_at is null;

-- Memberships are read both ways: by the tenant (its team) and by the user (their workspaces).
create table membership (
    id         uuid primary key,
    tenant_id  uuid        not null references tenant (id),
    user_id    uuid        not null references app_user (id),
    role       text        not null check (role in ('OWNER', 'ADMIN', 'MEMBER', 'BILLING')),
    created_at timestamptz not null,
    unique (tenant_id, user_id)
);
create index membership_user_idx on membership (user_id);

alter table membership enable row level security;
alter table membership force row level security;
create policy membership_tenant_or_user on membership
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid
           or user_id = nullif(current_setting('app.user_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid
           or user_id = nullif(current_setting('app.user_id', true), '')::uuid);

create table invitation (
    id                 uuid primary key,
    tenant_id          uuid        not null references tenant (id),
    email              text        not null,
    role               text        not null check (role in ('ADMIN', 'MEMBER', 'BILLING')),
    token_hash         text        not null unique,
    invited_by_user_id uuid        references app_user (id),
    created_at         timestamptz not null,
    expires_at         timestamptz not null,
    accepted_at        timestamptz,
    revoked_at         timestamptz
);
create unique index invitation_pending_email_idx on invitation (tenant_id, email)
    where accepted_at is null and revoked_at is null;

alter table invitation enable row level security;
alter table invitation force row level security;
create policy invitation_tenant_isolation on invitation
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

grant select, insert, update on app_user to ${app_role};
grant select, insert, update on web_session to ${app_role};
grant select, insert, update on email_token to ${app_role};
grant select, insert, update, delete on rate_limit to ${app_role};
grant select, insert, update on mail_outbox to ${app_role};
grant select, insert, update, delete on membership to ${app_role};
grant select, insert, update on invitation to ${app_role};
