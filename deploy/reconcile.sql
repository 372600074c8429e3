-- The commission rule checked on a whole database, per invoice, level and earner (the operator's reconciliation,
-- docs/decisions/0103-reconciliation-checks-every-level.md, as one statement for restore drills): what a level's
-- rows add up to must be floor((net - refunded) * rate / 10000) for the earner entitled to it, 0 after a lost dispute
-- or for a flagged invoice, and 0 for anyone else. Prints the number of (invoice, level, earner) cells checked and
-- every break; a reconciled ledger has none.
\set ON_ERROR_STOP on
with expected as (
    select s.invoice_id, s.level, s.earner_user_id as user_id,
           case when i.flag is not null
                  or exists (select 1 from commission_dispute d where d.invoice_id = i.invoice_id and d.outcome = 'LOST')
                then 0
                else (i.net_minor - least(greatest(i.refunded_minor, 0), i.net_minor)) * s.rate_bp / 10000
           end as amount
    from commission_share s join commission_invoice i on i.invoice_id = s.invoice_id
    where s.earner_user_id is not null and i.net_minor is not null
), actual as (
    select invoice_id, level, user_id, sum(amount_minor) as amount
    from commission_entry group by invoice_id, level, user_id
), cells as (
    select coalesce(e.invoice_id, a.invoice_id) as invoice_id, coalesce(e.level, a.level) as level,
           coalesce(e.user_id, a.user_id) as user_id, coalesce(e.amount, 0) as expected, coalesce(a.amount, 0) as actual
    from expected e full join actual a
      on a.invoice_id = e.invoice_id and a.level = e.level and a.user_id = e.user_id
)
select 'checked ' || count(*) || ' cells, ' || count(*) filter (where expected <> actual) || ' breaks' from cells
union all
select 'break: invoice ' || invoice_id || ' level ' || level || ' earner ' || user_id || ': expected ' || expected
       || ', rows add up to ' || actual
from cells where expected <> actual;
