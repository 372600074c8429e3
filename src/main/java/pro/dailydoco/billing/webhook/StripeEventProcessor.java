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
import pro.dailydoco.billing.StripeLookups;
import pro.dailydoco.billing.StripeUnavailable;
import pro.dailydoco.billing.SubscriptionSync;
import pro.dailydoco.billing.webhook.StripeEventStore.StoredEvent;
import pro.dailydoco.tenant.ScopedWork;
import pro.dailydoco.tenant.Tenant;

/**
 * Processes one stored Stripe event in two steps. First, outside any transaction, it finds the event's tenant and
 * asks Stripe what the event needs and does not say ({@link StripeLookups}). Then, in one transaction in that
 * tenant's scope, it claims the event, applies it, publishes revenue events and marks it done — only writes, no
 * network call while rows are locked (docs/decisions/0105-stripe-look-ups-before-the-transaction.md). Any failure
 * rolls that back and is recorded for the retry job; an event whose customer no tenant owns is retried, then flagged,
 * never dropped; an event that waits for Stripe stays pending with the reason.
 */
@ApplicationScoped
public class StripeEventProcessor {

    private final StripeEventStore store;
    private final BillingRoutes routes;
    private final ScopedWork scopedWork;
    private final SubscriptionSync subscriptions;
    private final InvoiceLedger invoices;
    private final StripeLookups lookups;

    StripeEventProcessor(StripeEventStore store, BillingRoutes routes, ScopedWork scopedWork,
            SubscriptionSync subscriptions, InvoiceLedger invoices, StripeLookups lookups) {
        this.store = store;
        this.routes = routes;
        this.scopedWork = scopedWork;
        this.subscriptions = subscriptions;
        this.invoices = invoices;
        this.lookups = lookups;
    }

    /** An event ready to apply: its tenant, and the writes to make in that tenant's transaction. */
    private record Prepared(UUID tenantId, Runnable apply) {
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
            Prepared prepared = handles(event.type()) ? prepare(event, object)
                    : new Prepared(null, () -> Log.debugf("Acknowledged Stripe event %s of type %s", eventId, event.type()));
            scopedWork.run(prepared.tenantId(), null, () -> {
                if (store.claim(eventId)) {
                    prepared.apply().run();
                    store.markDone(eventId);
                }
            });
        } catch (StripeUnavailable e) {
            Log.infof("Stripe event %s waits: %s", eventId, e.getMessage());
            store.recordWait(eventId, e.getMessage());
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

    /** Finds the tenant (from the routes billing recorded, never from the request) and does the look-ups. */
    private Prepared prepare(StoredEvent event, JsonNode object) {
        String type = event.type();
        switch (type) {
            case "checkout.session.completed" -> {
                CheckoutSessionData session = CheckoutSessionData.from(object);
                UUID tenantId = checkoutTenant(session).orElseThrow(() -> unknown(type, object));
                return new Prepared(tenantId, () -> {
                    if ("subscription".equals(StripeObjects.text(object, "mode"))) {
                        subscriptions.recordCheckoutCompleted(tenantId, session);
                    }
                });
            }
            case "customer.subscription.created", "customer.subscription.updated", "customer.subscription.deleted" -> {
                UUID tenantId = byCustomer(type, object);
                SubscriptionState state = SubscriptionState.from(object);
                Optional<SubscriptionState> currentOnTie = lookups.forSubscriptionTie(tenantId, state, event.created());
                return new Prepared(tenantId,
                        () -> subscriptions.applySubscriptionEvent(tenantId, state, event.created(), currentOnTie));
            }
            case "invoice.paid" -> {
                UUID tenantId = byCustomer(type, object);
                StripeLookups.PaidInvoice paid = lookups.forInvoicePaid(tenantId, InvoiceData.from(object));
                return new Prepared(tenantId, () -> invoices.recordPaid(tenantId, paid.invoice(), paid.cardFingerprint()));
            }
            case "invoice.payment_failed" -> {
                UUID tenantId = byCustomer(type, object);
                return new Prepared(tenantId, () -> invoices.recordPaymentFailed(tenantId, InvoiceData.from(object)));
            }
            case "charge.refunded" -> {
                ChargeData charge = ChargeData.from(object);
                UUID tenantId = routes.tenantOf(charge.customerId()).or(() -> routes.tenantOf(charge.id()))
                        .or(() -> routes.tenantOf(charge.paymentIntentId())).orElseThrow(() -> unknown(type, object));
                ChargeData refunded = lookups.forRefund(tenantId, charge);
                return new Prepared(tenantId, () -> invoices.recordRefund(tenantId, refunded));
            }
            case "charge.dispute.created", "charge.dispute.closed" -> {
                StripeLookups.DisputeTarget target = lookups.forDispute(DisputeData.from(object));
                UUID tenantId = target.tenantId().orElseThrow(() -> unknown(type, object));
                return new Prepared(tenantId, () -> {
                    if (type.equals("charge.dispute.created")) {
                        invoices.recordDisputeOpened(tenantId, target.dispute());
                    } else {
                        invoices.recordDisputeClosed(tenantId, target.dispute());
                    }
                });
            }
            default -> throw new IllegalArgumentException("Not a handled Stripe event type: " + type);
        }
    }

    private UUID byCustomer(String type, JsonNode object) {
        return routes.tenantOf(StripeObjects.idOf(object, "customer")).orElseThrow(() -> unknown(type, object));
    }

    private static UnknownCustomer unknown(String type, JsonNode object) {
        return new UnknownCustomer(type, StripeObjects.text(object, "id"));
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
