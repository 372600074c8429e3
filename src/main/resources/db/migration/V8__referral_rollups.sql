-- Referral dashboard roll-ups (docs/decisions/0029). Per-user-per-month rows, upserted in the same transaction as the
-- ledger row, attribution or click that moves them, so the "My referrals" page reads a few rows per user and never
-- scans the ledger. User scope: each row is its owner's, under a FORCEd policy on app.user_id. Months are UTC.

-- Per level of the user's downline: who joined at that level, who became paying, what was earned and clawed back.
-- earned_minor sums the positive ledger rows, clawed_back_minor the negative ones (as a positive figure), so
-- earned − clawed back equals the ledger's sum for the same user, month and level.
create table referral_rollup_level (
    user_id           uuid     not null references app_user (id),
    month             date     not null,
    level             smallint not null check (level between 1 and 7),
    sign_ups          int      not null default 0,
    paying_referrals  int      not null default 0,
    earned_minor      bigint   not null default 0,
    clawed_back_minor bigint   not null default 0,
    primary key (user_id, month, level)
);
alter table referral_rollup_level enable row level security;
alter table referral_rollup_level force row level security;
create policy referral_rollup_level_owner on referral_rollup_level
    using (user_id = nullif(current_setting('app.user_id', true), '')::uuid)
    with check (user_id = nullif(current_setting('app.user_id', true), '')::uuid);

-- Per month of the user's own link: recorded clicks, recorded copy/share clicks, and the summed time from the
-- user's own sign-up to each direct referral's sign-up (viral cycle time = cycle_seconds ÷ level-1 sign-ups).
create table referral_rollup_link (
    user_id       uuid   not null references app_user (id),
    month         date   not null,
    clicks        int    not null default 0,
    shares        int    not null default 0,
    cycle_seconds bigint not null default 0,
    primary key (user_id, month)
);
alter table referral_rollup_link enable row level security;
alter table referral_rollup_link force row level security;
create policy referral_rollup_link_owner on referral_rollup_link
    using (user_id = nullif(current_setting('app.user_id', true), '')::uuid)
    with check (user_id = nullif(current_setting('app.user_id', true), '')::uuid);

-- The payer's first paid (commissionable) invoice: makes "became paying" count once per referred user.
create table referral_paying_member (
    user_id        uuid primary key references app_user (id),
    first_paid_at  timestamptz not null
);
alter table referral_paying_member enable row level security;
alter table referral_paying_member force row level security;
create policy referral_paying_member_owner on referral_paying_member
    using (user_id = nullif(current_setting('app.user_id', true), '')::uuid)
    with check (user_id = nullif(current_setting('app.user_id', true), '')::uuid);

-- Everyone with a roll-up (platform scope, ids only): the leaderboard job visits them one transaction each.
create table referral_rollup_user (
    member_user_id uuid primary key
);

-- Platform totals per month for the operator's viral metrics (platform scope: counts only, nobody's identity).
create table referral_platform_month (
    month              date primary key,
    sign_ups           int    not null default 0,
    referred_sign_ups  int    not null default 0,
    referred_paying    int    not null default 0,
    clicks             int    not null default 0,
    shares             int    not null default 0,
    cycle_seconds      bigint not null default 0
);

grant select, insert, update on referral_platform_month to ${app_role};
grant select, insert, update on referral_rollup_level to ${app_role};
grant select, insert, update on referral_rollup_link to ${app_role};
grant select, insert on referral_paying_member to ${app_role};
grant select, insert on referral_rollup_user to ${app_role};

-- Leaderboard opt-in (user scope): a person chooses to show a display name; without a row they appear anonymised.
create table leaderboard_profile (
    user_id      uuid primary key references app_user (id),
    display_name text        not null check (length(display_name) between 1 and 40),
    opted_in_at  timestamptz not null
);
alter table leaderboard_profile enable row level security;
alter table leaderboard_profile force row level security;
create policy leaderboard_profile_owner on leaderboard_profile
    using (user_id = nullif(current_setting('app.user_id', true), '')::uuid)
    with check (user_id = nullif(current_setting('app.user_id', true), '')::uuid);

