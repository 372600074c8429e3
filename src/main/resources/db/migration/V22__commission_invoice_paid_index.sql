-- The operator's monthly reconciliation visited every person who ever created a workspace, one transaction each, to
-- find that month's invoices (invoice headers are the payer's own rows). This platform-scope index names, for each
-- paid invoice, its payer and UTC month — ids and a month only, no amounts — written in the same transaction as the
-- header is marked paid, so the report visits only that month's payers.
create table commission_invoice_paid (
    invoice_id     text primary key,
    payer_user_id  uuid not null,
    paid_month     date not null
);
create index commission_invoice_paid_month_idx on commission_invoice_paid (paid_month, payer_user_id);

-- Backfill from the headers written before this migration, once, as the owner, with FORCE lifted inside this
-- transaction only (as V8, V16, V18, V19 and V21 do).
alter table commission_invoice no force row level security;
insert into commission_invoice_paid (invoice_id, payer_user_id, paid_month)
select invoice_id, user_id, date_trunc('month', paid_at at time zone 'UTC')::date
from commission_invoice where paid_at is not null;
alter table commission_invoice force row level security;

grant select, insert on commission_invoice_paid to ${app_role};
