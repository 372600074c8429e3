-- Add-ons (docs/decisions/0204-add-ons-catalogue-and-entitlements.md): what each of a workspace's subscriptions grants
-- besides its plan, as Stripe's webhooks last said. A projection of Stripe's subscription items, replaced by each
-- applied subscription event and removed when the item or the subscription goes away.
create table billing_addon_grant (
    tenant_id              uuid        not null references tenant (id),
    add_on                 text        not null,
    stripe_subscription_id text        not null,
    quantity               bigint      not null check (quantity > 0),
    updated_at             timestamptz not null,
    primary key (tenant_id, add_on, stripe_subscription_id)
);
alter table billing_addon_grant enable row level security;
alter table billing_addon_grant force row level security;
create policy billing_addon_grant_tenant_isolation on billing_addon_grant
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
grant select, insert, update, delete on billing_addon_grant to ${app_role};

-- The workspaces holding the white-label add-on, kept beside the grants in the same transaction. Platform scope (no
-- row-level security): a shared video's page reads its workspace's row outside that workspace's scope, and the layout
-- reads one row by primary key. Billing's own table: the tenant table belongs to the tenant feature.
create table billing_white_label (
    subject_tenant_id uuid primary key references tenant (id)
);
grant select, insert, delete on billing_white_label to ${app_role};

-- Revenue by stream (docs/decisions/0205-revenue-by-stream.md): each paid invoice's net split by its lines, one row
-- per (invoice, stream), written once when the invoice is recorded and never updated; the shares of an invoice add
-- up to its net. Platform scope, like the other analytics roll-ups.
create table analytics_invoice_stream (
    invoice_id        text        not null,
    stream            text        not null,
    subject_tenant_id uuid        not null references tenant (id),
    month             date        not null,
    net_cents         bigint      not null,
    recorded_at       timestamptz not null,
    primary key (invoice_id, stream)
);
create index analytics_invoice_stream_month_idx on analytics_invoice_stream (month);
grant select, insert on analytics_invoice_stream to ${app_role};

-- Which revenue streams referral commissions apply to (docs/decisions/0206-commission-streams.md): versioned like
-- commission_plan, the newest row applies to invoices paid from its time on; every change is audited.
create table commission_stream_setting (
    version    int primary key,
    streams    text[]      not null,
    changed_by uuid,
    changed_at timestamptz not null
);
insert into commission_stream_setting (version, streams, changed_by, changed_at)
values (1, array['PLAN', 'USAGE', 'OTHER'], null, now());
grant select, insert on commission_stream_setting to ${app_role};
