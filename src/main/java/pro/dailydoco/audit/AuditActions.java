package pro.dailydoco.audit;

import java.util.Map;

import io.quarkus.qute.TemplateExtension;

import pro.dailydoco.core.web.Formats;

/**
 * The audit log's action codes ({@code billing.subscription.changed}) in words people read ("Subscription changed").
 * Pages show the label first and keep the code beside it, small, for auditors who search for it
 * (docs/decisions/0146-one-way-to-write-things.md). A code missing here still reads as words, never as the raw code.
 */
public final class AuditActions {

    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("access.denied", "Access denied"),
            Map.entry("account.access-ended", "Access ended"),
            Map.entry("account.deleted", "Account deleted"),
            Map.entry("account.email-change-requested", "Email change requested"),
            Map.entry("account.email-changed", "Email changed"),
            Map.entry("account.email-verified", "Email confirmed"),
            Map.entry("account.name-changed", "Name changed"),
            Map.entry("account.password-changed", "Password changed"),
            Map.entry("account.password-reset", "Password reset"),
            Map.entry("account.signed-up", "Signed up"),
            Map.entry("account.unverified-account-reclaimed", "Unconfirmed account taken over by a new sign-up"),
            Map.entry("billing.checkout.completed", "Checkout completed"),
            Map.entry("billing.custom-domain.removed", "Custom domain removed"),
            Map.entry("billing.custom-domain.set", "Custom domain set"),
            Map.entry("billing.custom-domain.verified", "Custom domain verified"),
            Map.entry("billing.checkout.opened", "Checkout opened"),
            Map.entry("billing.overage.changed", "Usage past the allowance changed"),
            Map.entry("billing.portal.opened", "Billing portal opened"),
            Map.entry("billing.subscription.changed", "Subscription changed"),
            Map.entry("invitation.accepted", "Invitation accepted"),
            Map.entry("invitation.refused-seat-limit", "Invitation refused: no seat left"),
            Map.entry("invitation.resent", "Invitation sent again"),
            Map.entry("invitation.revoked", "Invitation withdrawn"),
            Map.entry("invitation.sent", "Invitation sent"),
            Map.entry("invitation.sso-required", "Invitation refused: single sign-on required"),
            Map.entry("login.break-glass", "Signed in with a password while single sign-on is enforced"),
            Map.entry("login.failed", "Sign-in failed"),
            Map.entry("login.sso-required", "Sign-in refused: single sign-on required"),
            Map.entry("login.succeeded", "Signed in"),
            Map.entry("logout", "Signed out"),
            Map.entry("member.owner-granted", "Made owner"),
            Map.entry("member.removed", "Member removed"),
            Map.entry("member.role-changed", "Role changed"),
            Map.entry("ownership.transferred", "Ownership transferred"),
            Map.entry("project.created", "Project created"),
            Map.entry("project.deleted", "Project deleted"),
            Map.entry("project.updated", "Project changed"),
            Map.entry("referral.payout-batch-run", "Payout batch run"),
            Map.entry("referral.payout-destination-recorded", "Payout account recorded"),
            Map.entry("referral.payout-transferred", "Payout transferred"),
            Map.entry("referral.plan-published", "Commission plan published"),
            Map.entry("referral.program-disabled", "Referral program switched off"),
            Map.entry("referral.program-enabled", "Referral program switched on"),
            Map.entry("referral.review-approved", "Held referral approved"),
            Map.entry("referral.review-rejected", "Held referral rejected"),
            Map.entry("referral.sponsor-corrected", "Sponsor corrected"),
            Map.entry("scim.group-created", "Group created (SCIM)"),
            Map.entry("scim.group-deleted", "Group deleted (SCIM)"),
            Map.entry("scim.group-updated", "Group changed (SCIM)"),
            Map.entry("scim.member-provisioned", "Member added (SCIM)"),
            Map.entry("scim.member-removed", "Member removed (SCIM)"),
            Map.entry("scim.owner-kept", "Owner kept (SCIM)"),
            Map.entry("scim.role-synced", "Role updated from a group (SCIM)"),
            Map.entry("scim.token-created", "Provisioning token created"),
            Map.entry("scim.token-revoked", "Provisioning token revoked"),
            Map.entry("scim.token-rotated", "Provisioning token replaced"),
            Map.entry("scim.user-created", "User created (SCIM)"),
            Map.entry("scim.user-deactivated", "User deactivated (SCIM)"),
            Map.entry("scim.user-deleted", "User deleted (SCIM)"),
            Map.entry("scim.user-reactivated", "User reactivated (SCIM)"),
            Map.entry("scim.user-updated", "User changed (SCIM)"),
            Map.entry("session.revoked", "Session signed out"),
            Map.entry("signup.sso-required", "Sign-up refused: single sign-on required"),
            Map.entry("sso.domain-claim-removed", "Email domain claim removed"),
            Map.entry("sso.domain-claimed", "Email domain claimed"),
            Map.entry("sso.domain-verified", "Email domain verified"),
            Map.entry("sso.enforcement-changed", "Single sign-on enforcement changed"),
            Map.entry("sso.login", "Signed in with single sign-on"),
            Map.entry("sso.member-provisioned", "Member added at first single sign-on"),
            Map.entry("sso.role-synced", "Role updated from the identity provider"),
            Map.entry("sso.settings-changed", "Single sign-on settings changed"),
            Map.entry("tenant.created", "Workspace created"),
            Map.entry("tenant.declared", "Workspace declared in a tenant file"),
            Map.entry("tenant.definition-changed", "Tenant file changed"),
            Map.entry("tenant.reactivated", "Workspace reactivated"),
            Map.entry("tenant.suspended", "Workspace suspended"),
            Map.entry("video.created", "Video created"),
            Map.entry("video.deleted", "Video deleted"),
            Map.entry("video.updated", "Video changed"),
            Map.entry("webhook.delivery-resent", "Webhook delivery resent"),
            Map.entry("webhook.endpoint-created", "Webhook endpoint added"),
            Map.entry("webhook.endpoint-deleted", "Webhook endpoint deleted"),
            Map.entry("webhook.endpoint-disabled", "Webhook endpoint disabled after failing"),
            Map.entry("webhook.endpoint-enabled", "Webhook endpoint enabled again"),
            Map.entry("webhook.secret-rotated", "Webhook signing secret rotated"));

    private AuditActions() {
    }

    /** The action's label; an unknown code in words ("export.started" → "Export started"). In templates {@code {audit:label(code)}}. */
    @TemplateExtension(namespace = "audit")
    public static String label(String code) {
        if (code == null) {
            return "—";
        }
        String label = LABELS.get(code);
        return label != null ? label : Formats.words(code);
    }

    /** Whether the code has a label of its own (a test checks every code the application writes has one). */
    public static boolean isKnown(String code) {
        return LABELS.containsKey(code);
    }

    /** An outcome code (SUCCESS, DENIED, FAILURE) by its {@link AuditEvent.Outcome}'s label; {@code {audit:outcome(code)}}. */
    @TemplateExtension(namespace = "audit")
    public static String outcome(String code) {
        for (AuditEvent.Outcome outcome : AuditEvent.Outcome.values()) {
            if (outcome.name().equals(code)) {
                return outcome.label();
            }
        }
        return code == null ? "—" : Formats.words(code);
    }
}
