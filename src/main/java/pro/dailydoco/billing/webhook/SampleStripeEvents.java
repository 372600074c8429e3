package pro.dailydoco.billing.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.stripe.Stripe;

import pro.dailydoco.core.Money;

/**
 * Sample Stripe events for one workspace, shaped like real ones at stripe-java's API version, for the dev-only
 * replay page: checkout completed, subscription updated, invoice paid or failed, charge refunded. Nothing here
 * signs or sends; see {@link DevStripeResource}.
 */
public final class SampleStripeEvents {

    /** The Stripe ids a workspace's samples share, so later events find what earlier ones created. */
    public record Ids(UUID tenantId, String customerId, String subscriptionId) {

        /** Stable sample ids per workspace; an existing Stripe customer of the workspace is kept. */
        public static Ids of(UUID tenantId, String existingCustomerId) {
            String key = tenantId.toString().replace("-", "").substring(0, 16);
            return new Ids(tenantId, existingCustomerId != null ? existingCustomerId : "cus_sample_" + key,
                    "sub_sample_" + key);
        }
    }

    private SampleStripeEvents() {
    }

    public static String newId(String prefix) {
        return prefix + "_sample_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    public static String checkoutCompleted(Ids ids, Instant created) {
        return event("checkout.session.completed", created, """
                {"id": "%s", "object": "checkout.session", "mode": "subscription", "status": "complete",
                 "payment_status": "paid", "client_reference_id": "%s", "customer": "%s", "subscription": "%s",
                 "metadata": {"tenant_id": "%s"}, "livemode": false}"""
                .formatted(newId("cs"), ids.tenantId(), ids.customerId(), ids.subscriptionId(), ids.tenantId()));
    }

    /** customer.subscription.updated to {@code status} (active, past_due, canceled, …) at {@code priceId}. */
    public static String subscriptionUpdated(Ids ids, String priceId, String status, Instant created) {
        long start = created.getEpochSecond();
        long end = created.plus(Duration.ofDays(30)).getEpochSecond();
        return event("customer.subscription.updated", created, """
                {"id": "%s", "object": "subscription", "customer": "%s", "status": "%s", "cancel_at_period_end": false,
                 "collection_method": "charge_automatically", "created": %d, "currency": "usd",
                 "items": {"object": "list", "has_more": false, "data": [{"id": "si_%s", "object": "subscription_item",
                   "current_period_start": %d, "current_period_end": %d, "quantity": 1,
                   "price": {"id": "%s", "object": "price", "currency": "usd",
                             "recurring": {"interval": "month", "interval_count": 1}}}]},
                 "metadata": {"tenant_id": "%s"}, "livemode": false}"""
                .formatted(ids.subscriptionId(), ids.customerId(), status, start, ids.subscriptionId(), start, end,
                        priceId, ids.tenantId()));
    }

    /** invoice.paid ({@code paid} true) or invoice.payment_failed for {@code amount}, paid through {@code paymentIntent}. */
    public static String invoice(Ids ids, boolean paid, Money amount, String invoiceId, String paymentIntent,
            Instant created) {
        long now = created.getEpochSecond();
        return event(paid ? "invoice.paid" : "invoice.payment_failed", created, """
                {"id": "%s", "object": "invoice", "customer": "%s", "status": "%s", "currency": "%s",
                 "amount_due": %d, "amount_paid": %d, "amount_remaining": %d, "subtotal": %d, "total": %d,
                 "total_taxes": [], "hosted_invoice_url": "https://invoice.stripe.com/i/sample/%s",
                 "period_start": %d, "period_end": %d, "created": %d, "livemode": false,
                 "parent": {"type": "subscription_details",
                            "subscription_details": {"subscription": "%s", "metadata": {}}},
                 "payments": {"object": "list", "has_more": false, "data": [{"id": "inpay_%s",
                   "object": "invoice_payment", "status": "%s",
                   "payment": {"type": "payment_intent", "payment_intent": "%s"}}]}}"""
                .formatted(invoiceId, ids.customerId(), paid ? "paid" : "open", amount.currency().toLowerCase(),
                        amount.minor(), paid ? amount.minor() : 0, paid ? 0 : amount.minor(), amount.minor(),
                        amount.minor(), invoiceId, now, created.plus(Duration.ofDays(30)).getEpochSecond(), now,
                        ids.subscriptionId(), invoiceId, paid ? "paid" : "open", paymentIntent));
    }

    /** charge.refunded: a full refund of {@code amount} paid through {@code paymentIntent}. */
    public static String chargeRefunded(Ids ids, String paymentIntent, Money amount, Instant created) {
        return event("charge.refunded", created, """
                {"id": "%s", "object": "charge", "amount": %d, "amount_captured": %d, "amount_refunded": %d,
                 "currency": "%s", "customer": "%s", "payment_intent": "%s", "paid": true, "refunded": true,
                 "status": "succeeded", "livemode": false}"""
                .formatted(newId("ch"), amount.minor(), amount.minor(), amount.minor(),
                        amount.currency().toLowerCase(), ids.customerId(), paymentIntent));
    }

    private static String event(String type, Instant created, String object) {
        return """
                {"id": "%s", "object": "event", "api_version": "%s", "created": %d,
                 "data": {"object": %s, "previous_attributes": {}}, "livemode": false, "pending_webhooks": 1,
                 "request": {"id": null, "idempotency_key": null}, "type": "%s"}"""
                .formatted(newId("evt"), Stripe.API_VERSION, created.getEpochSecond(), object, type);
    }
}
