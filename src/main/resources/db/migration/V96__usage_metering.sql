-- Usage over the plan's allowance, billed through Stripe Billing meters (docs/billing.md,
-- docs/decisions/0200-usage-overage-choice.md, 0201-overage-outbox-to-stripe-meters.md).

-- What a workspace wants when a monthly allowance (API calls, video minutes) is used up: stop (no row, or false)
-- or bill the overage. Only paid plans with a live subscription can bill; Free always stops. Tenant scope.
create table usage_overage_choice (
    tenant_id    uuid        primary key references tenant (id),
    bill_overage boolean     not null,
    changed_at   timestamptz not null,
    changed_by   uuid        references app_user (id)
);
alter table usage_overage_choice enable row level security;
alter table usage_overage_choice force row level security;
create policy usage_overage_choice_tenant_isolation on usage_overage_choice
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
grant select, insert, update on usage_overage_choice to ${app_role};

-- The outbox of overage units for Stripe. Units are added to the workspace's open batch (sealed_at null) in the
-- transaction of the usage they come from; the sender job seals a batch (giving it its sequence and identifier),
-- then sends one meter event with that identifier, so a retried send is never counted twice by Stripe. Platform
-- table (ids, counts and times only): the job claims rows of every workspace with for update skip locked.
-- No delete is granted: a batch is the record of what was billed.
create table usage_meter_batch (
    id                 uuid        primary key,
    subject_tenant_id  uuid        not null references tenant (id),
    meter              text        not null check (meter in ('api_calls', 'video_minutes')),
    period             date        not null,
    stripe_customer_id text        not null,
    units              bigint      not null check (units > 0),
    opened_at          timestamptz not null,
    last_usage_at      timestamptz not null,
    sealed_at          timestamptz,
    sequence           int,
    identifier         text        unique,
    attempts           int         not null default 0,
    next_attempt_at    timestamptz,
    last_error         text,
    sent_at            timestamptz,
    gave_up_at         timestamptz,
    check ((sealed_at is null) = (identifier is null) and (sealed_at is null) = (sequence is null))
);
-- At most one open batch per workspace, meter and month: concurrent usage adds to it (insert … on conflict).
create unique index usage_meter_batch_open on usage_meter_batch (subject_tenant_id, meter, period) where sealed_at is null;
create unique index usage_meter_batch_sequence on usage_meter_batch (subject_tenant_id, meter, period, sequence);
create index usage_meter_batch_due on usage_meter_batch (next_attempt_at) where sent_at is null and gave_up_at is null;
grant select, insert, update on usage_meter_batch to ${app_role};
