-- Referral guards (docs/decisions/0022, 0023, 0027): a workspace may switch the programme off for its people, suspicious
-- referrals wait for an operator, and payouts may go out as Stripe Connect transfers. (V8, V9 are others'.)

-- docs/decisions/0022: an earner whose HOME tenant switched the programme off earns nothing from future invoices.
alter table tenant add column referral_programme_disabled boolean not null default false;

-- Every attributed sign-up is screened once, at sign-up (platform scope, ids and a keyed address hash only: the
-- operator's review queue and the "many sign-ups from one address" count both read across users). Non-empty
-- reasons = flagged: the referred user's invoices earn HELD commissions until an operator decides.
create table referral_screening (
    referred_user_id uuid primary key references app_user (id),
    sponsor_user_id  uuid        not null references app_user (id),
    ip_hash          text,
    reasons          text[]      not null default '{}',
    screened_at      timestamptz not null,
    decision         text check (decision in ('APPROVED', 'REJECTED')),
    decided_at       timestamptz,
    decided_by       uuid references app_user (id)
);
create index referral_screening_ip_idx on referral_screening (ip_hash, screened_at);
create index referral_screening_open_idx on referral_screening (screened_at) where decision is null and reasons <> '{}';

-- HELD: written but never approved by the job; an operator review moves the line on.
alter table commission_status_event drop constraint commission_status_event_status_check;
alter table commission_status_event add constraint commission_status_event_status_check
    check (status in ('PENDING', 'APPROVED', 'FROZEN', 'HELD'));
alter table commission_line drop constraint commission_line_status_check;
alter table commission_line add constraint commission_line_status_check
    check (status in ('PENDING', 'APPROVED', 'FROZEN', 'HELD'));

-- Stripe Connect (docs/decisions/0027): the connected account an operator recorded for an earner (platform scope).
create table payout_destination (
    earner_user_id    uuid primary key references app_user (id),
    stripe_account_id text        not null check (stripe_account_id ~ '^acct_[A-Za-z0-9]{6,64}$'),
    recorded_at       timestamptz not null,
    recorded_by       uuid        not null references app_user (id)
);

-- Append-only status rows of a payout (the earner's): TRANSFERRED names the Stripe transfer that paid it.
create table payout_status (
    id                 bigint generated always as identity primary key,
    payout_id          text        not null references payout (id),
    user_id            uuid        not null references app_user (id),
    status             text        not null check (status in ('TRANSFERRED')),
    stripe_transfer_id text,
    occurred_at        timestamptz not null,
    unique (payout_id, status)
);
alter table payout_status enable row level security;
alter table payout_status force row level security;
create policy payout_status_owner on payout_status
    using (user_id = nullif(current_setting('app.user_id', true), '')::uuid)
    with check (user_id = nullif(current_setting('app.user_id', true), '')::uuid);

grant select, insert, update (decision, decided_at, decided_by) on referral_screening to ${app_role};
grant select, insert, update (stripe_account_id, recorded_at, recorded_by) on payout_destination to ${app_role};
grant select, insert on payout_status to ${app_role};
