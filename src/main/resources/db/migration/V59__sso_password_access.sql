-- Whether people linked to the workspace's IdP may get a password through "Forgot password" while the workspace
-- offers SSO. Off unless the workspace's admins allow it on the SSO page (audited). Kept apart from sso_settings so
-- that changing it never turns settings from the tenant file into page settings.
-- See docs/decisions/0137-no-password-reset-for-people-of-an-idp.md.
create table sso_password_access (
    tenant_id       uuid primary key references tenant (id),
    allow_passwords boolean     not null,
    updated_at      timestamptz not null
);
alter table sso_password_access enable row level security;
alter table sso_password_access force row level security;
create policy sso_password_access_tenant_isolation on sso_password_access
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
grant select, insert, update on sso_password_access to ${app_role};
