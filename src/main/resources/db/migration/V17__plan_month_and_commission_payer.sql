-- Three small additions for the dashboards (docs/dashboards.md; docs/decisions/0029, 0030).

-- 1. Paying tenants by plan over time (operator analytics, platform scope like V7). Per UTC month and paid plan: how
-- many tenants started paying for it and how many left it (moved to another plan or stopped paying). Paying tenants
-- on a plan at a month's end = Σ (joined − left) up to that month. Maintained by RevenueRollups in the webhook's
-- transaction. History before this migration is not kept per plan, so the backfill counts each tenant paying now
-- under its current plan from the month of its last change (exact from here on; earlier months approximate).
create table analytics_plan_month (
    month          date not null,
    plan           text not null,
    joined_tenants int  not null default 0,
    left_tenants   int  not null default 0,
    primary key (month, plan)
);
insert into analytics_plan_month (month, plan, joined_tenants)
select date_trunc('month', updated_at at time zone 'UTC')::date, plan, count(*)
from analytics_tenant_mrr where mrr_cents > 0 and plan is not null group by 1, 2;
grant select, insert, update on analytics_plan_month to ${app_role};

-- 2. Whose invoice a commission row came from. The earner cannot read the payer's invoice header
-- (commission_invoice is the payer's, under RLS), so the history could not say "workspace b•••, Team plan". The
-- payer's user id is written with the amount row (append-only: set on insert, never updated by the app) and shown
-- only masked, through platform facts, as the downline list does. Backfilled once as the owner, with FORCE lifted
-- inside this transaction only (as V8 and V16 do; DDL is transactional).
alter table commission_entry add column payer_user_id uuid references app_user (id);
alter table commission_entry no force row level security;
alter table commission_invoice no force row level security;
update commission_entry e set payer_user_id = i.user_id from commission_invoice i where i.invoice_id = e.invoice_id;
alter table commission_entry force row level security;
alter table commission_invoice force row level security;

-- 3. Shares by the people in a user's downline, per month and level (docs/decisions/0029): the user's
-- own network's viral coefficient K = shares per member × sign-ups per share needs the network's shares, and the
-- user cannot read their downline's own link roll-ups (RLS). Upserted by ReferralRollups.recordShare for each
-- ancestor, like sign-ups. Backfilled once from the recorded shares and the tree, as the owner (FORCE lifted inside
-- this transaction only).
alter table referral_rollup_level add column shares int not null default 0;
alter table referral_rollup_level no force row level security;
alter table referral_rollup_link no force row level security;
alter table referral_tree no force row level security;
insert into referral_rollup_level (user_id, month, level, shares)
select t.ancestor_user_id, l.month, t.depth, sum(l.shares)
from referral_rollup_link l join referral_tree t on t.user_id = l.user_id where l.shares > 0 group by 1, 2, 3
on conflict (user_id, month, level) do update set shares = excluded.shares;
alter table referral_rollup_level force row level security;
alter table referral_rollup_link force row level security;
alter table referral_tree force row level security;
