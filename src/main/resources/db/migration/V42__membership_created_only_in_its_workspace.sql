-- Memberships are read both ways (a workspace's team, a person's workspaces) and may be removed both ways (a member
-- removed by the workspace, an account deleted by its person), but are created and changed only inside the workspace
-- they grant. The single policy of V2 also let a person, acting as themselves, write their own membership of ANY
-- workspace (with check … or user_id = app.user_id). Sign-up, invitations, SSO provisioning and the demo data all
-- run with the workspace in app.tenant_id. See docs/decisions/0098-every-table-has-a-listed-scope.md.
drop policy membership_tenant_or_user on membership;

create policy membership_read on membership for select
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid
           or user_id = nullif(current_setting('app.user_id', true), '')::uuid);
create policy membership_insert on membership for insert
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
create policy membership_update on membership for update
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
create policy membership_delete on membership for delete
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid
           or user_id = nullif(current_setting('app.user_id', true), '')::uuid);
