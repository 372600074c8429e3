-- The public REST API (/api/v1): per-workspace API keys, the caller look-up in one statement, the monthly count of
-- calls, stored answers for Idempotency-Key and the shared token buckets of the rate limits.
-- See docs/decisions/0183-api-keys.md, 0184-api-requests-scoped-by-their-key.md, 0185-api-rate-limits-and-quota.md
-- and 0186-api-idempotency-keys.md.

-- Keys a workspace's owners and admins create on its API keys page. Only the SHA-256 of the secret part is kept; the
-- prefix (ddk_live_<prefix>_…) is shown on the page and is how a request's key is found. A rotated key keeps working
-- until expires_at (the grace period chosen at rotation); a revoked key stops at once.
create table api_key (
    id                 uuid primary key,
    tenant_id          uuid        not null references tenant (id),
    name               text        not null,
    prefix             text        not null unique,
    secret_hash        text        not null,
    scopes             text[]      not null,
    created_by_user_id uuid        references app_user (id),
    created_at         timestamptz not null,
    last_used_at       timestamptz,
    last_used_address  text,
    expires_at         timestamptz,
    revoked_at         timestamptz,
    replaced_by        uuid        references api_key (id),
    check (scopes <@ array['READ', 'WRITE', 'REFERRALS']::text[] and cardinality(scopes) > 0)
);
create index api_key_tenant_idx on api_key (tenant_id, created_at);
alter table api_key enable row level security;
alter table api_key force row level security;
-- A request that presents a key's prefix may read that one row before its workspace is known (api_caller below sets
-- app.api_key_prefix first); everything else about keys happens in the workspace's scope.
create policy api_key_tenant_isolation on api_key
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid
           or prefix = nullif(current_setting('app.api_key_prefix', true), ''))
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
grant select, insert, update on api_key to ${app_role};

-- What billing publishes of a workspace's subscription for the plan in force (read under the reader's row-level
-- security, like the views of V26).
create view billing_plan_standing with (security_invoker = true) as
    select tenant_id, plan, status, past_due_since from billing_subscription;
grant select on billing_plan_standing to ${app_role};

-- API calls counted per workspace and calendar month (UTC), against the plan's monthly allowance.
create table api_usage_month (
    tenant_id uuid   not null references tenant (id),
    month     date   not null,
    calls     bigint not null,
    primary key (tenant_id, month)
);
alter table api_usage_month enable row level security;
alter table api_usage_month force row level security;
create policy api_usage_month_tenant_isolation on api_usage_month
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
grant select, insert, update on api_usage_month to ${app_role};

-- The answer to a POST sent with an Idempotency-Key, per key, replayed for 24 hours. status null: still running.
create table api_idempotency (
    tenant_id       uuid        not null references tenant (id),
    api_key_id      uuid        not null references api_key (id),
    idempotency_key text        not null,
    request_hash    text        not null,
    status          integer,
    body            text,
    location        text,
    created_at      timestamptz not null,
    primary key (api_key_id, idempotency_key)
);
create index api_idempotency_created_idx on api_idempotency (created_at);
alter table api_idempotency enable row level security;
alter table api_idempotency force row level security;
create policy api_idempotency_tenant_isolation on api_idempotency
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
grant select, insert, update, delete on api_idempotency to ${app_role};

-- Bucket4j's token buckets (its PostgreSQL select-for-update proxy manager): one row per key or workspace bucket,
-- shared by every instance. Platform scope: ids name keys and workspaces by hashes, never personal data.
create table api_rate_bucket (
    id         text primary key,
    state      bytea,
    expires_at bigint
);
grant select, insert, update, delete on api_rate_bucket to ${app_role};

-- The API caller in one statement: the key found by its prefix, the workspace and what the plan in force depends
-- on. The workspace's scope is written for the rest of the transaction only when the secret's hash matches a live
-- key (the application compares the hashes again in constant time). SECURITY INVOKER: the key row is visible through
-- its policy because the caller presented its prefix; nothing else is widened.
create function api_caller(
    p_prefix      text,
    p_secret_hash text,
    p_now         timestamptz,
    p_address     text,
    p_touch_every interval)
returns table (
    key_id                 uuid,
    key_secret_hash        text,
    key_scopes             text[],
    key_created_by_user_id uuid,
    tenant_id              uuid,
    tenant_slug            text,
    tenant_display_name    text,
    tenant_status          text,
    tenant_plan_override   text,
    subscription_plan      text,
    subscription_status    text,
    subscription_past_due_since timestamptz)
language plpgsql volatile security invoker
set search_path = public, pg_temp
as $$
#variable_conflict use_column
declare
    k api_key;
    t tenant;
    v_plan text;
    v_status text;
    v_past_due_since timestamptz;
begin
    perform set_config('app.api_key_prefix', coalesce(p_prefix, ''), true);
    select * into k from api_key x
     where x.prefix = p_prefix and x.revoked_at is null and (x.expires_at is null or p_now < x.expires_at);
    perform set_config('app.api_key_prefix', '', true);
    if k.id is null or k.secret_hash <> p_secret_hash then
        return;
    end if;
    select * into t from tenant x where x.id = k.tenant_id;
    perform set_config('app.tenant_id', t.id::text, true), set_config('app.user_id', '', true);
    if k.last_used_at is null or p_now >= k.last_used_at + p_touch_every
            or k.last_used_address is distinct from p_address then
        -- Never waits: a parallel request of the same key that holds the row writes it.
        update api_key x set last_used_at = p_now, last_used_address = p_address
         where x.id = (select y.id from api_key y where y.id = k.id for update skip locked);
    end if;
    select s.plan, s.status, s.past_due_since into v_plan, v_status, v_past_due_since from billing_plan_standing s where s.tenant_id = t.id;
    key_id := k.id;
    key_secret_hash := k.secret_hash;
    key_scopes := k.scopes;
    key_created_by_user_id := k.created_by_user_id;
    tenant_id := t.id;
    tenant_slug := t.slug;
    tenant_display_name := t.display_name;
    tenant_status := t.status;
    tenant_plan_override := t.plan_override;
    subscription_plan := v_plan;
    subscription_status := v_status;
    subscription_past_due_since := v_past_due_since;
    return next;
end;
$$;
grant execute on function api_caller(text, text, timestamptz, text, interval) to ${app_role};
