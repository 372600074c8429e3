-- The operator's payout pages read every earner's payouts one earner at a time (payouts are user-scoped), so a list
-- of batches cost one transaction per person who ever earned. Two platform-scope tables, written in the same
-- transaction as each payout, let the pages read one row per batch and visit only the earners of the batch shown:
--   payout_batch        — per batch: how many payouts, their total, when it ran (the operator's own figures);
--   payout_batch_member — which earners a batch paid (ids only, no amounts: those stay in the earner's own rows).
create table payout_batch (
    batch_id    text primary key,
    payouts     int         not null,
    total_minor bigint      not null,
    currency    text        not null,
    ran_at      timestamptz not null
);

create table payout_batch_member (
    batch_id       text not null references payout_batch (batch_id),
    earner_user_id uuid not null,
    primary key (batch_id, earner_user_id)
);

-- Backfill from the payouts made before this migration, once, as the owner, with FORCE lifted inside this
-- transaction only (as V8, V16, V18 and V19 do).
alter table payout no force row level security;
insert into payout_batch (batch_id, payouts, total_minor, currency, ran_at)
select batch_id, count(*), sum(amount_minor), min(currency), min(created_at) from payout group by batch_id;
insert into payout_batch_member (batch_id, earner_user_id) select batch_id, user_id from payout;
alter table payout force row level security;

grant select, insert, update on payout_batch to ${app_role};
grant select, insert on payout_batch_member to ${app_role};
