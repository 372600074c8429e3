-- Outgoing webhooks (docs/webhooks-outgoing.md, docs/decisions/0190-outgoing-webhooks-outbox.md,
-- 0191-referral-events-reach-the-earners-own-endpoints.md).

-- A workspace's endpoints. Tenant scope; the signing secrets are sealed (AES-256-GCM, the tenant and endpoint ids as
-- associated data) because we must sign with them, so they can't be hashed. During a rotation the previous secret
-- signs too until previous_secret_until. owner_user_id is who registered it: referral events (a person's own
-- commissions) go only to endpoints their earner registered, so their rows are also readable by that person
-- (never writable outside the workspace).
create table webhook_endpoint (
    id                     uuid primary key,
    tenant_id              uuid        not null references tenant (id),
    owner_user_id          uuid        not null references app_user (id),
    url                    text        not null,
    description            text        not null default '',
    event_types            text        not null,
    secret_sealed          text        not null,
    previous_secret_sealed text,
    previous_secret_until  timestamptz,
    enabled                boolean     not null default true,
    failing_since          timestamptz,
    last_success_at        timestamptz,
    disabled_at            timestamptz,
    disabled_reason        text,
    created_at             timestamptz not null,
    updated_at             timestamptz not null
);
create index webhook_endpoint_tenant on webhook_endpoint (tenant_id, created_at);
create index webhook_endpoint_owner on webhook_endpoint (owner_user_id);
alter table webhook_endpoint enable row level security;
alter table webhook_endpoint force row level security;
create policy webhook_endpoint_read on webhook_endpoint for select
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid
        or owner_user_id = nullif(current_setting('app.user_id', true), '')::uuid);
create policy webhook_endpoint_insert on webhook_endpoint for insert
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
create policy webhook_endpoint_update on webhook_endpoint for update
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
create policy webhook_endpoint_delete on webhook_endpoint for delete
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
grant select, insert, update, delete on webhook_endpoint to ${app_role};

-- One event for one endpoint: the body as signed, and the last attempt's request and answer (truncated). event_id is
-- the id receivers deduplicate on; a resend keeps it. recipient_user_id is set for referral events: only that person
-- sees the row on the page, and acting as themselves they may queue it into the endpoint they registered.
create table webhook_delivery (
    id                  uuid primary key,
    tenant_id           uuid        not null references tenant (id),
    endpoint_id         uuid        not null references webhook_endpoint (id) on delete cascade,
    recipient_user_id   uuid        references app_user (id) on delete cascade,
    event_id            uuid        not null,
    event_type          text        not null,
    payload             text        not null,
    status              text        not null,
    attempts            int         not null default 0,
    created_at          timestamptz not null,
    next_attempt_at     timestamptz,
    last_attempt_at     timestamptz,
    request_headers     text,
    response_status     int,
    response_body       text,
    error               text
);
create index webhook_delivery_log on webhook_delivery (endpoint_id, created_at desc);
create index webhook_delivery_tenant on webhook_delivery (tenant_id, created_at desc);
alter table webhook_delivery enable row level security;
alter table webhook_delivery force row level security;
create policy webhook_delivery_read on webhook_delivery for select
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid
        or recipient_user_id = nullif(current_setting('app.user_id', true), '')::uuid);
create policy webhook_delivery_insert on webhook_delivery for insert
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid
        or (recipient_user_id = nullif(current_setting('app.user_id', true), '')::uuid
            and exists (select 1 from webhook_endpoint e where e.id = endpoint_id and e.tenant_id = webhook_delivery.tenant_id
                        and e.owner_user_id = webhook_delivery.recipient_user_id)));
create policy webhook_delivery_update on webhook_delivery for update
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
create policy webhook_delivery_delete on webhook_delivery for delete
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
grant select, insert, update, delete on webhook_delivery to ${app_role};

-- Platform index of the deliveries to try (ids and times only, no payloads): the sender job on any instance claims
-- rows here with for update skip locked, then reads and records each delivery in its workspace's scope.
create table webhook_delivery_due (
    delivery_id       uuid primary key references webhook_delivery (id) on delete cascade,
    subject_tenant_id uuid        not null references tenant (id),
    due_at            timestamptz not null
);
create index webhook_delivery_due_at on webhook_delivery_due (due_at);
grant select, insert, update, delete on webhook_delivery_due to ${app_role};
