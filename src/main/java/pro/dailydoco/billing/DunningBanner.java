package pro.dailydoco.billing;

import java.time.Instant;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import pro.dailydoco.account.CurrentUser;
import pro.dailydoco.account.Permission;
import pro.dailydoco.tenant.TenantContext;

/**
 * The layout's payment banner: shown on workspace pages to people who can manage billing while the subscription
 * is past_due — during the grace period (fix the card before Free limits apply) and after it (Free limits apply
 * now). Not for workspaces whose plan the operator overrides. Computed at most once per request, and not at all for
 * anyone else.
 */
@Named("dunning")
@RequestScoped
public class DunningBanner {

    private final TenantContext tenantContext;
    private final CurrentUser currentUser;
    private final Entitlements entitlements;
    private Entitlements.Standing standing;
    private boolean computed;

    DunningBanner(TenantContext tenantContext, CurrentUser currentUser, Entitlements entitlements) {
        this.tenantContext = tenantContext;
        this.currentUser = currentUser;
        this.entitlements = entitlements;
    }

    public boolean isVisible() {
        Entitlements.Standing s = standing();
        // An operator's plan override wins over the subscription: Free limits never apply, so no countdown.
        return s != null && !s.overridden() && (s.paymentNeedsAttention() || s.gracePassed());
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
