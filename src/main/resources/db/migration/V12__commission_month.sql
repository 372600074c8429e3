-- Platform-wide commission money per month (sums across earners, no per-person data): what the operator's revenue
-- page needs for "commissions paid out" and "commission liability" without reading anyone's ledger. Maintained in
-- the same transaction as the ledger row or payout that moves it.
create table referral_commission_month (
    month             date primary key,
    earned_minor      bigint not null default 0,
    clawed_back_minor bigint not null default 0,
    paid_minor        bigint not null default 0
);
grant select, insert, update on referral_commission_month to ${app_role};

-- Backfill from history written before this migration, as the owner, with FORCE lifted inside this transaction only
-- (as V8 does; DDL is transactional, nobody outside ever sees it lifted).
alter table commission_entry no force row level security;
alter table payout no force row level security;
insert into referral_commission_month (month, earned_minor, clawed_back_minor)
select date_trunc('month', recorded_at at time zone 'UTC')::date, sum(greatest(amount_minor, 0)), sum(greatest(-amount_minor, 0))
from commission_entry group by 1;
insert into referral_commission_month (month, paid_minor)
select date_trunc('month', created_at at time zone 'UTC')::date, sum(amount_minor) from payout group by 1
on conflict (month) do update set paid_minor = excluded.paid_minor;
alter table commission_entry force row level security;
alter table payout force row level security;
