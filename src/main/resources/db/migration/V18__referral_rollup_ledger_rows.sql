-- How many commission rows each earner has per month and level (docs/decisions/0029, "never a scan of all rows"): the history's
-- page count read every one of a person's rows on each dashboard load (~25 ms for a large network, bench/). Kept
-- in the same transaction as each ledger row, like the amounts beside it.
alter table referral_rollup_level add column ledger_rows int not null default 0;

-- Backfill once, as the owner, with FORCE lifted inside this transaction only (as V8 and V16 do).
alter table commission_entry no force row level security;
alter table referral_rollup_level no force row level security;
insert into referral_rollup_level (user_id, month, level, ledger_rows)
select user_id, date_trunc('month', recorded_at at time zone 'UTC')::date, level, count(*)
from commission_entry group by 1, 2, 3
on conflict (user_id, month, level) do update set ledger_rows = excluded.ledger_rows;
alter table commission_entry force row level security;
alter table referral_rollup_level force row level security;
