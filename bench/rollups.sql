-- The roll-ups the dashboards read, computed from the seeded ledger with the same statements as the V8, V16, V18 and V19 backfills
-- (the app maintains them row by row as facts are written), and the leaderboard as its refresh job would leave it.
\set ON_ERROR_STOP on
insert into referral_rollup_level (user_id, month, level, earned_minor, clawed_back_minor, ledger_rows)
select user_id, date_trunc('month', recorded_at at time zone 'UTC')::date, level,
       sum(greatest(amount_minor, 0)), sum(greatest(-amount_minor, 0)), count(*)
from commission_entry group by 1, 2, 3
on conflict (user_id, month, level) do update set earned_minor = excluded.earned_minor,
    clawed_back_minor = excluded.clawed_back_minor, ledger_rows = excluded.ledger_rows;

-- What each earner earned from each person (V16's backfill statement).
insert into referral_rollup_member (user_id, member_user_id, earned_minor, clawed_back_minor)
select e.user_id, i.user_id, sum(greatest(e.amount_minor, 0)), sum(greatest(-e.amount_minor, 0))
from commission_entry e join commission_invoice i on i.invoice_id = e.invoice_id group by 1, 2
on conflict (user_id, member_user_id) do update set earned_minor = excluded.earned_minor,
    clawed_back_minor = excluded.clawed_back_minor;

-- What each earner has not yet had approved (V19's backfill statement).
insert into referral_rollup_balance (user_id, writer, not_approved_minor)
select l.user_id, 'LEDGER', sum(e.amount_minor)
from commission_line l
join commission_entry e on e.user_id = l.user_id and e.invoice_id = l.invoice_id and e.level = l.level
where l.status <> 'APPROVED'
group by l.user_id
on conflict (user_id, writer) do update set not_approved_minor = excluded.not_approved_minor;

insert into referral_rollup_level (user_id, month, level, sign_ups)
select t.ancestor_user_id, date_trunc('month', u.created_at at time zone 'UTC')::date, t.depth, count(*)
from referral_tree t join app_user u on u.id = t.user_id group by 1, 2, 3
on conflict (user_id, month, level) do update set sign_ups = excluded.sign_ups;

insert into referral_paying_member (user_id, first_paid_at)
select user_id, min(paid_at) from commission_invoice where paid_at is not null and flag is null group by user_id
on conflict do nothing;

insert into referral_rollup_level (user_id, month, level, paying_referrals)
select t.ancestor_user_id, date_trunc('month', p.first_paid_at at time zone 'UTC')::date, t.depth, count(*)
from referral_paying_member p join referral_tree t on t.user_id = p.user_id group by 1, 2, 3
on conflict (user_id, month, level) do update set paying_referrals = excluded.paying_referrals;

-- No referral_rollup_change rows: the leaderboard below is seeded as its refresh job would leave it, so the job
-- has nothing to catch up on during the measurement.

insert into referral_platform_month (month, sign_ups)
select date_trunc('month', created_at at time zone 'UTC')::date, count(*) from app_user group by 1
on conflict (month) do update set sign_ups = excluded.sign_ups;

insert into leaderboard_entry (user_key, public_name, month, paying_month, paying_all, earned_month_minor,
                               earned_all_minor, sign_ups_all, refreshed_at)
select user_id, null, date_trunc('month', now() at time zone 'UTC')::date,
       coalesce(sum(paying_referrals) filter (where month = date_trunc('month', now() at time zone 'UTC')::date), 0),
       sum(paying_referrals),
       coalesce(sum(earned_minor - clawed_back_minor) filter (where month = date_trunc('month', now() at time zone 'UTC')::date), 0),
       sum(earned_minor - clawed_back_minor), sum(sign_ups), now()
from referral_rollup_level group by user_id
on conflict (user_key) do nothing;
-- The per-person summary the dashboard's first view reads, from the roll-ups above, as V76 computes it.
insert into referral_summary (user_id, clicks, shares, direct_sign_ups, network_sign_ups, paying_direct,
                              paying_network, earned_minor, clawed_back_minor, not_approved_minor, paid_minor,
                              ledger_rows)
select u.user_id,
       coalesce(k.clicks, 0), coalesce(k.shares, 0),
       coalesce(l.direct_sign_ups, 0), coalesce(l.network_sign_ups, 0),
       coalesce(l.paying_direct, 0), coalesce(l.paying_network, 0),
       coalesce(l.earned_minor, 0), coalesce(l.clawed_back_minor, 0),
       coalesce(b.not_approved_minor, 0), coalesce(p.paid_minor, 0), coalesce(l.ledger_rows, 0)
from (select user_id from referral_rollup_level union select user_id from referral_rollup_link
      union select user_id from referral_rollup_balance union select user_id from payout) u
left join (select user_id, sum(clicks) as clicks, sum(shares) as shares
           from referral_rollup_link group by user_id) k on k.user_id = u.user_id
left join (select user_id,
                  sum(sign_ups) filter (where level = 1) as direct_sign_ups, sum(sign_ups) as network_sign_ups,
                  sum(paying_referrals) filter (where level = 1) as paying_direct,
                  sum(paying_referrals) as paying_network,
                  sum(earned_minor) as earned_minor, sum(clawed_back_minor) as clawed_back_minor,
                  sum(ledger_rows) as ledger_rows
           from referral_rollup_level group by user_id) l on l.user_id = u.user_id
left join (select user_id, sum(not_approved_minor) as not_approved_minor
           from referral_rollup_balance group by user_id) b on b.user_id = u.user_id
left join (select user_id, sum(amount_minor) as paid_minor from payout group by user_id) p on p.user_id = u.user_id
on conflict (user_id) do nothing;
analyze;
