-- What each earner has not yet had approved (pending, frozen and held lines), so the dashboard's balance reads two
-- rows instead of every unapproved line (docs/decisions/0029, "never a scan of all rows"; ~25–30 ms a load for a large network,
-- bench/). User scope, under a FORCEd policy on app.user_id, kept in the same transaction as the fact that moves it.
--
-- Two rows per earner, one per writer, so the two kinds of writer never wait for each other's row:
--   LEDGER   — webhooks and reviews: + each amount row appended to a line that is not APPROVED, + a line's amount when
--              an APPROVED line is frozen by a dispute. They lock earners nearest-first along one referral chain.
--   APPROVAL — the approval job only: − a line's amount when it is approved, booked at the end of each batch in user
--              order, so job instances on several nodes never deadlock with each other or with webhooks.
-- The earner's not-approved amount is the sum of both rows.
create table referral_rollup_balance (
    user_id            uuid   not null references app_user (id),
    writer             text   not null check (writer in ('LEDGER', 'APPROVAL')),
    not_approved_minor bigint not null default 0,
    primary key (user_id, writer)
);

-- Backfill from the ledger written before this migration, once, as the owner, with FORCE lifted inside this
-- transaction only (as V8, V16 and V18 do; DDL is transactional, nobody outside ever sees it lifted).
alter table commission_entry no force row level security;
alter table commission_line no force row level security;
insert into referral_rollup_balance (user_id, writer, not_approved_minor)
select l.user_id, 'LEDGER', sum(e.amount_minor)
from commission_line l
join commission_entry e on e.user_id = l.user_id and e.invoice_id = l.invoice_id and e.level = l.level
where l.status <> 'APPROVED'
group by l.user_id;
alter table commission_entry force row level security;
alter table commission_line force row level security;

alter table referral_rollup_balance enable row level security;
alter table referral_rollup_balance force row level security;
create policy referral_rollup_balance_owner on referral_rollup_balance
    using (user_id = nullif(current_setting('app.user_id', true), '')::uuid)
    with check (user_id = nullif(current_setting('app.user_id', true), '')::uuid);
grant select, insert, update on referral_rollup_balance to ${app_role};
