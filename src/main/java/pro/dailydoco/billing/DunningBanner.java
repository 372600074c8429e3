package pro.dailydoco.billing;

import java.time.Instant;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import pro.dailydoco.account.CurrentUser;
import pro.dailydoco.account.Permission;
import pro.dailydoco.tenant.TenantContext;

/**
 * The layout's payment banner: shown on workspace pages to people who can manage billing while the subscription
 * is past_due — during the grace period (fix the card before the lower plan's limits apply) and after it (they
 * apply now). Not when the lapse changes nothing, because the operator's override is as high as the subscription
 * (docs/decisions/0155-the-plan-in-force-is-the-higher-of-override-and-subscription.md). The link to Stripe's portal
 * is shown only when Stripe is configured. Computed at most once per request, and not at all for anyone else.
 */
@Named("dunning")
@RequestScoped
public class DunningBanner {

    private final TenantContext tenantContext;
    private final CurrentUser currentUser;
    private final Entitlements entitlements;
    private final StripeGateway gateway;
    private Entitlements.Standing standing;
    private boolean computed;

    DunningBanner(TenantContext tenantContext, CurrentUser currentUser, Entitlements entitlements, StripeGateway gateway) {
        this.gateway = gateway;
        this.tenantContext = tenantContext;
        this.currentUser = currentUser;
        this.entitlements = entitlements;
    }

    public boolean isVisible() {
        Entitlements.Standing s = standing();
        // Both are false when the operator's override is as high as the subscription: the lapse changes nothing.
        return s != null && (s.paymentNeedsAttention() || s.gracePassed());
    }

    /** The plan whose limits apply once the grace period ends: the override, else Free. */
    public String getFallbackPlan() {
        Entitlements.Standing s = standing();
        return s == null ? null : s.fallbackPlan().displayName();
    }

    /** "Fix the card" links to Stripe's portal only when Stripe is configured. */
    public boolean isPortalAvailable() {
        return gateway.isConfigured();
    }

    /** When Free limits start (during grace) or started (after it). */
    public Instant getFreeLimitsFrom() {
        Entitlements.Standing s = standing();
        if (s == null) {
            return null;
        }
        return s.graceEndsAt().or(s::freeLimitsSince).orElse(null);
    }

    public boolean isGracePassed() {
        Entitlements.Standing s = standing();
        return s != null && s.gracePassed();
    }

    public String getSlug() {
        return tenantContext.tenant().map(t -> t.slug).orElse(null);
    }

    private Entitlements.Standing standing() {
        if (!computed) {
            computed = true;
            if (tenantContext.tenant().isPresent() && currentUser.can(Permission.BILLING_MANAGE)) {
                standing = entitlements.standing(tenantContext.tenant().get().id);
            }
        }
        return standing;
    }
}
