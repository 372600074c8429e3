-- Videos of documentation projects: tenant scope, guarded like project (ENABLE + FORCE + policy on app.tenant_id).
-- created_at decides which calendar month (UTC) a video's minutes count against the plan's monthly limit.
create table video (
    id               uuid primary key,
    tenant_id        uuid        not null references tenant (id),
    project_id       uuid        not null references project (id) on delete cascade,
    title            text        not null,
    duration_minutes integer     not null check (duration_minutes between 1 and 1440),
    status           text        not null check (status in ('DRAFT', 'PROCESSING', 'PUBLISHED')),
    created_at       timestamptz not null,
    updated_at       timestamptz not null
);
create index video_project_idx on video (tenant_id, project_id, created_at desc);
create index video_month_idx on video (tenant_id, created_at);

alter table video enable row level security;
alter table video force row level security;
create policy video_tenant_isolation on video
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
grant select, insert, update, delete on video to ${app_role};
