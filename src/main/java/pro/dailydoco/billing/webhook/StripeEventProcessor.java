package pro.dailydoco.billing.webhook;

import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import pro.dailydoco.billing.BillingRoutes;
import pro.dailydoco.billing.InvoiceLedger;
import pro.dailydoco.billing.StripeObjects;
import pro.dailydoco.billing.StripeObjects.ChargeData;
import pro.dailydoco.billing.StripeObjects.CheckoutSessionData;
import pro.dailydoco.billing.StripeObjects.DisputeData;
import pro.dailydoco.billing.StripeObjects.InvoiceData;
import pro.dailydoco.billing.StripeObjects.SubscriptionState;
import pro.dailydoco.billing.SubscriptionSync;
import pro.dailydoco.billing.webhook.StripeEventStore.StoredEvent;
import pro.dailydoco.tenant.ScopedWork;
import pro.dailydoco.tenant.Tenant;

/**
 * Processes one stored Stripe event: finds its tenant, then — in one transaction in that tenant's scope — claims
 * the event, applies it, publishes revenue events and marks it done. Any failure rolls that back and is recorded
 * for the retry job; an event whose customer no tenant owns is retried, then flagged, never dropped.
 */
@ApplicationScoped
public class StripeEventProcessor {

    private final StripeEventStore store;
    private final BillingRoutes routes;
    private final ScopedWork scopedWork;
    private final SubscriptionSync subscriptions;
    private final InvoiceLedger invoices;

    StripeEventProcessor(StripeEventStore store, BillingRoutes routes, ScopedWork scopedWork,
            SubscriptionSync subscriptions, InvoiceLedger invoices) {
        this.store = store;
        this.routes = routes;
        this.scopedWork = scopedWork;
        this.subscriptions = subscriptions;
        this.invoices = invoices;
    }

    /** Processes the event if it is still pending and no other worker holds it; never throws. */
    public void process(String eventId) {
        try {
            Optional<StoredEvent> pending = store.pending(eventId);
            if (pending.isEmpty()) {
                return;
            }
            StoredEvent event = pending.get();
            JsonNode object = StripeObjects.parse(event.payload()).path("data").path("object");
            UUID tenantId = handles(event.type()) ? tenantOf(event.type(), object) : null;
            scopedWork.run(tenantId, null, () -> {
                if (store.claim(eventId)) {
                    apply(tenantId, event, object);
                    store.markDone(eventId);
                }
            });
        } catch (RuntimeException e) {
            Log.warnf("Stripe event %s failed: %s", eventId, describe(e));
            store.recordFailure(eventId, describe(e));
        }
    }

    static boolean handles(String type) {
        return switch (type) {
            case "checkout.session.completed", "customer.subscription.created", "customer.subscription.updated",
                    "customer.subscription.deleted", "invoice.paid", "invoice.payment_failed", "charge.refunded",
                    "charge.dispute.created", "charge.dispute.closed" -> true;
            default -> false;
        };
    }

    private void apply(UUID tenantId, StoredEvent event, JsonNode object) {
        switch (event.type()) {
            case "checkout.session.completed" -> {
                if ("subscription".equals(StripeObjects.text(object, "mode"))) {
                    subscriptions.recordCheckoutCompleted(tenantId, CheckoutSessionData.from(object));
                }
            }
            case "customer.subscription.created", "customer.subscription.updated", "customer.subscription.deleted" ->
                subscriptions.applySubscriptionEvent(tenantId, SubscriptionState.from(object), event.created());
            case "invoice.paid" -> invoices.recordPaid(tenantId, InvoiceData.from(object));
            case "invoice.payment_failed" -> invoices.recordPaymentFailed(tenantId, InvoiceData.from(object));
            case "charge.refunded" -> invoices.recordRefund(tenantId, ChargeData.from(object));
            case "charge.dispute.created" -> invoices.recordDisputeOpened(tenantId, DisputeData.from(object));
            case "charge.dispute.closed" -> invoices.recordDisputeClosed(tenantId, DisputeData.from(object));
            default -> Log.debugf("Acknowledged Stripe event %s of type %s", event.eventId(), event.type());
        }
    }

    /** The tenant an event belongs to, from the routes billing recorded (never from the request). */
    private UUID tenantOf(String type, JsonNode object) {
        Optional<UUID> tenant = switch (type) {
            case "checkout.session.completed" -> checkoutTenant(CheckoutSessionData.from(object));
            case "charge.refunded" -> routes.tenantOf(StripeObjects.idOf(object, "customer"))
                    .or(() -> routes.tenantOf(StripeObjects.text(object, "id")));
            case "charge.dispute.created", "charge.dispute.closed" -> routes.tenantOf(StripeObjects.idOf(object, "charge"))
                    .or(() -> routes.tenantOf(StripeObjects.idOf(object, "payment_intent")));
            default -> routes.tenantOf(StripeObjects.idOf(object, "customer"));
        };
        return tenant.orElseThrow(() -> new UnknownCustomer(type, StripeObjects.text(object, "id")));
    }

    /** Checkout names the tenant (client_reference_id, set by our server); the customer must be ours or new. */
    private Optional<UUID> checkoutTenant(CheckoutSessionData session) {
        Optional<UUID> byCustomer = routes.tenantOf(session.customerId());
        if (byCustomer.isPresent() || session.tenantReference() == null) {
            return byCustomer;
        }
        try {
            UUID tenantId = UUID.fromString(session.tenantReference());
            return scopedWork.call(null, null, () -> Tenant.<Tenant> findByIdOptional(tenantId)).map(t -> t.id);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /** No tenant owns the event's customer (yet): retried, then flagged for the operator. */
    static class UnknownCustomer extends RuntimeException {
        UnknownCustomer(String type, String objectId) {
            super("No tenant for " + type + " " + objectId + " (unknown customer)", null, false, false);
        }
    }
}
