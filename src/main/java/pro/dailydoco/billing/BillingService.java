package pro.dailydoco.billing;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
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
    private final Entitlements entitlements;
    private final Clock clock;
    private final UsagePrices usagePrices;

    BillingService(StripeGateway gateway, PlanPrices prices, BillingRoutes routes, AuditLog auditLog,
            Entitlements entitlements, Clock clock, UsagePrices usagePrices) {
        this.usagePrices = usagePrices;
        this.gateway = gateway;
        this.entitlements = entitlements;
        this.prices = prices;
        this.routes = routes;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /**
     * Returns the Checkout URL for subscribing the tenant to {@code plan}. Stripe is called between short
     * transactions, never inside one: a slow Stripe must not hold the tenant's row (which seat checks and webhooks
     * lock) or a database connection (docs/decisions/0105-stripe-look-ups-before-the-transaction.md).
     */
    public String startCheckout(UUID tenantId, UUID userId, Plan plan, String successUrl, String cancelUrl) {
        requireConfigured();
        requireTenantInContext(tenantId);
        requireWouldApply(tenantId, plan);
        String priceId = prices.checkoutPrice(plan).orElseThrow(() -> DomainException.badRequest(
                "The " + plan.displayName() + " plan cannot be bought online. Please contact us."));
        String customerId = ensureCustomer(tenantId);
        // The usage prices ride along: overage can then be billed on the same subscription, and cost nothing unused.
        String url = gateway.createCheckoutSession(tenantId, customerId, priceId, usagePrices.checkoutPrices(), successUrl,
                cancelUrl);
        QuarkusTransaction.requiringNew().run(() -> auditLog.record(tenantId, AuditEvent.user(userId,
                "billing.checkout.opened").subjectTenant(tenantId).target("plan", plan.name()).build()));
        return url;
    }

    /** Returns the Customer Portal URL; only a tenant that has a Stripe customer has one. */
    public String openPortal(UUID tenantId, UUID userId, String returnUrl) {
        requireConfigured();
        requireTenantInContext(tenantId);
        String customerId = QuarkusTransaction.requiringNew().call(() -> Subscription.current()
                .map(s -> s.stripeCustomerId))
                .orElseThrow(() -> DomainException.conflict("This workspace has no subscription to manage yet."));
        String url = gateway.createPortalSession(customerId, returnUrl);
        QuarkusTransaction.requiringNew().run(() -> auditLog.record(tenantId,
                AuditEvent.user(userId, "billing.portal.opened").subjectTenant(tenantId).build()));
        return url;
    }

    /**
     * The tenant's Stripe customer for a purchase other than a plan (an add-on), created on first use like Checkout's;
     * refuses (503) without Stripe and (404) outside the tenant's scope.
     */
    public String customerForPurchase(UUID tenantId) {
        requireConfigured();
        requireTenantInContext(tenantId);
        return ensureCustomer(tenantId);
    }

    /**
     * The tenant's Stripe customer, created on first use: read, then create at Stripe with no transaction open, then
     * record under the row lock unless a concurrent click recorded one first. Stripe's idempotency key (per tenant)
     * makes two concurrent clicks, or a retry after a lost response, get the same customer.
     */
    private String ensureCustomer(UUID tenantId) {
        Optional<String> existing = QuarkusTransaction.requiringNew().call(() -> Subscription.current()
                .map(s -> s.stripeCustomerId));
        if (existing.isPresent()) {
            return existing.get();
        }
        String displayName = QuarkusTransaction.requiringNew().call(() -> Tenant.<Tenant> findById(tenantId).displayName);
        String created = gateway.createCustomer(tenantId, displayName);
        return QuarkusTransaction.requiringNew().call(() -> {
            Subscription row = Subscription.currentForUpdate(clock.instant());
            if (row.stripeCustomerId == null) {
                row.stripeCustomerId = created;
                row.updatedAt = clock.instant();
                routes.add(BillingRoutes.Kind.CUSTOMER, created, tenantId);
            }
            return row.stripeCustomerId;
        });
    }

    /**
     * Refuses a subscription that would not change the plan in force: at or below the operator's override, the
     * override wins (docs/decisions/0155-the-plan-in-force-is-the-higher-of-override-and-subscription.md).
     */
    private void requireWouldApply(UUID tenantId, Plan plan) {
        entitlements.standing(tenantId).override().filter(o -> plan.ordinal() <= o.ordinal()).ifPresent(o -> {
            throw DomainException.conflict("The platform operator has set this workspace to the " + o.displayName()
                    + " plan, so a " + plan.displayName() + " subscription would not change it. Choose a plan above "
                    + o.displayName() + ", or contact support.");
        });
    }

    /**
     * Without a Stripe key nothing is created, not even the empty subscription row. The customer is told in neutral
     * words; the operator's pages name the missing setting.
     */
    private void requireConfigured() {
        if (!gateway.isConfigured()) {
            throw new DomainException(503, "Billing unavailable",
                    "Online payment isn't available yet, so plans can't be bought or changed here. Please contact support.");
        }
    }

    private static void requireTenantInContext(UUID tenantId) {
        if (!tenantId.equals(TenantContext.current().flatMap(TenantContext::tenantId).orElse(null))) {
            throw DomainException.notFound("There is no such workspace.");
        }
    }
}
