-- Referrals: codes, clicks, attribution, the referral tree, the commission ledger and payouts.
-- (V3 is billing's.) User-scoped tables carry user_id and a FORCEd policy on app.user_id. Work that touches several
-- users (sign-up inserting the new user's tree rows, an invoice paying 7 ancestors, jobs) switches app.user_id per
-- user inside the transaction (referral/ActingAs), so every row is written under its own owner's policy.

-- Published commission plans (platform scope): every ledger row names the version and rate it used.
create table commission_plan (
    version      int primary key check (version >= 1),
    level_rates  int[]       not null check (cardinality(level_rates) = 7),
    published_at timestamptz not null
);
insert into commission_plan (version, level_rates, published_at) values (1, '{2000,1500,1000,800,500,300,200}', now());

-- Referral codes (user scope). A link is public by design, so resolving one code is allowed by naming it:
-- the resolver sets app.referral_code transaction-locally and sees exactly that row, never a list.
create table referral_code (
    code        text primary key check (code ~ '^[a-z0-9-]{4,32}$'),
    user_id     uuid        not null references app_user (id),
    kind        text        not null check (kind in ('GENERATED', 'VANITY')),
    created_at  timestamptz not null,
    disabled_at timestamptz,
    unique (user_id, kind)
);
alter table referral_code enable row level security;
alter table referral_code force row level security;
create policy referral_code_owner on referral_code
    using (user_id = nullif(current_setting('app.user_id', true), '')::uuid
           or code = nullif(current_setting('app.referral_code', true), ''))
    with check (user_id = nullif(current_setting('app.user_id', true), '')::uuid);

-- Clicks (platform scope: written by anonymous visitors, read by the id the signed cookie carries). Stored: the
-- code, the sponsor it resolved to, the time, and a keyed hash of the client address (a fraud signal that cannot be
-- turned back into the address). Nothing else about the visitor.
create table referral_click (
    id              uuid primary key,
    code            text        not null,
    sponsor_user_id uuid        not null references app_user (id),
    clicked_at      timestamptz not null,
    ip_hash         text        not null
);
create index referral_click_ip_idx on referral_click (ip_hash, clicked_at);

-- Who referred whom (user scope: the referred user's row; their sponsor may read it too). One row per user, written
-- once at sign-up; only the operator correction changes sponsor_user_id (audited).
create table referral_attribution (
    user_id         uuid primary key references app_user (id),
    sponsor_user_id uuid        not null references app_user (id),
    click_id        uuid        references referral_click (id),
    attributed_at   timestamptz not null,
    corrected_at    timestamptz,
    check (user_id <> sponsor_user_id)
);
create index referral_attribution_sponsor_idx on referral_attribution (sponsor_user_id);
alter table referral_attribution enable row level security;
alter table referral_attribution force row level security;
create policy referral_attribution_user_or_sponsor on referral_attribution
    using (user_id = nullif(current_setting('app.user_id', true), '')::uuid
           or sponsor_user_id = nullif(current_setting('app.user_id', true), '')::uuid)
    with check (user_id = nullif(current_setting('app.user_id', true), '')::uuid);

-- The referral tree as a closure table bounded at depth 7: one row per (descendant, ancestor) pair up to 7 levels
-- apart. The ancestors of anyone, nearest first, are one primary-key range scan (user_id, depth 1..7); the table
-- holds at most 7 rows per user however deep the tree grows (an unbounded closure grows with depth², a
-- materialised path needs a join back for eligibility). user_id is the descendant: a new user's rows are all
-- their own, written under their own app.user_id; an ancestor may read the rows that name them (their downline).
-- Cycles are impossible by construction: sign-up only adds a leaf that has no descendants, and the operator
-- correction refuses a sponsor that is the user or one of their descendants.
create table referral_tree (
    user_id          uuid     not null references app_user (id),
    depth            smallint not null check (depth between 1 and 7),
    ancestor_user_id uuid     not null references app_user (id),
    primary key (user_id, depth),
    unique (user_id, ancestor_user_id),
    check (user_id <> ancestor_user_id)
);
create index referral_tree_ancestor_idx on referral_tree (ancestor_user_id, depth);
alter table referral_tree enable row level security;
alter table referral_tree force row level security;
create policy referral_tree_user_or_ancestor on referral_tree
    using (user_id = nullif(current_setting('app.user_id', true), '')::uuid
           or ancestor_user_id = nullif(current_setting('app.user_id', true), '')::uuid)
    with check (user_id = nullif(current_setting('app.user_id', true), '')::uuid);

-- Invoice header (user scope: the payer's). Locked FOR UPDATE while an event for the invoice writes differences,
-- so concurrent deliveries of the same or related events serialise. net/paid_at stay null until invoice.paid
-- arrives (a refund or dispute may come first); refunded_minor keeps the largest cumulative figure seen.
create table commission_invoice (
    invoice_id         text primary key,
    user_id            uuid        not null references app_user (id),
    stripe_customer_id text,
    currency           text,
    net_minor          bigint check (net_minor >= 0),
    paid_at            timestamptz,
    refunded_minor     bigint      not null default 0,
    plan_version       int references commission_plan (version),
    flag               text,
    recorded_at        timestamptz not null
);
alter table commission_invoice enable row level security;
alter table commission_invoice force row level security;
create policy commission_invoice_payer on commission_invoice
    using (user_id = nullif(current_setting('app.user_id', true), '')::uuid)
    with check (user_id = nullif(current_setting('app.user_id', true), '')::uuid);

-- Disputes of an invoice (the payer's scope, through the header).
create table commission_dispute (
    invoice_id text not null references commission_invoice (invoice_id),
    dispute_id text not null,
    outcome    text not null check (outcome in ('OPEN', 'WON', 'LOST')),
    changed_at timestamptz not null,
    primary key (invoice_id, dispute_id)
);
alter table commission_dispute enable row level security;
alter table commission_dispute force row level security;
create policy commission_dispute_payer on commission_dispute
    using (exists (select 1 from commission_invoice h where h.invoice_id = commission_dispute.invoice_id))
    with check (exists (select 1 from commission_invoice h where h.invoice_id = commission_dispute.invoice_id));

-- Who is entitled at which level of an invoice, fixed when it was paid (a later tree correction never changes it).
-- Visible to the payer (through the header) and to the earner of the level.
create table commission_share (
    invoice_id      text     not null references commission_invoice (invoice_id),
    level           smallint not null check (level between 1 and 7),
    earner_user_id  uuid     not null references app_user (id),
    rate_bp         int      not null check (rate_bp between 0 and 10000),
    plan_version    int      not null references commission_plan (version),
    primary key (invoice_id, level)
);
alter table commission_share enable row level security;
alter table commission_share force row level security;
create policy commission_share_payer_or_earner on commission_share
    using (earner_user_id = nullif(current_setting('app.user_id', true), '')::uuid
           or exists (select 1 from commission_invoice h where h.invoice_id = commission_share.invoice_id))
    with check (exists (select 1 from commission_invoice h where h.invoice_id = commission_share.invoice_id));

-- Append-only amount rows (user scope: the earner's). The unique key makes every fact exactly-once:
-- insert ... on conflict do nothing. The app role may only select and insert.
create table commission_entry (
    id            bigint generated always as identity primary key,
    invoice_id    text        not null references commission_invoice (invoice_id),
    user_id       uuid        not null references app_user (id),
    level         smallint    not null check (level between 1 and 7),
    kind          text        not null check (kind in ('EARNED', 'ADJUSTMENT', 'CLAWBACK')),
    discriminator bigint      not null,
    amount_minor  bigint      not null,
    currency      text        not null,
    plan_version  int         not null references commission_plan (version),
    rate_bp       int         not null,
    recorded_at   timestamptz not null,
    unique (invoice_id, user_id, level, kind, discriminator)
);
create index commission_entry_user_idx on commission_entry (user_id, invoice_id, level);
alter table commission_entry enable row level security;
alter table commission_entry force row level security;
create policy commission_entry_earner on commission_entry
    using (user_id = nullif(current_setting('app.user_id', true), '')::uuid)
    with check (user_id = nullif(current_setting('app.user_id', true), '')::uuid);

-- Append-only status events (the earner's); a line's status is its latest event.
create table commission_status_event (
    id          bigint generated always as identity primary key,
    invoice_id  text        not null references commission_invoice (invoice_id),
    user_id     uuid        not null references app_user (id),
    level       smallint    not null,
    status      text        not null check (status in ('PENDING', 'APPROVED', 'FROZEN')),
    occurred_at timestamptz not null
);
create index commission_status_event_line_idx on commission_status_event (user_id, invoice_id, level, id);
alter table commission_status_event enable row level security;
alter table commission_status_event force row level security;
create policy commission_status_event_earner on commission_status_event
    using (user_id = nullif(current_setting('app.user_id', true), '')::uuid)
    with check (user_id = nullif(current_setting('app.user_id', true), '')::uuid);

-- Projection of the latest status per line, kept in the same transaction as the event (only its status columns may
-- change).
create table commission_line (
    invoice_id        text        not null references commission_invoice (invoice_id),
    user_id           uuid        not null references app_user (id),
    level             smallint    not null check (level between 1 and 7),
    currency          text        not null,
    status            text        not null check (status in ('PENDING', 'APPROVED', 'FROZEN')),
    status_changed_at timestamptz not null,
    primary key (user_id, invoice_id, level)
);
alter table commission_line enable row level security;
alter table commission_line force row level security;
create policy commission_line_earner on commission_line
    using (user_id = nullif(current_setting('app.user_id', true), '')::uuid)
    with check (user_id = nullif(current_setting('app.user_id', true), '')::uuid);

-- The approval job's work queue (platform scope, ids only, no amounts): which lines may become APPROVED once their
-- invoice's hold has passed. The job claims due rows with FOR UPDATE SKIP LOCKED, so instances never share a row,
-- then acts as each earner to append the status event.
create table commission_approval_due (
    invoice_id     text        not null,
    earner_user_id uuid        not null,
    level          smallint    not null,
    paid_at        timestamptz not null,
    primary key (invoice_id, earner_user_id, level)
);
create index commission_approval_due_paid_idx on commission_approval_due (paid_at);

-- Everyone who ever earned (platform scope, ids only): the payout batch loops over them, one transaction each.
create table commission_earner (
    earner_user_id uuid primary key
);

-- Payouts (append-only, the earner's): one per user per batch; its lines say which commission lines it paid.
create table payout (
    id           text primary key,
    batch_id     text        not null,
    user_id      uuid        not null references app_user (id),
    amount_minor bigint      not null,
    currency     text        not null,
    created_at   timestamptz not null,
    unique (batch_id, user_id)
);
alter table payout enable row level security;
alter table payout force row level security;
create policy payout_owner on payout
    using (user_id = nullif(current_setting('app.user_id', true), '')::uuid)
    with check (user_id = nullif(current_setting('app.user_id', true), '')::uuid);

create table payout_line (
    payout_id    text   not null references payout (id),
    user_id      uuid   not null references app_user (id),
    invoice_id   text   not null,
    level        smallint not null,
    amount_minor bigint not null,
    primary key (payout_id, invoice_id, level)
);
create index payout_line_user_idx on payout_line (user_id, invoice_id, level);
alter table payout_line enable row level security;
alter table payout_line force row level security;
create policy payout_line_owner on payout_line
    using (user_id = nullif(current_setting('app.user_id', true), '')::uuid)
    with check (user_id = nullif(current_setting('app.user_id', true), '')::uuid);

grant select, insert on commission_plan to ${app_role};
grant select, insert, update (disabled_at) on referral_code to ${app_role};
grant select, insert on referral_click to ${app_role};
grant select, insert, update (sponsor_user_id, corrected_at) on referral_attribution to ${app_role};
-- Delete only for the operator correction, which rebuilds a subtree's rows.
grant select, insert, delete on referral_tree to ${app_role};
grant select, insert, update (stripe_customer_id, currency, net_minor, paid_at, refunded_minor, plan_version, flag)
    on commission_invoice to ${app_role};
grant select, insert, update (outcome, changed_at) on commission_dispute to ${app_role};
grant select, insert on commission_share to ${app_role};
grant select, insert on commission_entry to ${app_role};
grant select, insert on commission_status_event to ${app_role};
grant select, insert, update (status, status_changed_at) on commission_line to ${app_role};
-- FOR UPDATE SKIP LOCKED needs an UPDATE privilege; the job never updates a queue row, it deletes it.
grant select, insert, delete, update (paid_at) on commission_approval_due to ${app_role};
grant select, insert on commission_earner to ${app_role};
grant select, insert on payout to ${app_role};
grant select, insert on payout_line to ${app_role};