-- The public leaderboard (platform scope, deliberately: it is what everyone may see). Written only by the refresh
-- job, one user at a time from that user's own roll-ups; public_name is null unless the user opted in. It holds
-- counts and totals, never an invoice, a tenant or an email. The key is the user's id, named user_key rather than
-- user_id on purpose: user_id marks user-scoped tables (RLS on app.user_id, checked by DatabaseRolesTest), and this
-- table is readable by every signed-in person by design (docs/decisions/0031); the page never shows the key.
create table leaderboard_entry (
    user_key            uuid primary key,
    public_name         text,
    month               date        not null,
    paying_month        int         not null,
    paying_all          int         not null,
    earned_month_minor  bigint      not null,
    earned_all_minor    bigint      not null,
    sign_ups_all        int         not null,
    viral_score         bigint      not null,
    refreshed_at        timestamptz not null
);
create index leaderboard_entry_paying_all_idx on leaderboard_entry (paying_all desc);
create index leaderboard_entry_earned_all_idx on leaderboard_entry (earned_all_minor desc);
create index leaderboard_entry_paying_month_idx on leaderboard_entry (month, paying_month desc);
create index leaderboard_entry_earned_month_idx on leaderboard_entry (month, earned_month_minor desc);

grant select, insert, update, delete on leaderboard_profile to ${app_role};
grant select, insert, update on leaderboard_entry to ${app_role};

-- Backfill from the history written before this migration, once, as the owner. The owner is subject to the FORCEd
-- policies like everyone else, so FORCE is lifted for this migration's transaction only and restored below (DDL is
-- transactional in PostgreSQL: nothing outside this transaction ever sees it lifted).
alter table commission_entry no force row level security;
alter table commission_invoice no force row level security;
alter table referral_tree no force row level security;
alter table referral_attribution no force row level security;
alter table referral_rollup_level no force row level security;
alter table referral_rollup_link no force row level security;
alter table referral_paying_member no force row level security;

insert into referral_rollup_level (user_id, month, level, earned_minor, clawed_back_minor)
select user_id, date_trunc('month', recorded_at at time zone 'UTC')::date, level,
       sum(greatest(amount_minor, 0)), sum(greatest(-amount_minor, 0))
from commission_entry group by 1, 2, 3;

insert into referral_rollup_level (user_id, month, level, sign_ups)
select t.ancestor_user_id, date_trunc('month', u.created_at at time zone 'UTC')::date, t.depth, count(*)
from referral_tree t join app_user u on u.id = t.user_id group by 1, 2, 3
on conflict (user_id, month, level) do update set sign_ups = excluded.sign_ups;

insert into referral_paying_member (user_id, first_paid_at)
select user_id, min(paid_at) from commission_invoice where paid_at is not null and flag is null group by user_id;

insert into referral_rollup_level (user_id, month, level, paying_referrals)
select t.ancestor_user_id, date_trunc('month', p.first_paid_at at time zone 'UTC')::date, t.depth, count(*)
from referral_paying_member p join referral_tree t on t.user_id = p.user_id group by 1, 2, 3
on conflict (user_id, month, level) do update set paying_referrals = excluded.paying_referrals;

insert into referral_rollup_link (user_id, month, clicks)
select sponsor_user_id, date_trunc('month', clicked_at at time zone 'UTC')::date, count(*)
from referral_click group by 1, 2;

insert into referral_rollup_link (user_id, month, cycle_seconds)
select a.sponsor_user_id, date_trunc('month', a.attributed_at at time zone 'UTC')::date,
       sum(greatest(0, extract(epoch from a.attributed_at - s.created_at)))::bigint
from referral_attribution a join app_user s on s.id = a.sponsor_user_id group by 1, 2
on conflict (user_id, month) do update set cycle_seconds = excluded.cycle_seconds;

insert into referral_rollup_user (member_user_id)
select user_id from referral_rollup_level union select user_id from referral_rollup_link;

insert into referral_platform_month (month, sign_ups)
select date_trunc('month', created_at at time zone 'UTC')::date, count(*) from app_user group by 1;

insert into referral_platform_month (month, referred_sign_ups, cycle_seconds)
select date_trunc('month', a.attributed_at at time zone 'UTC')::date, count(*),
       sum(greatest(0, extract(epoch from a.attributed_at - s.created_at)))::bigint
from referral_attribution a join app_user s on s.id = a.sponsor_user_id group by 1
on conflict (month) do update set referred_sign_ups = excluded.referred_sign_ups,
    cycle_seconds = excluded.cycle_seconds;

insert into referral_platform_month (month, referred_paying)
select date_trunc('month', p.first_paid_at at time zone 'UTC')::date, count(*)
from referral_paying_member p join referral_attribution a on a.user_id = p.user_id group by 1
on conflict (month) do update set referred_paying = excluded.referred_paying;

insert into referral_platform_month (month, clicks)
select date_trunc('month', clicked_at at time zone 'UTC')::date, count(*) from referral_click group by 1
on conflict (month) do update set clicks = excluded.clicks;

alter table commission_entry force row level security;
alter table commission_invoice force row level security;
alter table referral_tree force row level security;
alter table referral_attribution force row level security;
alter table referral_rollup_level force row level security;
alter table referral_rollup_link force row level security;
alter table referral_paying_member force row level security;
