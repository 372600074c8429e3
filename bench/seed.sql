-- Benchmark data, seeded with SQL as the embedded server's superuser (the app itself never runs as one; this is a
-- loader). 100,000 users in five 4-ary referral trees (20,000 users each, 7 levels deep), 10 people per workspace,
-- monthly Team invoices ($99) paid by each workspace's creator for 14 months, and every commission row the ledger
-- would have written for them (about 1,000,000 commission_entry rows). One precomputed bcrypt hash for everyone.
\set ON_ERROR_STOP on
set client_min_messages = warning;

insert into commission_plan (version, level_rates, published_at)
select 1, array[2000,1500,1000,800,500,300,200], now() where not exists (select 1 from commission_plan);

-- Users: bench-u<i>@bench.test, all with the password "bench-password-2026".
insert into app_user (id, email, email_verified_at, display_name, password_hash, status, created_at, updated_at)
select md5('user-' || i)::uuid, 'bench-u' || i || '@bench.test', now(), 'Bench User ' || i,
       '$2a$10$mMgMxP175DllDq5tsvlyNu3lqsCTMsSDz6PXXvtiYVX6PIb7RBTS2', 'ACTIVE', now(), now()
from generate_series(0, 99999) as i;

-- Workspaces: one per 10 people, created by the first of them (the payer of its invoices).
insert into tenant (id, slug, display_name, status, source, created_by_user_id, plan_override, created_at, updated_at)
select md5('tenant-' || t)::uuid, 'bench-t' || t, 'Bench Workspace ' || t, 'ACTIVE', 'SIGNUP',
       md5('user-' || (t * 10))::uuid, 'TEAM', now(), now()
from generate_series(0, 9999) as t;
update app_user set home_tenant_id = md5('tenant-' || (substring(email from 'bench-u(\d+)@')::int / 10))::uuid
where email like 'bench-u%@bench.test';

insert into membership (id, tenant_id, user_id, role, created_at)
select md5('membership-' || i)::uuid, md5('tenant-' || (i / 10))::uuid, md5('user-' || i)::uuid,
       case when i % 10 = 0 then 'OWNER' else 'MEMBER' end, now()
from generate_series(0, 99999) as i;

insert into referral_code (code, user_id, kind, created_at)
select 'bench' || lpad(i::text, 6, '0'), md5('user-' || i)::uuid, 'GENERATED', now()
from generate_series(0, 99999) as i;

-- The forest: in tree t, local index j's sponsor is (j - 1) / 4; its k-th ancestor is (j - c_k) / 4^k with
-- c_k = (4^k - 1) / 3, defined when j >= c_k.
insert into referral_attribution (user_id, sponsor_user_id, attributed_at)
select md5('user-' || i)::uuid, md5('user-' || ((i / 20000) * 20000 + ((i % 20000) - 1) / 4))::uuid, now()
from generate_series(0, 99999) as i where i % 20000 > 0;

insert into referral_tree (user_id, depth, ancestor_user_id)
select md5('user-' || i)::uuid, k,
       md5('user-' || ((i / 20000) * 20000 + ((i % 20000) - (power(4, k)::int - 1) / 3) / power(4, k)::int))::uuid
from generate_series(0, 99999) as i, generate_series(1, 7) as k
where i % 20000 >= (power(4, k)::int - 1) / 3;

-- Invoices: the creator of each workspace pays $99 net every month for 14 months.
insert into commission_invoice (invoice_id, user_id, stripe_customer_id, currency, net_minor, paid_at, plan_version, recorded_at)
select 'in_bench_' || t || '_' || m, md5('user-' || (t * 10))::uuid, 'cus_bench_' || t, 'USD', 9900,
       date_trunc('month', now()) - make_interval(months => m) + interval '3 days', 1,
       date_trunc('month', now()) - make_interval(months => m) + interval '3 days'
from generate_series(0, 9999) as t, generate_series(0, 13) as m;

insert into commission_share (invoice_id, level, earner_user_id, rate_bp, plan_version)
select h.invoice_id, tr.depth, tr.ancestor_user_id, (array[2000,1500,1000,800,500,300,200])[tr.depth], 1
from commission_invoice h join referral_tree tr on tr.user_id = h.user_id
where h.invoice_id like 'in_bench_%';

insert into commission_entry (invoice_id, user_id, level, kind, discriminator, amount_minor, currency, plan_version, rate_bp, recorded_at, payer_user_id)
select s.invoice_id, s.earner_user_id, s.level, 'EARNED', 0, (9900 * s.rate_bp) / 10000, 'USD', 1, s.rate_bp, h.paid_at, h.user_id
from commission_share s join commission_invoice h on h.invoice_id = s.invoice_id
where s.invoice_id like 'in_bench_%';

insert into commission_line (invoice_id, user_id, level, currency, status, status_changed_at)
select s.invoice_id, s.earner_user_id, s.level, 'USD',
       case when h.paid_at < now() - interval '30 days' then 'APPROVED' else 'PENDING' end, h.paid_at
from commission_share s join commission_invoice h on h.invoice_id = s.invoice_id
where s.invoice_id like 'in_bench_%';

insert into commission_status_event (invoice_id, user_id, level, status, occurred_at)
select invoice_id, user_id, level, status, status_changed_at from commission_line where invoice_id like 'in_bench_%';

-- 1,000 signed-in sessions for people high in the trees (they have the largest downlines): cookie value
-- bench-session-<n>; the table keeps only its SHA-256, as the app does.
insert into web_session (id_hash, owner_user_id, created_at, last_seen_at, expires_at, user_agent, ip_address)
select encode(sha256(convert_to('bench-session-' || n, 'UTF8')), 'hex'),
       md5('user-' || ((n % 5) * 20000 + (n / 5) % 1365))::uuid, now(), now() + interval '1 day',
       now() + interval '6 days', 'wrk', '127.0.0.1'
from generate_series(0, 999) as n;

-- The platform operator (bench/run.sh names this email in DAILYDOCO_OPERATOR_EMAILS) and one session of theirs, cookie
-- value bench-operator-session, for the operator analytics page. No workspace: operators act from their own pages.
insert into app_user (id, email, email_verified_at, display_name, password_hash, status, created_at, updated_at)
values (md5('bench-operator')::uuid, 'bench-operator@bench.test', now(), 'Bench Operator',
        '$2a$10$mMgMxP175DllDq5tsvlyNu3lqsCTMsSDz6PXXvtiYVX6PIb7RBTS2', 'ACTIVE', now(), now());
insert into web_session (id_hash, owner_user_id, created_at, last_seen_at, expires_at, user_agent, ip_address)
values (encode(sha256(convert_to('bench-operator-session', 'UTF8')), 'hex'), md5('bench-operator')::uuid, now(),
        now() + interval '1 day', now() + interval '6 days', 'wrk', '127.0.0.1');

analyze;
