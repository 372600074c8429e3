-- Billing: Stripe events (platform scope), routes from Stripe ids to tenants, and per-tenant subscription and
-- invoice state (tenant scope, row-level security like V1).

-- Platform scope: every verified Stripe event, stored before it is processed. The primary key makes a repeated
-- delivery (also two at once) a no-op; status/attempts/next_attempt_at drive the retry job.
create table stripe_event (
    event_id        text primary key,
    type            text        not null,
    api_version     text,
    stripe_created  timestamptz not null,
    payload         text        not null,
    status          text        not null default 'PENDING' check (status in ('PENDING', 'DONE', 'FLAGGED')),
    attempts        integer     not null default 0,
    last_error      text,
    received_at     timestamptz not null,
    next_attempt_at timestamptz not null,
    processed_at    timestamptz
);
create index stripe_event_due_idx on stripe_event (next_attempt_at) where status = 'PENDING';
grant select, insert, update on stripe_event to ${app_role};

-- Which tenant a Stripe customer, charge or payment intent belongs to. A webhook must find its tenant before it
-- can act in that tenant's scope, so every tenant may read the routes (Stripe ids are not secrets and carry no
-- personal data), but only a tenant may add a route to itself, and nobody changes or removes one.
create table billing_route (
    stripe_id  text primary key,
    kind       text        not null check (kind in ('CUSTOMER', 'CHARGE', 'PAYMENT_INTENT')),
    tenant_id  uuid        not null references tenant (id),
    created_at timestamptz not null default now()
);
create index billing_route_tenant_idx on billing_route (tenant_id);
alter table billing_route enable row level security;
alter table billing_route force row level security;
create policy billing_route_read on billing_route for select using (true);
create policy billing_route_tenant_isolation on billing_route
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
grant select, insert on billing_route to ${app_role};

-- Tenant scope: the tenant's Stripe customer and subscription as the last applied event left it.
create table billing_subscription (
    id                     uuid primary key,
    tenant_id              uuid        not null unique references tenant (id),
    stripe_customer_id     text unique,
    stripe_subscription_id text,
    status                 text check (status in ('TRIALING', 'ACTIVE', 'PAST_DUE', 'CANCELED', 'UNPAID',
                                                  'INCOMPLETE', 'PAUSED')),
    plan                   text check (plan in ('FREE', 'PRO', 'TEAM', 'ENTERPRISE')),
    price_id               text,
    current_period_end     timestamptz,
    cancel_at_period_end   boolean     not null default false,
    past_due_since         timestamptz,
    last_event_created     timestamptz,
    updated_at             timestamptz not null
);
alter table billing_subscription enable row level security;
alter table billing_subscription force row level security;
create policy billing_subscription_tenant_isolation on billing_subscription
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
grant select, insert, update on billing_subscription to ${app_role};

-- Tenant scope: paid and failed invoices from webhook data, with what later refunds and disputes match on.
create table billing_invoice (
    id                     uuid primary key,
    tenant_id              uuid        not null references tenant (id),
    stripe_invoice_id      text        not null,
    stripe_subscription_id text,
    status                 text        not null check (status in ('PAID', 'FAILED')),
    currency               text        not null,
    supported_currency     boolean     not null,
    amount_due             bigint      not null,
    amount_paid            bigint      not null,
    tax                    bigint      not null,
    amount_refunded        bigint      not null default 0,
    hosted_invoice_url     text,
    period_start           timestamptz,
    period_end             timestamptz,
    charge_id              text,
    payment_intent_id      text,
    dispute_id             text,
    dispute_status         text,
    stripe_created         timestamptz not null,
    updated_at             timestamptz not null,
    unique (tenant_id, stripe_invoice_id)
);
create index billing_invoice_charge_idx on billing_invoice (tenant_id, charge_id);
create index billing_invoice_payment_intent_idx on billing_invoice (tenant_id, payment_intent_id);
alter table billing_invoice enable row level security;
alter table billing_invoice force row level security;
create policy billing_invoice_tenant_isolation on billing_invoice
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
grant select, insert, update on billing_invoice to ${app_role};
