-- Single sign-on (docs/decisions/0032, 0033, 0034). All three tables are tenant scope, with row-level security like V1–V3.

-- Settings entered on the SSO settings page. Settings declared in tenants/*.yaml stay in tenant.sso; a row here
-- wins over them. The client secret is stored encrypted (AES-GCM, key from DAILYDOCO_SSO_ENCRYPTION_KEY).
create table sso_settings (
    tenant_id         uuid primary key references tenant (id),
    issuer            text        not null,
    client_id         text        not null,
    client_secret_enc text,
    scopes            text        not null default 'openid email profile',
    roles_claim       text        not null default 'groups',
    default_role      text        not null default 'MEMBER' check (default_role in ('ADMIN', 'MEMBER', 'BILLING')),
    role_mapping      text        not null default '{}',
    enforce           boolean     not null default false,
    version           bigint      not null default 1,
    updated_at        timestamptz not null
);
alter table sso_settings enable row level security;
alter table sso_settings force row level security;
create policy sso_settings_tenant_isolation on sso_settings
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
grant select, insert, update on sso_settings to ${app_role};

-- Email domains claimed on the settings page. A claim counts once its DNS TXT token was seen; verified claims are
-- unique across tenants and readable by every tenant (the login page routes an email to its workspace). The
-- token of an unverified claim stays private to its tenant.
create table sso_domain (
    id                 uuid primary key,
    tenant_id          uuid        not null references tenant (id),
    domain             text        not null,
    verification_token text        not null,
    verified_at        timestamptz,
    created_at         timestamptz not null,
    unique (tenant_id, domain)
);
create unique index sso_domain_verified_unique on sso_domain (domain) where verified_at is not null;
alter table sso_domain enable row level security;
alter table sso_domain force row level security;
create policy sso_domain_verified_read on sso_domain for select using (verified_at is not null);
create policy sso_domain_tenant_isolation on sso_domain
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
grant select, insert, update, delete on sso_domain to ${app_role};

-- Who signed in through which identity provider: keyed by (tenant, issuer, sub), never by email.
create table sso_identity (
    id            uuid primary key,
    tenant_id     uuid        not null references tenant (id),
    issuer        text        not null,
    subject       text        not null,
    user_id       uuid        not null references app_user (id),
    created_at    timestamptz not null,
    last_login_at timestamptz not null,
    unique (tenant_id, issuer, subject)
);
create index sso_identity_user_idx on sso_identity (user_id);
alter table sso_identity enable row level security;
alter table sso_identity force row level security;
create policy sso_identity_tenant_isolation on sso_identity
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
grant select, insert, update on sso_identity to ${app_role};
