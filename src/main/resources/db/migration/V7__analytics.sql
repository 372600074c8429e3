-- Operator analytics roll-ups (platform scope: only the operator reads them; they name tenants as
-- subject_tenant_id, like the platform audit chain). They are maintained in the same transaction as the billing
-- event that moves them, so the analytics pages read a few pre-aggregated rows, never the raw history.

-- Each paying tenant's current monthly recurring revenue.
create table analytics_tenant_mrr (
    subject_tenant_id uuid primary key references tenant (id),
    plan              text,
    mrr_cents         bigint      not null,
    updated_at        timestamptz not null
);

-- Every change of a tenant's MRR, classified (append-only).
create table analytics_mrr_movement (
    id                uuid primary key,
    subject_tenant_id uuid        not null references tenant (id),
    month             date        not null,
    kind              text        not null check (kind in ('NEW', 'EXPANSION', 'CONTRACTION', 'CHURN')),
    delta_cents       bigint      not null,
    occurred_at       timestamptz not null
);
create index analytics_mrr_movement_month_idx on analytics_mrr_movement (month);

-- One row per calendar month (UTC).
create table analytics_month (
    month                      date primary key,
    new_mrr_cents              bigint not null default 0,
    expansion_mrr_cents        bigint not null default 0,
    contraction_mrr_cents      bigint not null default 0,
    churned_mrr_cents          bigint not null default 0,
    new_paying_tenants         int    not null default 0,
    churned_paying_tenants     int    not null default 0,
    subscription_revenue_cents bigint not null default 0,
    refunded_cents             bigint not null default 0,
    commissions_paid_cents     bigint not null default 0
);

-- Cumulative refund seen per invoice, so a cumulative Stripe figure becomes a monthly delta exactly once.
create table analytics_invoice_refund (
    invoice_id     text primary key,
    refunded_cents bigint not null
);

grant select, insert, update on analytics_tenant_mrr to ${app_role};
grant select, insert on analytics_mrr_movement to ${app_role};
grant select, insert, update on analytics_month to ${app_role};
grant select, insert, update on analytics_invoice_refund to ${app_role};
