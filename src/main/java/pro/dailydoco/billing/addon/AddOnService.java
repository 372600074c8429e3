package pro.dailydoco.billing.addon;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import pro.dailydoco.audit.AuditEvent;
import pro.dailydoco.audit.AuditLog;
import pro.dailydoco.billing.AddOnGrants;
import pro.dailydoco.billing.AddOnPrices;
import pro.dailydoco.billing.BillingService;
import pro.dailydoco.billing.StripeGateway;
import pro.dailydoco.billing.Subscription;
import pro.dailydoco.billing.SubscriptionSync;
import pro.dailydoco.billing.events.AddOn;
import pro.dailydoco.core.DomainException;

/**
 * Buying add-ons (docs/decisions/0204-add-ons-catalogue-and-entitlements.md). Nothing here grants anything: Stripe is
 * asked to bill, and the webhooks that follow apply the add-on like a plan. Stripe is called between short
 * transactions, never inside one (docs/decisions/0105-stripe-look-ups-before-the-transaction.md).
 */
@ApplicationScoped
public class AddOnService {

    /** Invoice terms of the annual licence and of one-off work billed by the operator: net 30. */
    public static final long NET_DAYS = 30;
    /** The most seats one purchase may add (a typo of 10000 seats is refused, not billed). */
    public static final long MAX_SEATS = 1_000;

    /** Where a purchase goes next: Stripe's Checkout page, or back to the page because Stripe bills the card it has. */
    public record Purchase(Optional<String> checkoutUrl) {
    }

    private final StripeGateway gateway;
    private final AddOnPrices prices;
    private final AddOnGrants grants;
    private final BillingService billing;
    private final AuditLog auditLog;

    AddOnService(StripeGateway gateway, AddOnPrices prices, AddOnGrants grants, BillingService billing, AuditLog auditLog) {
        this.gateway = gateway;
        this.prices = prices;
        this.grants = grants;
        this.billing = billing;
        this.auditLog = auditLog;
    }

    /** The add-ons the workspace in scope holds now, with their quantities. */
    public Map<AddOn, Long> held() {
        return grants.held();
    }

    /** Whether the add-on can be bought online here: self-serve and priced in configuration. */
    public boolean onSale(AddOn addOn) {
        return addOn.selfServe() && prices.salePrice(addOn).isPresent();
    }

    /**
     * Buys an add-on for the tenant (the caller checked the user manages billing). A one-off one opens Checkout in
     * payment mode. A recurring or per-seat one is added to the live subscription, billed at once on the card Stripe
     * has; without a live subscription it opens Checkout in subscription mode. Refuses (409) an add-on the workspace
     * holds already: its quantity changes in the Customer Portal.
     */
    public Purchase buy(UUID tenantId, UUID userId, AddOn addOn, long quantity, String successUrl, String cancelUrl) {
        if (!addOn.selfServe()) {
            throw DomainException.badRequest(addOn.displayName() + " is arranged with us: please contact sales.");
        }
        long seats = addOn.perSeat() ? quantity : 1;
        if (seats < 1 || seats > MAX_SEATS) {
            throw DomainException.badRequest("Choose between 1 and " + MAX_SEATS + " seats.");
        }
        String priceId = prices.salePrice(addOn).orElseThrow(() -> DomainException.badRequest(
                addOn.displayName() + " cannot be bought online. Please contact us."));
        String customerId = billing.customerForPurchase(tenantId);
        boolean oneOff = addOn.kind() == AddOn.Kind.ONE_OFF;
        Optional<Subscription> live = QuarkusTransaction.requiringNew().call(() -> Subscription.current()
                .filter(s -> s.stripeSubscriptionId != null && s.status != null && SubscriptionSync.isLive(s.status)));
        if (!oneOff && QuarkusTransaction.requiringNew().call(() -> grants.quantity(addOn)) > 0) {
            throw DomainException.conflict("This workspace has " + addOn.displayName()
                    + " already. Change it under \"Manage card, plan or cancel\".");
        }
        Purchase purchase;
        String how;
        if (oneOff || live.isEmpty()) {
            purchase = new Purchase(Optional.of(gateway.createAddOnCheckoutSession(tenantId, customerId, priceId, seats,
                    oneOff, successUrl, cancelUrl)));
            how = "checkout";
        } else {
            // One key per subscription, add-on and quantity: a double click adds one item, a later purchase of
            // another quantity (after a removal) is a new request.
            gateway.addSubscriptionItem(live.get().stripeSubscriptionId, priceId, seats,
                    "add-on-" + live.get().stripeSubscriptionId + "-" + addOn.key() + "-" + seats);
            purchase = new Purchase(Optional.empty());
            how = "subscription";
        }
        QuarkusTransaction.requiringNew().run(() -> auditLog.record(tenantId, AuditEvent.user(userId,
                "billing.add-on.ordered").subjectTenant(tenantId).target("add_on", addOn.key())
                .detail("quantity", String.valueOf(seats)).detail("through", how).build()));
        return purchase;
    }

    /**
     * The operator starts the annual Enterprise licence for a workspace: a yearly subscription billed on invoice
     * terms ({@code collection_method=send_invoice}, net 30). The Enterprise plan applies from its webhook.
     */
    public String startEnterpriseLicence(UUID tenantId, UUID operatorId) {
        String priceId = prices.salePrice(AddOn.ENTERPRISE_LICENCE).orElseThrow(() -> DomainException.badRequest(
                "No price is configured for the annual Enterprise licence (dailydoco.billing.prices.enterprise-licence)."));
        String customerId = billing.customerForPurchase(tenantId);
        String subscriptionId = gateway.createInvoicedSubscription(tenantId, customerId, priceId, NET_DAYS,
                "enterprise-licence-" + tenantId + "-" + priceId);
        QuarkusTransaction.requiringNew().run(() -> auditLog.record(tenantId, AuditEvent.operator(operatorId,
                "billing.enterprise-licence.started").subjectTenant(tenantId)
                .target("stripe_subscription", subscriptionId).build()));
        return subscriptionId;
    }

    /**
     * The operator bills custom integration work to a workspace: an invoice item and an invoice sent on net-30 terms.
     * {@code reference} (e.g. the statement of work) names the work and keys the request, so the same work is billed
     * once however often the form is sent.
     */
    public String invoiceCustomIntegration(UUID tenantId, UUID operatorId, long units, String reference) {
        if (units < 1 || units > MAX_SEATS) {
            throw DomainException.badRequest("Choose between 1 and " + MAX_SEATS + " units of work.");
        }
        if (reference == null || reference.isBlank() || reference.strip().length() > 100) {
            throw DomainException.badRequest("Name the work (its statement of work), in at most 100 characters.");
        }
        String priceId = prices.salePrice(AddOn.CUSTOM_INTEGRATION).orElseThrow(() -> DomainException.badRequest(
                "No price is configured for custom integration work (dailydoco.billing.prices.custom-integration)."));
        String customerId = billing.customerForPurchase(tenantId);
        String invoiceId = gateway.sendOneOffInvoice(tenantId, customerId, priceId, units,
                "Custom integration work: " + reference.strip(), NET_DAYS,
                "custom-integration-" + tenantId + "-" + reference.strip());
        QuarkusTransaction.requiringNew().run(() -> auditLog.record(tenantId, AuditEvent.operator(operatorId,
                "billing.custom-integration.invoiced").subjectTenant(tenantId).target("stripe_invoice", invoiceId)
                .detail("units", String.valueOf(units)).build()));
        return invoiceId;
    }
}
