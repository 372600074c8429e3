-- API benchmark data (bench/api.sh), seeded with SQL as the embedded server's superuser: 100 workspaces on the
-- Enterprise plan (unlimited calls and projects, so neither quota nor plan limit refuses a measured call), each with
-- its owner, one API key with the read and write scopes, and 60 projects. The keys are
-- ddk_live_<12 hex>_bench-secret-<n>-0123456789 and the database holds only their SHA-256, as the app does.
\set ON_ERROR_STOP on
set client_min_messages = warning;

insert into app_user (id, email, email_verified_at, display_name, password_hash, status, created_at, updated_at)
select md5('api-user-' || i)::uuid, 'api-u' || i || '@bench.test', now(), 'API Owner ' || i,
       '$2a$10$mMgMxP175DllDq5tsvlyNu3lqsCTMsSDz6PXXvtiYVX6PIb7RBTS2', 'ACTIVE', now(), now()
from generate_series(0, 99) as i;

insert into tenant (id, slug, display_name, status, source, created_by_user_id, plan_override, created_at, updated_at)
select md5('api-tenant-' || i)::uuid, 'api-t' || i, 'API Workspace ' || i, 'ACTIVE', 'SIGNUP',
       md5('api-user-' || i)::uuid, 'ENTERPRISE', now(), now()
from generate_series(0, 99) as i;

insert into membership (id, tenant_id, user_id, role, created_at)
select md5('api-membership-' || i)::uuid, md5('api-tenant-' || i)::uuid, md5('api-user-' || i)::uuid, 'OWNER', now()
from generate_series(0, 99) as i;

insert into api_key (id, tenant_id, name, prefix, secret_hash, scopes, created_by_user_id, created_at)
select md5('api-key-' || i)::uuid, md5('api-tenant-' || i)::uuid, 'Bench', lpad(to_hex(i), 12, '0'),
       encode(sha256(convert_to('ddk_live_' || lpad(to_hex(i), 12, '0') || '_bench-secret-' || i || '-0123456789', 'UTF8')), 'hex'),
       array['READ', 'WRITE'], md5('api-user-' || i)::uuid, now()
from generate_series(0, 99) as i;

insert into project (id, tenant_id, name, repository_url, description, created_at, updated_at)
select md5('api-project-' || i || '-' || p)::uuid, md5('api-tenant-' || i)::uuid, 'Project ' || p,
       'https://github.com/bench/p' || i || '-' || p, 'Seeded for the API benchmark',
       now() - (p || ' minutes')::interval, now() - (p || ' minutes')::interval
from generate_series(0, 99) as i, generate_series(1, 60) as p;

analyze;
