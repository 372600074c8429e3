-- Three platform index tables hold one row per tenant or per user but are read across scopes: the operator's
-- analytics and a person's downline list read every tenant's MRR, the screening count and the operator's review queue
-- read every referral's screening, the payout batch and the operator read every payout destination. Their reads stay
-- open to the app; their writes are now guarded by policies, so a unit of work can write only its own row: the MRR
-- of the tenant in app.tenant_id (the webhook sets it), the screening of the person in app.user_id (sign-up, as the
-- referred person) and an operator's decision or payout destination in the name of the operator acting.
-- See docs/decisions/0098-every-table-has-a-listed-scope.md.

alter table analytics_tenant_mrr enable row level security;
alter table analytics_tenant_mrr force row level security;
create policy analytics_tenant_mrr_read on analytics_tenant_mrr for select using (true);
create policy analytics_tenant_mrr_insert on analytics_tenant_mrr for insert
    with check (subject_tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
create policy analytics_tenant_mrr_update on analytics_tenant_mrr for update
    using (subject_tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (subject_tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

alter table referral_screening enable row level security;
alter table referral_screening force row level security;
create policy referral_screening_read on referral_screening for select using (true);
create policy referral_screening_insert on referral_screening for insert
    with check (referred_user_id = nullif(current_setting('app.user_id', true), '')::uuid);
create policy referral_screening_decide on referral_screening for update
    using (true)
    with check (decided_by = nullif(current_setting('app.user_id', true), '')::uuid);

alter table payout_destination enable row level security;
alter table payout_destination force row level security;
create policy payout_destination_read on payout_destination for select using (true);
create policy payout_destination_insert on payout_destination for insert
    with check (recorded_by = nullif(current_setting('app.user_id', true), '')::uuid);
create policy payout_destination_update on payout_destination for update
    using (true)
    with check (recorded_by = nullif(current_setting('app.user_id', true), '')::uuid);
