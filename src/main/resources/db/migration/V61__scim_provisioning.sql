-- SCIM 2.0 provisioning per workspace (RFC 7643/7644). Four tenant-scope tables with row-level security like V6: a
-- request under /scim/v2/{slug}/ runs in that workspace's scope, so a token or a resource of another workspace is
-- never even seen. See docs/decisions/0140-scim-tokens.md and 0141-scim-deactivation-removes-the-membership.md.

-- Bearer tokens the workspace's admins create on the SCIM page. Only the SHA-256 of the secret is kept (like
-- sessions and mailed links); the prefix is shown so admins can tell tokens apart. At most one live token per
-- workspace: creating a new one revokes the old one at once (rotation).
create table scim_token (
    id                 uuid primary key,
    tenant_id          uuid        not null references tenant (id),
    token_hash         text        not null unique,
    prefix             text        not null,
    created_by_user_id uuid        references app_user (id),
    created_at         timestamptz not null,
    last_used_at       timestamptz,
    revoked_at         timestamptz
);
create unique index scim_token_one_live on scim_token (tenant_id) where revoked_at is null;
alter table scim_token enable row level security;
alter table scim_token force row level security;
create policy scim_token_tenant_isolation on scim_token
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
grant select, insert, update on scim_token to ${app_role};

-- A person as the workspace's directory provisioned them. The SCIM id outlives deactivation (the directory
-- reactivates by the same id); the account (app_user) is shared across workspaces and is never deleted here.
create table scim_user (
    id           uuid primary key,
    tenant_id    uuid        not null references tenant (id),
    user_id      uuid        not null references app_user (id),
    user_name    text        not null,
    external_id  text,
    given_name   text,
    family_name  text,
    display_name text,
    active       boolean     not null,
    version      bigint      not null default 1,
    created_at   timestamptz not null,
    updated_at   timestamptz not null,
    unique (tenant_id, user_id),
    unique (tenant_id, user_name)
);
alter table scim_user enable row level security;
alter table scim_user force row level security;
create policy scim_user_tenant_isolation on scim_user
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
grant select, insert, update, delete on scim_user to ${app_role};

-- Groups the directory pushes; their display names are what the SSO role mapping names.
create table scim_group (
    id           uuid primary key,
    tenant_id    uuid        not null references tenant (id),
    display_name text        not null,
    external_id  text,
    version      bigint      not null default 1,
    created_at   timestamptz not null,
    updated_at   timestamptz not null
);
create unique index scim_group_display_name_unique on scim_group (tenant_id, lower(display_name));
alter table scim_group enable row level security;
alter table scim_group force row level security;
create policy scim_group_tenant_isolation on scim_group
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
grant select, insert, update, delete on scim_group to ${app_role};

create table scim_group_member (
    tenant_id    uuid not null references tenant (id),
    group_id     uuid not null references scim_group (id) on delete cascade,
    scim_user_id uuid not null references scim_user (id) on delete cascade,
    primary key (group_id, scim_user_id)
);
create index scim_group_member_user_idx on scim_group_member (scim_user_id);
alter table scim_group_member enable row level security;
alter table scim_group_member force row level security;
create policy scim_group_member_tenant_isolation on scim_group_member
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
grant select, insert, delete on scim_group_member to ${app_role};
