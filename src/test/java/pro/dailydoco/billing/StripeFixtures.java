package pro.dailydoco.billing;

import static pro.dailydoco.billing.StripeShapes.CURRENT;
import static pro.dailydoco.billing.StripeShapes.LEGACY;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.stripe.Stripe;

/**
 * Stripe objects and events for tests, each a copy of Stripe's published object ({@link StripeShapes}) with only ids,
 * amounts, references, timestamps and the scenario's status changed. The current family (stripe-java's
 * {@link Stripe#API_VERSION}) puts an invoice's subscription under {@code parent} and lists no payments on it
 * (Stripe answers them through the Invoice Payments API, which {@link #invoice} registers with {@link StripeWireMock});
 * the {@code legacy…} builders give the shapes before 2025-03-31.
 */
public final class StripeFixtures {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private StripeFixtures() {
    }

    public static String unique(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    public static String event(String id, String type, Instant created, String object) {
        return event(id, type, created, object, Stripe.API_VERSION);
    }

    public static String event(String id, String type, Instant created, String object, String apiVersion) {
        ObjectNode event = CURRENT.object("event");
        event.put("id", id);
        event.put("type", type);
        event.put("api_version", apiVersion);
        event.put("created", created.getEpochSecond());
        event.put("pending_webhooks", 1);
        ObjectNode data = NODES.objectNode();
        data.set("object", StripeShapes.read(object));
        data.set("previous_attributes", NODES.objectNode());
        event.set("data", data);
        return StripeShapes.write(event);
    }

    /** Stripe's published customer with {@code id}: the object of events billing only stores (customer.created). */
    public static String customer(String id) {
        ObjectNode customer = CURRENT.object("customer");
        customer.put("id", id);
        customer.put("livemode", false);
        return StripeShapes.write(customer);
    }

    public static String subscription(String id, String customer, String status, String priceId, Instant periodEnd,
            UUID tenantId) {
        ObjectNode subscription = CURRENT.object("subscription");
        long periodStart = periodEnd.minusSeconds(30L * 86400).getEpochSecond();
        subscription.put("id", id);
        subscription.put("customer", customer);
        subscription.put("status", status);
        subscription.put("cancel_at_period_end", false);
        subscription.putNull("cancel_at");
        subscription.putNull("canceled_at");
        subscription.putNull("ended_at");
        subscription.put("created", periodStart);
        subscription.put("start_date", periodStart);
        subscription.put("billing_cycle_anchor", periodStart);
        subscription.putObject("metadata").put("tenant_id", tenantId.toString());
        ObjectNode item = (ObjectNode) subscription.path("items").path("data").get(0);
        item.put("id", "si_" + id);
        item.put("subscription", id);
        item.put("current_period_start", periodStart);
        item.put("current_period_end", periodEnd.getEpochSecond());
        ((ObjectNode) item.path("price")).put("id", priceId);
        ((ObjectNode) item.path("plan")).put("id", priceId);
        ((ObjectNode) subscription.path("items")).put("url", "/v1/subscription_items?subscription=" + id);
        return StripeShapes.write(subscription);
    }

    /**
     * An invoice of the current family as {@code invoice.paid} (status {@code paid}) or {@code invoice.payment_failed}
     * delivers it: no {@code payments}. Stripe knows its payment all the same, so {@link StripeWireMock}'s Invoice
     * Payments API lists {@code paymentIntent} as its payment.
     */
    public static String invoice(String id, String customer, String subscription, String status, long amountPaid,
            long tax, String currency, String paymentIntent) {
        ObjectNode invoice = currentInvoice(id, customer, subscription, status, amountPaid, tax, currency);
        if (paymentIntent != null && StripeWireMock.instance() != null) {
            long requested = invoice.path("amount_due").asLong();
            StripeWireMock.instance().putInvoicePayment(invoicePayment(unique("inpay"), id, paymentIntent, requested,
                    currency, status));
        }
        return StripeShapes.write(invoice);
    }

    /** The same invoice with {@code payments} expanded, as {@code expand[]=payments} (or a dev sample) gives it. */
    public static String invoiceWithPayments(String id, String customer, String subscription, long amountPaid, long tax,
            String paymentIntent) {
        ObjectNode invoice = currentInvoice(id, customer, subscription, "paid", amountPaid, tax, "usd");
        ObjectNode payments = invoice.putObject("payments");
        payments.put("object", "list");
        payments.putArray("data").add(StripeShapes.read(invoicePayment(unique("inpay"), id, paymentIntent, amountPaid,
                "usd", "paid")));
        payments.put("has_more", false);
        payments.put("url", "/v1/invoice_payments");
        return StripeShapes.write(invoice);
    }

    private static ObjectNode currentInvoice(String id, String customer, String subscription, String status,
            long amountPaid, long tax, String currency) {
        boolean paid = "paid".equals(status);
        long now = Instant.now().getEpochSecond();
        ObjectNode invoice = CURRENT.object("invoice");
        invoice.put("id", id);
        invoice.put("customer", customer);
        invoice.put("status", status);
        invoice.put("currency", currency);
        invoice.put("amount_due", amountPaid + (paid ? 0 : 9900));
        invoice.put("amount_paid", amountPaid);
        invoice.put("amount_remaining", paid ? 0 : 9900);
        invoice.put("amount_overpaid", 0);
        invoice.put("subtotal", amountPaid - tax);
        invoice.put("subtotal_excluding_tax", amountPaid - tax);
        invoice.put("total", amountPaid);
        invoice.put("total_excluding_tax", amountPaid - tax);
        ArrayNode taxes = invoice.putArray("total_taxes");
        if (tax != 0) {
            ObjectNode line = taxes.addObject();
            line.put("amount", tax);
            line.put("tax_behavior", "exclusive");
            line.putObject("tax_rate_details").put("tax_rate", "txr_" + id);
            line.put("taxability_reason", "standard_rated");
            line.put("taxable_amount", amountPaid - tax);
            line.put("type", "tax_rate_details");
        }
        invoice.put("hosted_invoice_url", "https://invoice.stripe.com/i/acct_test/" + id);
        invoice.put("period_start", now - 86400);
        invoice.put("period_end", now);
        invoice.put("created", now);
        invoice.put("effective_at", now);
        invoice.put("livemode", false);
        if (paid) {
            ((ObjectNode) invoice.path("status_transitions")).put("paid_at", now);
        }
        ObjectNode parent = invoice.putObject("parent");
        parent.putNull("quote_details");
        parent.putObject("subscription_details").put("subscription", subscription).putObject("metadata");
        parent.put("type", "subscription_details");
        ObjectNode line = (ObjectNode) invoice.path("lines").path("data").get(0);
        line.put("invoice", id);
        line.put("amount", amountPaid - tax);
        line.put("subtotal", amountPaid - tax);
        ((ObjectNode) invoice.path("lines")).put("url", "/v1/invoices/" + id + "/lines");
        return invoice;
    }

    /** An {@code invoice_payment}: {@code paymentIntent} paid (or tried to pay) {@code invoice}. */
    public static String invoicePayment(String id, String invoice, String paymentIntent, long amount, String currency,
            String invoiceStatus) {
        boolean paid = "paid".equals(invoiceStatus);
        ObjectNode payment = CURRENT.object("invoice_payment");
        payment.put("id", id);
        payment.put("invoice", invoice);
        payment.put("amount_requested", amount);
        if (paid) {
            payment.put("amount_paid", amount);
        } else {
            payment.putNull("amount_paid");
        }
        payment.put("currency", currency);
        payment.put("livemode", false);
        payment.put("created", Instant.now().getEpochSecond());
        payment.put("status", paid ? "paid" : "open");
        ((ObjectNode) payment.path("payment")).put("type", "payment_intent").put("payment_intent", paymentIntent);
        if (paid) {
            ((ObjectNode) payment.path("status_transitions")).put("paid_at", Instant.now().getEpochSecond());
        }
        return StripeShapes.write(payment);
    }

    /** An invoice as API versions before 2025-03-31 sent it: charge, payment_intent, subscription and tax on top. */
    public static String legacyInvoice(String id, String customer, String subscription, long amountPaid, long tax,
            String charge, String paymentIntent) {
        long now = Instant.now().getEpochSecond();
        ObjectNode invoice = LEGACY.object("invoice");
        invoice.put("id", id);
        invoice.put("customer", customer);
        invoice.put("subscription", subscription);
        invoice.put("status", "paid");
        invoice.put("paid", true);
        invoice.put("currency", "usd");
        invoice.put("amount_due", amountPaid);
        invoice.put("amount_paid", amountPaid);
        invoice.put("amount_remaining", 0);
        invoice.put("subtotal", amountPaid - tax);
        invoice.put("subtotal_excluding_tax", amountPaid - tax);
        invoice.put("total", amountPaid);
        invoice.put("total_excluding_tax", amountPaid - tax);
        invoice.put("tax", tax);
        ArrayNode taxes = invoice.putArray("total_tax_amounts");
        if (tax != 0) {
            taxes.addObject().put("amount", tax).put("inclusive", false).put("tax_rate", "txr_" + id)
                    .put("taxability_reason", "standard_rated").put("taxable_amount", amountPaid - tax);
        }
        invoice.put("charge", charge);
        invoice.put("payment_intent", paymentIntent);
        invoice.put("hosted_invoice_url", "https://invoice.stripe.com/i/acct_test/" + id);
        invoice.put("period_start", now - 86400);
        invoice.put("period_end", now);
        invoice.put("created", now);
        invoice.put("livemode", false);
        ((ObjectNode) invoice.path("status_transitions")).put("paid_at", now);
        ((ObjectNode) invoice.path("lines")).put("url", "/v1/invoices/" + id + "/lines");
        ObjectNode line = (ObjectNode) invoice.path("lines").path("data").get(0);
        line.put("invoice", id);
        line.put("amount", amountPaid - tax);
        return StripeShapes.write(invoice);
    }

    public static String charge(String id, String customer, String paymentIntent, long amount, long amountRefunded) {
        return StripeShapes.write(charge(CURRENT, id, customer, paymentIntent, amount, amountRefunded));
    }

    /** A charge as API versions before 2025-03-31 sent it: it names its {@code invoice}. */
    public static String legacyCharge(String id, String customer, String paymentIntent, String invoice, long amount,
            long amountRefunded) {
        ObjectNode charge = charge(LEGACY, id, customer, paymentIntent, amount, amountRefunded);
        charge.put("invoice", invoice);
        return StripeShapes.write(charge);
    }

    private static ObjectNode charge(StripeShapes family, String id, String customer, String paymentIntent, long amount,
            long amountRefunded) {
        ObjectNode charge = family.object("charge");
        charge.put("id", id);
        charge.put("amount", amount);
        charge.put("amount_captured", amount);
        charge.put("amount_refunded", amountRefunded);
        charge.put("captured", true);
        charge.put("currency", "usd");
        charge.put("customer", customer);
        charge.put("payment_intent", paymentIntent);
        charge.put("refunded", amount == amountRefunded);
        charge.put("balance_transaction", "txn_" + id);
        charge.put("payment_method", "pm_" + id);
        charge.put("livemode", false);
        charge.put("created", Instant.now().getEpochSecond());
        ((ObjectNode) charge.path("refunds")).put("url", "/v1/charges/" + id + "/refunds");
        ObjectNode card = (ObjectNode) charge.path("payment_method_details").path("card");
        card.put("fingerprint", "fp_" + id);
        return charge;
    }

    /**
     * A charge paid by card: {@code payment_method_details.card.fingerprint} names the card (the same card gives the
     * same fingerprint on every customer of the account).
     */
    public static String cardCharge(String id, String customer, String paymentIntent, long amount, String fingerprint) {
        ObjectNode charge = charge(CURRENT, id, customer, paymentIntent, amount, 0);
        ((ObjectNode) charge.path("payment_method_details").path("card")).put("fingerprint", fingerprint);
        return StripeShapes.write(charge);
    }

    /** A charge paid by US bank account (ACH debit): no card, so no card fingerprint. */
    public static String bankDebitCharge(String id, String customer, String paymentIntent, long amount) {
        ObjectNode charge = charge(CURRENT, id, customer, paymentIntent, amount, 0);
        ObjectNode details = charge.putObject("payment_method_details");
        details.put("type", "us_bank_account");
        details.putObject("us_bank_account").put("account_holder_type", "individual").put("account_type", "checking")
                .put("bank_name", "STRIPE TEST BANK").put("last4", "6789").put("routing_number", "110000000");
        return StripeShapes.write(charge);
    }

    /** A succeeded payment intent as GET /v1/payment_intents/{id}?expand[]=latest_charge answers it. */
    public static String paymentIntent(String id, String customer, long amount, String latestCharge) {
        ObjectNode intent = CURRENT.object("payment_intent");
        intent.put("id", id);
        intent.put("amount", amount);
        intent.put("amount_received", amount);
        intent.put("currency", "usd");
        intent.put("customer", customer);
        intent.put("status", "succeeded");
        intent.put("client_secret", id + "_secret_test");
        intent.putNull("canceled_at");
        intent.putNull("last_payment_error");
        intent.putNull("next_action");
        intent.put("livemode", false);
        JsonNode charge = StripeShapes.read(latestCharge);
        intent.set("latest_charge", charge);
        return StripeShapes.write(intent);
    }

    public static String dispute(String id, String charge, String paymentIntent, long amount, String status) {
        return StripeShapes.write(dispute(CURRENT, id, charge, paymentIntent, amount, status));
    }

    /** A dispute of the family before 2025-03-31 (the same fields billing reads). */
    public static String legacyDispute(String id, String charge, String paymentIntent, long amount, String status) {
        return StripeShapes.write(dispute(LEGACY, id, charge, paymentIntent, amount, status));
    }

    private static ObjectNode dispute(StripeShapes family, String id, String charge, String paymentIntent, long amount,
            String status) {
        ObjectNode dispute = family.object("dispute");
        dispute.put("id", id);
        dispute.put("amount", amount);
        dispute.put("currency", "usd");
        dispute.put("charge", charge);
        dispute.put("payment_intent", paymentIntent);
        dispute.put("status", status);
        dispute.put("livemode", false);
        dispute.put("created", Instant.now().getEpochSecond());
        return dispute;
    }

    public static String checkoutSession(String id, UUID tenantId, String customer, String subscription) {
        ObjectNode session = CURRENT.object("checkout.session");
        session.put("id", id);
        session.put("mode", "subscription");
        session.put("status", "complete");
        session.put("payment_status", "paid");
        session.put("client_reference_id", tenantId.toString());
        session.put("customer", customer);
        session.put("subscription", subscription);
        session.putObject("metadata").put("tenant_id", tenantId.toString());
        session.put("livemode", false);
        return StripeShapes.write(session);
    }
}
