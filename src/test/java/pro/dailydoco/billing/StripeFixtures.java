package pro.dailydoco.billing;

import java.time.Instant;
import java.util.UUID;

import com.stripe.Stripe;

/**
 * Stripe objects and events shaped like the real ones at stripe-java's API version ({@link Stripe#API_VERSION}):
 * since 2025-03-31 the subscription period sits on its items and an invoice names its subscription under
 * {@code parent} and its payment under {@code payments}. {@link #legacyInvoice} is the older shape.
 */
public final class StripeFixtures {

    private StripeFixtures() {
    }

    public static String unique(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    public static String event(String id, String type, Instant created, String object) {
        return event(id, type, created, object, Stripe.API_VERSION);
    }

    public static String event(String id, String type, Instant created, String object, String apiVersion) {
        return """
                {
                  "id": "%s",
                  "object": "event",
                  "api_version": "%s",
                  "created": %d,
                  "data": {
                    "object": %s,
                    "previous_attributes": {}
                  },
                  "livemode": false,
                  "pending_webhooks": 1,
                  "request": {"id": null, "idempotency_key": null},
                  "type": "%s"
                }""".formatted(id, apiVersion, created.getEpochSecond(), object, type);
    }

    public static String subscription(String id, String customer, String status, String priceId, Instant periodEnd,
            UUID tenantId) {
        return """
                {
                  "id": "%s",
                  "object": "subscription",
                  "customer": "%s",
                  "status": "%s",
                  "cancel_at_period_end": false,
                  "collection_method": "charge_automatically",
                  "created": %d,
                  "currency": "usd",
                  "items": {
                    "object": "list",
                    "data": [{
                      "id": "si_%s",
                      "object": "subscription_item",
                      "current_period_start": %d,
                      "current_period_end": %d,
                      "price": {"id": "%s", "object": "price", "currency": "usd", "unit_amount": 9900,
                                "recurring": {"interval": "month", "interval_count": 1}},
                      "quantity": 1
                    }],
                    "has_more": false
                  },
                  "livemode": false,
                  "metadata": {"tenant_id": "%s"}
                }""".formatted(id, customer, status, periodEnd.minusSeconds(30L * 86400).getEpochSecond(), id,
                periodEnd.minusSeconds(30L * 86400).getEpochSecond(), periodEnd.getEpochSecond(), priceId, tenantId);
    }

    public static String invoice(String id, String customer, String subscription, String status, long amountPaid,
            long tax, String currency, String paymentIntent) {
        long now = Instant.now().getEpochSecond();
        return """
                {
                  "id": "%s",
                  "object": "invoice",
                  "customer": "%s",
                  "status": "%s",
                  "currency": "%s",
                  "amount_due": %d,
                  "amount_paid": %d,
                  "amount_remaining": %d,
                  "subtotal": %d,
                  "total": %d,
                  "total_taxes": [{"amount": %d, "tax_behavior": "exclusive", "taxability_reason": "standard_rated",
                                   "type": "tax_rate_details"}],
                  "hosted_invoice_url": "https://invoice.stripe.com/i/acct_test/%s",
                  "period_start": %d,
                  "period_end": %d,
                  "created": %d,
                  "livemode": false,
                  "parent": {
                    "type": "subscription_details",
                    "subscription_details": {"subscription": "%s", "metadata": {}}
                  },
                  "payments": {
                    "object": "list",
                    "data": [{"id": "inpay_%s", "object": "invoice_payment", "status": "%s",
                              "payment": {"type": "payment_intent", "payment_intent": "%s"}}],
                    "has_more": false
                  }
                }""".formatted(id, customer, status, currency, amountPaid + ("paid".equals(status) ? 0 : 9900),
                amountPaid, "paid".equals(status) ? 0 : 9900, amountPaid - tax, amountPaid, tax, id, now - 86400,
                now, now, subscription, id, "paid".equals(status) ? "paid" : "open", paymentIntent);
    }

    /** An invoice as API versions before 2025-03-31 sent it: charge, payment_intent, subscription and tax on top. */
    public static String legacyInvoice(String id, String customer, String subscription, long amountPaid, long tax,
            String charge, String paymentIntent) {
        long now = Instant.now().getEpochSecond();
        return """
                {"id": "%s", "object": "invoice", "customer": "%s", "subscription": "%s", "status": "paid",
                 "currency": "usd", "amount_due": %d, "amount_paid": %d, "tax": %d, "charge": "%s",
                 "payment_intent": "%s", "hosted_invoice_url": "https://invoice.stripe.com/i/acct_test/%s",
                 "period_start": %d, "period_end": %d, "created": %d, "livemode": false}"""
                .formatted(id, customer, subscription, amountPaid, amountPaid, tax, charge, paymentIntent, id,
                        now - 86400, now, now);
    }

    public static String charge(String id, String customer, String paymentIntent, long amount, long amountRefunded) {
        return """
                {"id": "%s", "object": "charge", "amount": %d, "amount_captured": %d, "amount_refunded": %d,
                 "currency": "usd", "customer": "%s", "payment_intent": "%s", "paid": true,
                 "refunded": %s, "status": "succeeded", "livemode": false}"""
                .formatted(id, amount, amount, amountRefunded, customer, paymentIntent, amount == amountRefunded);
    }

    /**
     * A charge paid by card: {@code payment_method_details.card.fingerprint} names the card (the same card gives the
     * same fingerprint on every customer of the account).
     */
    public static String cardCharge(String id, String customer, String paymentIntent, long amount, String fingerprint) {
        return """
                {"id": "%s", "object": "charge", "amount": %d, "amount_captured": %d, "amount_refunded": 0,
                 "captured": true, "currency": "usd", "customer": "%s", "payment_intent": "%s", "paid": true,
                 "payment_method": "pm_%s", "refunded": false, "status": "succeeded", "livemode": false,
                 "payment_method_details": {"type": "card", "card": {"brand": "visa", "country": "US",
                   "exp_month": 12, "exp_year": 2030, "fingerprint": "%s", "funding": "credit", "last4": "4242",
                   "network": "visa"}}}"""
                .formatted(id, amount, amount, customer, paymentIntent, id, fingerprint);
    }

    /** A charge paid by US bank account (ACH debit): no card, so no card fingerprint. */
    public static String bankDebitCharge(String id, String customer, String paymentIntent, long amount) {
        return """
                {"id": "%s", "object": "charge", "amount": %d, "amount_captured": %d, "amount_refunded": 0,
                 "captured": true, "currency": "usd", "customer": "%s", "payment_intent": "%s", "paid": true,
                 "payment_method": "pm_%s", "refunded": false, "status": "succeeded", "livemode": false,
                 "payment_method_details": {"type": "us_bank_account", "us_bank_account": {"account_holder_type":
                   "individual", "account_type": "checking", "bank_name": "STRIPE TEST BANK", "last4": "6789",
                   "routing_number": "110000000"}}}"""
                .formatted(id, amount, amount, customer, paymentIntent, id);
    }

    /** A succeeded payment intent as GET /v1/payment_intents/{id}?expand[]=latest_charge answers it. */
    public static String paymentIntent(String id, String customer, long amount, String latestCharge) {
        return """
                {"id": "%s", "object": "payment_intent", "amount": %d, "amount_received": %d, "currency": "usd",
                 "customer": "%s", "status": "succeeded", "capture_method": "automatic", "livemode": false,
                 "payment_method_types": ["card"], "latest_charge": %s}"""
                .formatted(id, amount, amount, customer, latestCharge);
    }

    public static String dispute(String id, String charge, String paymentIntent, long amount, String status) {
        return """
                {"id": "%s", "object": "dispute", "amount": %d, "currency": "usd", "charge": "%s",
                 "payment_intent": "%s", "reason": "fraudulent", "status": "%s", "livemode": false}"""
                .formatted(id, amount, charge, paymentIntent, status);
    }

    public static String checkoutSession(String id, UUID tenantId, String customer, String subscription) {
        return """
                {"id": "%s", "object": "checkout.session", "mode": "subscription", "status": "complete",
                 "payment_status": "paid", "client_reference_id": "%s", "customer": "%s", "subscription": "%s",
                 "metadata": {"tenant_id": "%s"}, "livemode": false}"""
                .formatted(id, tenantId, customer, subscription, tenantId);
    }
}
