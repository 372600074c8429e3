-- Foundation schema. Runs as the owner role; the app connects as ${app_role}, which is neither superuser nor
-- BYPASSRLS. Tenant-scoped tables ENABLE and FORCE row-level security so that even the owner obeys policies.
-- Policies read transaction-local settings written by RowLevelSecurity at the start of every transaction;
-- nullif(...) guards the empty string a pooled connection reports after an earlier transaction set it.

-- Platform scope: no tenant_id, no policy.
create table tenant (
    id                 uuid primary key,
    slug               text        not null unique,
    display_name       text        not null,
    status             text        not null default 'ACTIVE' check (status in ('ACTIVE', 'SUSPENDED')),
    primary_color      text        not null default '#1f6feb',
    accent_color       text        not null default '#8250df',
    logo_url           text,
    hostnames          varchar[]   not null default '{}',
    plan_override      text check (plan_override in ('FREE', 'PRO', 'TEAM', 'ENTERPRISE')),
    sso                jsonb,
    source             text        not null check (source in ('YAML', 'SIGNUP')),
    created_by_user_id uuid,
    created_at         timestamptz not null default now(),
    updated_at         timestamptz not null default now(),
    constraint tenant_slug_format check (slug ~ '^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$')
);
create index tenant_hostnames_idx on tenant using gin (hostnames);

-- Tenant scope: documentation projects (the product's first tenant-owned data).
create table project (
    id             uuid primary key,
    tenant_id      uuid        not null references tenant (id),
    name           text        not null,
    repository_url text,
    description    text,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now()
);
create index project_tenant_idx on project (tenant_id, name);

-- Audit trail: one hash chain per tenant plus one platform chain. Rows hold ids, never personal data, so that
-- erasing a person never breaks a chain. Appends lock the chain's head row, so seq has no gaps or forks.
create table audit_chain_head (
    tenant_id uuid primary key references tenant (id),
    seq       bigint not null,
    hash      text   not null
);

create table audit_entry (
    tenant_id     uuid        not null references tenant (id),
    seq           bigint      not null,
    occurred_at   timestamptz not null,
    actor_kind    text        not null,
    actor_user_id uuid,
    action        text        not null,
    target_type   text,
    target_id     text,
    outcome       text        not null,
    details       text        not null default '{}',
    prev_hash     text        not null,
    hash          text        not null,
    primary key (tenant_id, seq)
);

create table platform_audit_head (
    id   smallint primary key check (id = 1),
    seq  bigint not null,
    hash text   not null
);
insert into platform_audit_head (id, seq, hash) values (1, 0, 'genesis');

create table platform_audit_entry (
    seq               bigint primary key,
    occurred_at       timestamptz not null,
    actor_kind        text        not null,
    actor_user_id     uuid,
    subject_tenant_id uuid,
    action            text        not null,
    target_type       text,
    target_id         text,
    outcome           text        not null,
    details           text        not null default '{}',
    prev_hash         text        not null,
    hash              text        not null
);
create index platform_audit_subject_idx on platform_audit_entry (subject_tenant_id, seq);

-- Row-level security on every tenant-scoped table.
alter table project enable row level security;
alter table project force row level security;
create policy project_tenant_isolation on project
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

alter table audit_chain_head enable row level security;
alter table audit_chain_head force row level security;
create policy audit_chain_head_tenant_isolation on audit_chain_head
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

alter table audit_entry enable row level security;
alter table audit_entry force row level security;
create policy audit_entry_tenant_isolation on audit_entry
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

-- The runtime role: data access only, and append-only on audit entries.
grant usage on schema public to ${app_role};
grant select, insert, update on tenant to ${app_role};
grant select, insert, update, delete on project to ${app_role};
grant select, insert, update on audit_chain_head to ${app_role};
grant select, insert on audit_entry to ${app_role};
grant select, update on platform_audit_head to ${app_role};
grant select, insert on platform_audit_entry to ${app_role};

-- Cluster-wide named locks: work that must run on one instance at a time (start-up upserts, scheduled jobs)
-- locks its row for the length of its transaction. Plain row locks keep this portable beyond PostgreSQL.
create table cluster_lock (
    name text primary key
);
grant select, insert, update on cluster_lock to ${app_role};
