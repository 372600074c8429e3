-- Read views that a feature publishes for the others (docs/decisions/0062-features-read-each-other-through-views.md).
-- A feature's SQL reads its own tables; what it needs of another feature's rows it reads through a view that
-- feature owns, so the owner may change its tables behind a stable shape. security_invoker: the view applies the
-- reader's row-level security, exactly as reading the table did.

-- account: the person behind a user id (no password hash, no sign-up code), and who belongs to which workspace.
create view account_person with (security_invoker = true) as
select id, email, display_name, status, home_tenant_id, created_at from app_user;

create view account_member with (security_invoker = true) as
select tenant_id, user_id from membership;

-- tenant: a workspace as other features see it (no branding, hostnames or plan override).
create view tenant_directory with (security_invoker = true) as
select id, slug, display_name, status, created_by_user_id, referral_program_disabled, sso from tenant;

grant select on account_person, account_member, tenant_directory to ${app_role};
