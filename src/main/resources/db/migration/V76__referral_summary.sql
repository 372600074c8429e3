-- One row per person with everything the first view of "My referrals" shows
-- (docs/decisions/0176-one-summary-row-per-person.md): the page reads this row, not the monthly roll-ups, the ledger
-- or the tree. Kept in the same transactions as the facts it counts (clicks, attributions, first payments, ledger rows,
-- approvals, payouts), added at their commit in a fixed order like the platform's month rows
-- (docs/decisions/0121-shared-monthly-counters-added-at-commit.md): a busy sponsor's row is shared by every invoice of
-- their network. User scope, under a FORCEd policy on app.user_id; nothing else reads it.
--   clicks, shares                   recorded clicks on the person's link, recorded copy/share clicks (all time)
--   direct_sign_ups, network_sign_ups people who joined at level 1, at levels 1–7
--   paying_direct, paying_network     of those, the ones whose first commissionable invoice was paid
--   earned_minor, clawed_back_minor   positive and negative ledger rows (US cents); earned − clawed back = standing
--   not_approved_minor                amounts on lines not yet approved (pending, frozen, held)
--   paid_minor                        paid out; approved and unpaid = standing − not approved − paid
--   ledger_rows                       the person's ledger rows (the history's row count)
create table referral_summary (
    user_id            uuid   primary key references app_user (id),
    clicks             bigint not null default 0,
    shares             bigint not null default 0,
    direct_sign_ups    bigint not null default 0,
    network_sign_ups   bigint not null default 0,
    paying_direct      bigint not null default 0,
    paying_network     bigint not null default 0,
    earned_minor       bigint not null default 0,
    clawed_back_minor  bigint not null default 0,
    not_approved_minor bigint not null default 0,
    paid_minor         bigint not null default 0,
    ledger_rows        bigint not null default 0
);

-- Backfill from the roll-ups (which equal the ledger and the tree: ReferralRollupsTest) and the payouts, once, as the
-- owner, with FORCE lifted inside this transaction only (as V16, V18 and V19 do; DDL is transactional).
alter table referral_rollup_level no force row level security;
alter table referral_rollup_link no force row level security;
alter table referral_rollup_balance no force row level security;
alter table payout no force row level security;
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
left join (select user_id, sum(amount_minor) as paid_minor from payout group by user_id) p on p.user_id = u.user_id;
alter table referral_rollup_level force row level security;
alter table referral_rollup_link force row level security;
alter table referral_rollup_balance force row level security;
alter table payout force row level security;

alter table referral_summary enable row level security;
alter table referral_summary force row level security;
create policy referral_summary_owner on referral_summary
    using (user_id = nullif(current_setting('app.user_id', true), '')::uuid)
    with check (user_id = nullif(current_setting('app.user_id', true), '')::uuid);
grant select, insert, update on referral_summary to ${app_role};
