-- Card fingerprints (docs/decisions/0012, fraud guard "same card"): the fingerprint Stripe gives a card (the same card gives the
-- same fingerprint on every customer of this Stripe account), one row per paying tenant and card, recorded when an
-- invoice of that tenant is paid. A fingerprint identifies a card, not a person, and holds no card number.

-- Tenant scope: the tenant writes and reads its own rows. The person who created the tenant (the payer, who never
-- changes) may also read them: the commission guard reads, as each ancestor, the cards that paid for the
-- workspaces that ancestor created — the same "read both ways" shape as membership, and read-only.
create table billing_card_fingerprint (
    tenant_id          uuid        not null references tenant (id),
    fingerprint        text        not null check (fingerprint <> ''),
    first_invoice_id   text        not null,
    first_seen_at      timestamptz not null,
    primary key (tenant_id, fingerprint)
);
alter table billing_card_fingerprint enable row level security;
alter table billing_card_fingerprint force row level security;
create policy billing_card_fingerprint_tenant_isolation on billing_card_fingerprint
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
create policy billing_card_fingerprint_creator_read on billing_card_fingerprint for select
    using (exists (select 1 from tenant t where t.id = billing_card_fingerprint.tenant_id
                   and t.created_by_user_id = nullif(current_setting('app.user_id', true), '')::uuid));
grant select, insert on billing_card_fingerprint to ${app_role};

-- "The workspaces this person created" (the policy above and the guard's query).
create index tenant_created_by_user_idx on tenant (created_by_user_id) where created_by_user_id is not null;
