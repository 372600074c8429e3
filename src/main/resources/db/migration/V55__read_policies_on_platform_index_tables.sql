-- Reads of three tables that hold one row per tenant or per person are narrowed to that scope (V43 guarded only their
-- writes). See docs/decisions/0130-scoped-reads-of-screenings-destinations-and-mrr.md.
--   analytics_tenant_mrr  — the tenant in app.tenant_id. What others need of it (a workspace's paid plan, for the
--                           masked downline and the operator's count by plan) is the view analytics_tenant_plan:
--                           plan names only, no amounts.
--   referral_screening    — the referred person in app.user_id, or a platform operator acting. The "sign-ups from
--                           one address" count is the function referral_screenings_from_address: a number only.
--   payout_destination    — the earner in app.user_id, or a platform operator acting.
-- "A platform operator acting" is data, not a switch: app.user_id (the signed-in person, or whom ActingAs names)
-- is a user whose email the deployment lists as an operator, copied into platform_operator at every start.
-- The view and the function run as the owner role, which gets a read-only policy on exactly these tables.

create table platform_operator (
    email text primary key check (email = lower(email))
);
grant select, insert, delete on platform_operator to ${app_role};

create function app_acting_operator() returns boolean
    language sql stable
    set search_path = public, pg_temp
as $$
    select exists (select 1 from app_user u join platform_operator o on o.email = u.email
                   where u.id = nullif(current_setting('app.user_id', true), '')::uuid)
$$;
grant execute on function app_acting_operator() to ${app_role};

drop policy analytics_tenant_mrr_read on analytics_tenant_mrr;
create policy analytics_tenant_mrr_read on analytics_tenant_mrr for select
    using (subject_tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

drop policy referral_screening_read on referral_screening;
create policy referral_screening_read on referral_screening for select
    using (referred_user_id = nullif(current_setting('app.user_id', true), '')::uuid or app_acting_operator());

drop policy payout_destination_read on payout_destination;
create policy payout_destination_read on payout_destination for select
    using (earner_user_id = nullif(current_setting('app.user_id', true), '')::uuid or app_acting_operator());

-- The owner role (the one migrating now) reads these two tables for the view and the function below; it is not the
-- app's role (RuntimeRoleCheck refuses an app role that owns tables), and FORCE keeps every other path closed to it.
do $$
begin
    execute format('create policy analytics_tenant_mrr_owner_read on analytics_tenant_mrr for select to %I using (true)',
                   current_user);
    execute format('create policy referral_screening_owner_read on referral_screening for select to %I using (true)',
                   current_user);
end
$$;

-- analytics publishes which workspaces pay and on which plan (no amounts): security_invoker off on purpose, it is read
-- in every scope (a person's masked downline names their referrals' plans).
create view analytics_tenant_plan as
select subject_tenant_id, plan from analytics_tenant_mrr where mrr_cents > 0 and plan is not null;
grant select on analytics_tenant_plan to ${app_role};

-- How many people screened since a moment came from one keyed address hash: the count only, for the sign-up guard.
create function referral_screenings_from_address(address_hash text, since timestamptz) returns bigint
    language sql stable security definer
    set search_path = public, pg_temp
as $$
    select count(*) from referral_screening where ip_hash = address_hash and screened_at > since
$$;
revoke execute on function referral_screenings_from_address(text, timestamptz) from public;
grant execute on function referral_screenings_from_address(text, timestamptz) to ${app_role};
