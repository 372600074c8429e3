-- The referral feature's own projection of who pays for each workspace: its Stripe customers and the fingerprints
-- of the cards that paid its invoices. The same-person guard compares a paying customer and card with those of the
-- workspaces each ancestor created. Until now it read billing's tables for that (billing_route,
-- billing_card_fingerprint) inside the webhook's transaction; now billing publishes the facts (CustomerLinked,
-- InvoicePaid) and referral keeps this copy, so the paid-invoice path flows one way
-- (docs/decisions/0061-referral-keeps-its-own-payer-projection.md).
--
-- Tenant scope: the tenant writes and reads its own rows; the person who created the tenant may also read them (the
-- guard reads, as each ancestor, the workspaces that ancestor created) — the shape billing_card_fingerprint has.
create table referral_payer_identity (
    tenant_id  uuid not null references tenant (id),
    kind       text not null check (kind in ('CUSTOMER', 'CARD')),
    value      text not null check (value <> ''),
    primary key (tenant_id, kind, value)
);
alter table referral_payer_identity enable row level security;
alter table referral_payer_identity force row level security;
create policy referral_payer_identity_tenant_isolation on referral_payer_identity
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
create policy referral_payer_identity_creator_read on referral_payer_identity for select
    using (exists (select 1 from tenant t where t.id = referral_payer_identity.tenant_id
                   and t.created_by_user_id = nullif(current_setting('app.user_id', true), '')::uuid));
grant select, insert on referral_payer_identity to ${app_role};

-- Backfill from what billing recorded before this migration, once, as the owner, with FORCE lifted inside this
-- transaction only (as V22 does).
alter table referral_payer_identity no force row level security;
alter table billing_card_fingerprint no force row level security;
insert into referral_payer_identity (tenant_id, kind, value)
select tenant_id, 'CUSTOMER', stripe_id from billing_route where kind = 'CUSTOMER'
union
select tenant_id, 'CARD', fingerprint from billing_card_fingerprint
on conflict do nothing;
alter table billing_card_fingerprint force row level security;
alter table referral_payer_identity force row level security;
