-- Data exports (GDPR art. 15 and 20): a person downloads what is held about them, an owner what their workspace holds.
-- See docs/decisions/0131-data-exports-built-in-the-background.md.

-- 1. What each feature publishes for an export (docs/decisions/0062-features-read-each-other-through-views.md): one
--    view per table, named after its owner, without secrets (password and token hashes, session ids, encrypted
--    client secrets, domain verification tokens) and without other people's keyed address hashes. security_invoker:
--    the reader's row-level security applies, so an export runs in the scope of the person or workspace it is about.

-- account
create view account_export_profile with (security_invoker = true) as
select id, email, display_name, status, email_verified_at, home_tenant_id, signup_referral_code, created_at, updated_at
from app_user;

create view account_export_membership with (security_invoker = true) as
select m.user_id, m.tenant_id, t.slug as workspace_slug, t.display_name as workspace_name, m.role, m.created_at
from membership m join tenant t on t.id = m.tenant_id;

create view account_export_session with (security_invoker = true) as
select owner_user_id, created_at, last_seen_at, expires_at, revoked_at, user_agent, ip_address, sso_tenant_id
from web_session;

create view account_export_member with (security_invoker = true) as
select m.tenant_id, m.user_id, u.email, u.display_name, m.role, m.created_at
from membership m join app_user u on u.id = m.user_id;

create view account_export_invitation with (security_invoker = true) as
select id, tenant_id, email, role, invited_by_user_id, created_at, expires_at, accepted_at, revoked_at
from invitation;

-- audit (entries hold ids, never personal data; the hashes are left out, the chain is verified in the app)
create view audit_export_entry with (security_invoker = true) as
select tenant_id, seq, occurred_at, actor_kind, actor_user_id, action, target_type, target_id, outcome, details
from audit_entry;

create view audit_export_platform_entry with (security_invoker = true) as
select seq, occurred_at, actor_kind, actor_user_id, subject_tenant_id, action, target_type, target_id, outcome, details
from platform_audit_entry;

-- tenant (no SSO secrets, which live in sso_settings)
create view tenant_export_settings with (security_invoker = true) as
select id, slug, display_name, status, primary_color, accent_color, logo_url, hostnames, plan_override, source,
       referral_program_disabled, declared_owners, created_at, updated_at
from tenant;

-- sso
create view sso_export_settings with (security_invoker = true) as
select tenant_id, issuer, client_id, scopes, roles_claim, default_role, role_mapping, enforce, updated_at
from sso_settings;

create view sso_export_domain with (security_invoker = true) as
select tenant_id, domain, verified_at, created_at from sso_domain;

-- project
create view project_export_project with (security_invoker = true) as
select id, tenant_id, name, repository_url, description, created_at, updated_at from project;

create view project_export_video with (security_invoker = true) as
select id, tenant_id, project_id, title, duration_minutes, status, created_at, updated_at from video;

-- billing
create view billing_export_invoice with (security_invoker = true) as
select tenant_id, stripe_invoice_id, status, currency, amount_due, amount_paid, tax, amount_refunded,
       hosted_invoice_url, period_start, period_end, dispute_status, stripe_created
from billing_invoice;

create view billing_export_subscription with (security_invoker = true) as
select tenant_id, plan, status, current_period_end, cancel_at_period_end, past_due_since, updated_at
from billing_subscription;

-- referral (a click's address hash is the visitor's, not the link owner's: left out of the owner's export)
create view referral_export_code with (security_invoker = true) as
select user_id, code, kind, created_at, disabled_at from referral_code;

create view referral_export_click with (security_invoker = true) as
select sponsor_user_id, id, code, clicked_at from referral_click;

create view referral_export_attribution with (security_invoker = true) as
select user_id, sponsor_user_id, click_id, attributed_at, corrected_at from referral_attribution;

create view referral_export_screening with (security_invoker = true) as
select referred_user_id, ip_hash, reasons, screened_at, decision, decided_at from referral_screening;

create view commission_export_entry with (security_invoker = true) as
select user_id, invoice_id, level, kind, amount_minor, currency, rate_bp, plan_version, recorded_at
from commission_entry;

create view commission_export_line with (security_invoker = true) as
select user_id, invoice_id, level, currency, status, status_changed_at from commission_line;

create view payout_export_payout with (security_invoker = true) as
select user_id, id, batch_id, amount_minor, currency, created_at from payout;

create view payout_export_line with (security_invoker = true) as
select user_id, payout_id, invoice_id, level, amount_minor from payout_line;

-- The connected account masked: enough to recognise it, not to use it.
create view payout_export_destination with (security_invoker = true) as
select earner_user_id, 'acct_…' || right(stripe_account_id, 4) as stripe_account, recorded_at
from payout_destination;

create view leaderboard_export_profile with (security_invoker = true) as
select user_id, display_name, opted_in_at from leaderboard_profile;

grant select on account_export_profile, account_export_membership, account_export_session, account_export_member,
    account_export_invitation, audit_export_entry, audit_export_platform_entry, tenant_export_settings,
    sso_export_settings, sso_export_domain, project_export_project, project_export_video, billing_export_invoice,
    billing_export_subscription, referral_export_code, referral_export_click, referral_export_attribution,
    referral_export_screening, commission_export_entry, commission_export_line, payout_export_payout,
    payout_export_line, payout_export_destination, leaderboard_export_profile to ${app_role};

-- 2. The exports (platform scope: ids, states and times only, so the build job on any instance finds queued work
--    with FOR UPDATE SKIP LOCKED). The requester names a user by role, as platform tables do.
create table privacy_export (
    id                   uuid primary key,
    requested_by_user_id uuid        not null references app_user (id),
    subject_tenant_id    uuid        references tenant (id),
    status               text        not null check (status in ('QUEUED', 'BUILDING', 'READY', 'FAILED', 'EXPIRED')),
    progress_percent     int         not null default 0 check (progress_percent between 0 and 100),
    requested_at         timestamptz not null,
    attempts             int         not null default 0,
    lease_until          timestamptz,
    lease_token          uuid,
    finished_at          timestamptz,
    expires_at           timestamptz,
    size_bytes           bigint,
    failure              text
);
create index privacy_export_due_idx on privacy_export (requested_at) where status in ('QUEUED', 'BUILDING');
create index privacy_export_expiry_idx on privacy_export (expires_at) where status = 'READY';
create index privacy_export_requester_idx on privacy_export (requested_by_user_id, requested_at desc);
grant select, insert, update on privacy_export to ${app_role};

-- The zip itself, the requester's (user scope): only they can read it back.
create table privacy_export_file (
    export_id uuid primary key references privacy_export (id),
    user_id   uuid  not null references app_user (id),
    zip       bytea not null
);
alter table privacy_export_file enable row level security;
alter table privacy_export_file force row level security;
create policy privacy_export_file_requester on privacy_export_file
    using (user_id = nullif(current_setting('app.user_id', true), '')::uuid)
    with check (user_id = nullif(current_setting('app.user_id', true), '')::uuid);
grant select, insert, delete on privacy_export_file to ${app_role};
