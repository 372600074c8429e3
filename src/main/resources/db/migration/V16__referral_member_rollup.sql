-- What each earner has earned from each person in their downline (docs/decisions/0029: "the downline per level 1–7 … earnings",
-- per person). User scope: the earner's row, under a FORCEd policy on app.user_id, upserted in the same transaction
-- as the ledger row that moves it (docs/decisions/0029). The earner cannot read the payer's invoice header, so without
-- this row "earned from whom" would need another user's private rows. earned − clawed back equals the ledger's sum
-- for the same earner and payer. member_user_id is an id only; the page masks it through platform facts.
create table referral_rollup_member (
    user_id           uuid   not null references app_user (id),
    member_user_id    uuid   not null references app_user (id),
    earned_minor      bigint not null default 0,
    clawed_back_minor bigint not null default 0,
    primary key (user_id, member_user_id)
);

-- Backfill from the history written before this migration, once, as the owner, with FORCE lifted inside this
-- transaction only (as V8 does; DDL is transactional, nobody outside ever sees it lifted).
alter table commission_entry no force row level security;
alter table commission_invoice no force row level security;
insert into referral_rollup_member (user_id, member_user_id, earned_minor, clawed_back_minor)
select e.user_id, i.user_id, sum(greatest(e.amount_minor, 0)), sum(greatest(-e.amount_minor, 0))
from commission_entry e join commission_invoice i on i.invoice_id = e.invoice_id group by 1, 2;
alter table commission_entry force row level security;
alter table commission_invoice force row level security;

alter table referral_rollup_member enable row level security;
alter table referral_rollup_member force row level security;
create policy referral_rollup_member_owner on referral_rollup_member
    using (user_id = nullif(current_setting('app.user_id', true), '')::uuid)
    with check (user_id = nullif(current_setting('app.user_id', true), '')::uuid);
grant select, insert, update on referral_rollup_member to ${app_role};
