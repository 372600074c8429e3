-- The workspace home's getting-started checklist, dismissed per person and workspace. Tenant scope, guarded like
-- project (ENABLE + FORCE + policy on app.tenant_id); a person only ever writes their own row (the service names them).
create table home_checklist_dismissal (
    tenant_id    uuid        not null references tenant (id),
    user_id      uuid        not null references app_user (id) on delete cascade,
    dismissed_at timestamptz not null,
    primary key (tenant_id, user_id)
);

alter table home_checklist_dismissal enable row level security;
alter table home_checklist_dismissal force row level security;
create policy home_checklist_dismissal_tenant_isolation on home_checklist_dismissal
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
grant select, insert on home_checklist_dismissal to ${app_role};
