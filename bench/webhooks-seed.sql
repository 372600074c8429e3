-- Webhook benchmark data (bench/webhooks.sh), seeded with SQL as the embedded server's superuser (a loader; the app
-- never runs as one). :customers paying workspaces; each was created by a payer with a 7-level referral chain of
-- their own (payer wh-user-<c>-0, sponsored by wh-user-<c>-1, … up to wh-user-<c>-7). Ids are md5-derived so the
-- event generator computes the same ones. The Stripe customers are linked to their workspaces afterwards through the
-- app itself (signed checkout.session.completed webhooks), so billing's routes and referral's payer projection are
-- written by the code that writes them in production.
\set ON_ERROR_STOP on
set client_min_messages = warning;

insert into commission_plan (version, level_rates, published_at)
select 1, array[2000,1500,1000,800,500,300,200], now() where not exists (select 1 from commission_plan);

insert into app_user (id, email, email_verified_at, display_name, password_hash, status, created_at, updated_at)
select md5('wh-user-' || c || '-' || k)::uuid, 'wh-u' || c || '-' || k || '@bench.test', now(),
       'Webhook Bench ' || c || '-' || k, '$2a$10$mMgMxP175DllDq5tsvlyNu3lqsCTMsSDz6PXXvtiYVX6PIb7RBTS2', 'ACTIVE',
       now() - interval '400 days', now()
from generate_series(0, :customers - 1) as c, generate_series(0, 7) as k;

insert into tenant (id, slug, display_name, status, source, created_by_user_id, created_at, updated_at)
select md5('wh-tenant-' || c)::uuid, 'wh-t' || c, 'Webhook Bench Workspace ' || c, 'ACTIVE', 'SIGNUP',
       md5('wh-user-' || c || '-0')::uuid, now() - interval '300 days', now()
from generate_series(0, :customers - 1) as c;
update app_user set home_tenant_id = md5('wh-tenant-' || substring(email from 'wh-u(\d+)-'))::uuid
where email like 'wh-u%@bench.test';

insert into membership (id, tenant_id, user_id, role, created_at)
select md5('wh-membership-' || c)::uuid, md5('wh-tenant-' || c)::uuid, md5('wh-user-' || c || '-0')::uuid, 'OWNER',
       now() - interval '300 days'
from generate_series(0, :customers - 1) as c;

insert into referral_code (code, user_id, kind, created_at)
select 'wh' || c || 'x' || k, md5('wh-user-' || c || '-' || k)::uuid, 'GENERATED', now() - interval '400 days'
from generate_series(0, :customers - 1) as c, generate_series(0, 7) as k;

insert into referral_attribution (user_id, sponsor_user_id, attributed_at)
select md5('wh-user-' || c || '-' || k)::uuid, md5('wh-user-' || c || '-' || (k + 1))::uuid, now() - interval '350 days'
from generate_series(0, :customers - 1) as c, generate_series(0, 6) as k;

-- Closure table: each user's ancestors up to depth 7.
insert into referral_tree (user_id, depth, ancestor_user_id)
select md5('wh-user-' || c || '-' || k)::uuid, d, md5('wh-user-' || c || '-' || (k + d))::uuid
from generate_series(0, :customers - 1) as c, generate_series(0, 6) as k, generate_series(1, 7) as d
where k + d <= 7;

-- The bare reference's own database and role (a non-superuser, like the app's).
create role bare_webhook login password 'bare-webhook-bench';
create database bare_webhook owner bare_webhook;
