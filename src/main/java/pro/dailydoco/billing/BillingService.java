package pro.dailydoco.billing;

import java.time.Clock;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import pro.dailydoco.audit.AuditEvent;
import pro.dailydoco.audit.AuditLog;
import pro.dailydoco.billing.events.Plan;
import pro.dailydoco.core.DomainException;
import pro.dailydoco.tenant.Tenant;
import pro.dailydoco.tenant.TenantContext;

/**
 * Sends a tenant admin to Stripe: Checkout to subscribe, the Customer Portal to change card or plan or cancel. The
 * tenant is the Stripe customer, created by us before Checkout with {@code metadata.tenant_id}. Runs in the
 * tenant's scope; the caller has checked that the user may manage billing (OWNER, ADMIN or BILLING).
 */
@ApplicationScoped
public class BillingService {

    private final StripeGateway gateway;
    private final PlanPrices prices;
    private final BillingRoutes routes;
    private final AuditLog auditLog;
    private final Clock clock;

    BillingService(StripeGateway gateway, PlanPrices prices, BillingRoutes routes, AuditLog auditLog, Clock clock) {
        this.gateway = gateway;
        this.prices = prices;
        this.routes = routes;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /** Returns the Checkout URL for subscribing the tenant to {@code plan}. */
    @Transactional
    public String startCheckout(UUID tenantId, UUID userId, Plan plan, String successUrl, String cancelUrl) {
        requireConfigured();
        requireTenantInContext(tenantId);
        String priceId = prices.checkoutPrice(plan).orElseThrow(() -> DomainException.badRequest(
                "The " + plan.displayName() + " plan cannot be bought online. Please contact us."));
        String customerId = ensureCustomer(tenantId);
        String url = gateway.createCheckoutSession(tenantId, customerId, priceId, successUrl, cancelUrl);
        auditLog.record(tenantId, AuditEvent.user(userId, "billing.checkout.opened").subjectTenant(tenantId)
                .target("plan", plan.name()).build());
        return url;
    }

    /** Returns the Customer Portal URL; only a tenant that has a Stripe customer has one. */
    @Transactional
    public String openPortal(UUID tenantId, UUID userId, String returnUrl) {
        requireConfigured();
        requireTenantInContext(tenantId);
        String customerId = Subscription.current().map(s -> s.stripeCustomerId)
                .orElseThrow(() -> DomainException.conflict("This workspace has no subscription to manage yet."));
        String url = gateway.createPortalSession(customerId, returnUrl);
        auditLog.record(tenantId, AuditEvent.user(userId, "billing.portal.opened").subjectTenant(tenantId).build());
        return url;
    }

    /**
     * The tenant's Stripe customer, created on first use. The row lock serialises two clicks; Stripe's idempotency
     * key (per tenant) makes a retry after a lost response return the same customer.
     */
    private String ensureCustomer(UUID tenantId) {
        Subscription row = Subscription.currentForUpdate(clock.instant());
        if (row.stripeCustomerId == null) {
            Tenant tenant = Tenant.findById(tenantId);
            row.stripeCustomerId = gateway.createCustomer(tenantId, tenant.displayName);
            row.updatedAt = clock.instant();
            routes.add(BillingRoutes.Kind.CUSTOMER, row.stripeCustomerId, tenantId);
        }
        return row.stripeCustomerId;
    }

    /** Without a Stripe key nothing is created, not even the empty subscription row. */
    private void requireConfigured() {
        if (!gateway.isConfigured()) {
            throw new DomainException(503, "Billing unavailable",
                    "Stripe isn't configured on this server, so plans cannot be bought or changed here yet.");
        }
    }

    private static void requireTenantInContext(UUID tenantId) {
        if (!tenantId.equals(TenantContext.current().flatMap(TenantContext::tenantId).orElse(null))) {
            throw DomainException.notFound("There is no such workspace.");
        }
    }
}
