package pro.dailydoco.billing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The fields billing uses, read from Stripe's raw JSON. Reading the JSON ourselves (rather than stripe-java's typed
 * model, which only deserializes events of its own API version) means an event in another API version is still
 * processed; where Stripe moved a field between versions, both places are read.
 */
public final class StripeObjects {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StripeObjects() {
    }

    public static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static String text(JsonNode node, String... path) {
        JsonNode value = at(node, path);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }

    static long amount(JsonNode node, String... path) {
        JsonNode value = at(node, path);
        return value == null || value.isNull() ? 0 : value.asLong();
    }

    static Instant instant(JsonNode node, String... path) {
        JsonNode value = at(node, path);
        return value == null || value.isNull() ? null : Instant.ofEpochSecond(value.asLong());
    }

    private static JsonNode at(JsonNode node, String... path) {
        JsonNode current = node;
        for (String name : path) {
            if (current == null || current.isNull()) {
                return null;
            }
            current = current.get(name);
        }
        return current;
    }

    /** The id of an expandable field: a plain id, or the {@code id} of an expanded object. */
    public static String idOf(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        return value.isObject() ? text(value, "id") : value.asText();
    }

    /**
     * The card fingerprint of a charge ({@code payment_method_details.card.fingerprint}, the same for one card across
     * customers of this Stripe account); null for a charge made without a card, or a charge that is only an id.
     */
    static String cardFingerprint(JsonNode charge) {
        String fingerprint = text(charge, "payment_method_details", "card", "fingerprint");
        return fingerprint == null || fingerprint.isBlank() ? null : fingerprint;
    }

    /**
     * The paid payment among {@code invoice_payment} objects (an invoice's {@code payments.data}, or a list from the
     * Invoice Payments API): its payment intent or charge. The default payment wins when several are paid.
     */
    static StripeGateway.PaymentIds paidPayment(JsonNode invoicePayments) {
        JsonNode chosen = null;
        for (JsonNode payment : invoicePayments) {
            if ("paid".equals(text(payment, "status")) && (chosen == null || payment.path("is_default").asBoolean())) {
                chosen = payment;
            }
        }
        if (chosen == null) {
            return new StripeGateway.PaymentIds(null, null);
        }
        return new StripeGateway.PaymentIds(idOf(chosen.path("payment"), "charge"),
                idOf(chosen.path("payment"), "payment_intent"));
    }

    /** One item of a subscription: its price and quantity (seats for a per-seat price). */
    public record SubscriptionItem(String id, String priceId, long quantity) {
    }

    public record SubscriptionState(String id, String customerId, String status, String priceId,
            Instant currentPeriodEnd, boolean cancelAtPeriodEnd, List<SubscriptionItem> items) {

        public static SubscriptionState from(JsonNode subscription) {
            JsonNode itemNodes = subscription.at("/items/data");
            JsonNode firstItem = itemNodes.isArray() && !itemNodes.isEmpty() ? itemNodes.get(0) : null;
            String priceId = firstItem == null ? text(subscription, "plan", "id") : text(firstItem, "price", "id");
            // Since API 2025-03-31 the period lives on the items; older versions had it on the subscription.
            Instant periodEnd = instant(subscription, "current_period_end");
            if (periodEnd == null && firstItem != null) {
                periodEnd = instant(firstItem, "current_period_end");
            }
            List<SubscriptionItem> items = new ArrayList<>();
            if (itemNodes.isArray()) {
                for (JsonNode item : itemNodes) {
                    JsonNode quantity = item.get("quantity");
                    items.add(new SubscriptionItem(text(item, "id"), text(item, "price", "id"),
                            quantity == null || quantity.isNull() ? 1 : quantity.asLong()));
                }
            }
            return new SubscriptionState(text(subscription, "id"), idOf(subscription, "customer"),
                    text(subscription, "status"), priceId, periodEnd,
                    subscription.path("cancel_at_period_end").asBoolean(false), List.copyOf(items));
        }
    }

    /**
     * One line of an invoice: its price and what it adds to the invoice before tax, after its own discounts and
     * credits ({@code pretax_credit_amounts} since API 2025-03-31, {@code discount_amounts} before). May be negative
     * (a proration credit).
     */
    public record InvoiceLine(String priceId, long amount) {

        static InvoiceLine from(JsonNode line) {
            String price = text(line, "pricing", "price_details", "price");
            if (price == null) {
                price = idOf(line.path("pricing").path("price_details"), "price");
            }
            if (price == null) {
                price = text(line, "price", "id");
            }
            if (price == null) {
                price = text(line, "plan", "id");
            }
            long credits = 0;
            JsonNode pretax = line.get("pretax_credit_amounts");
            JsonNode list = pretax != null && pretax.isArray() ? pretax : line.path("discount_amounts");
            for (JsonNode credit : list) {
                credits += credit.path("amount").asLong();
            }
            return new InvoiceLine(price, StripeObjects.amount(line, "amount") - credits);
        }
    }

    public record InvoiceData(String id, String customerId, String subscriptionId, String currency, long amountDue,
            long amountPaid, long tax, String hostedInvoiceUrl, Instant periodStart, Instant periodEnd,
            String chargeId, String paymentIntentId, Instant created, boolean namesPayment, List<InvoiceLine> lines,
            long unlistedLinesAmount) {

        /** The same invoice with the payment Stripe's Invoice Payments API named. */
        public InvoiceData withPayment(StripeGateway.PaymentIds payment) {
            return new InvoiceData(id, customerId, subscriptionId, currency, amountDue, amountPaid, tax,
                    hostedInvoiceUrl, periodStart, periodEnd, payment.chargeId(), payment.paymentIntentId(), created,
                    true, lines, unlistedLinesAmount);
        }

        /** The same invoice with the charge that made its payment (known from the payment intent). */
        public InvoiceData withCharge(String charge) {
            return new InvoiceData(id, customerId, subscriptionId, currency, amountDue, amountPaid, tax,
                    hostedInvoiceUrl, periodStart, periodEnd, chargeId != null ? chargeId : charge, paymentIntentId,
                    created, namesPayment, lines, unlistedLinesAmount);
        }

        public static InvoiceData from(JsonNode invoice) {
            String subscription = idOf(invoice, "subscription");
            if (subscription == null) {
                subscription = text(invoice, "parent", "subscription_details", "subscription");
            }
            String charge = idOf(invoice, "charge");
            String paymentIntent = idOf(invoice, "payment_intent");
            // Older versions name charge/payment_intent. Since API 2025-03-31 an invoice lists its payments only when
            // payments[] was expanded (Stripe: "includable"): a payload without both says nothing about the payment,
            // which must then be asked of Stripe (namesPayment false).
            boolean namesPayment = charge != null || paymentIntent != null;
            JsonNode payments = invoice.path("payments");
            if (!namesPayment && payments.path("data").isArray()) {
                StripeGateway.PaymentIds paid = paidPayment(payments.path("data"));
                charge = paid.chargeId();
                paymentIntent = paid.paymentIntentId();
                namesPayment = true;
            }
            return new InvoiceData(text(invoice, "id"), idOf(invoice, "customer"), subscription,
                    StripeObjects.currency(text(invoice, "currency")), amount(invoice, "amount_due"), amount(invoice, "amount_paid"),
                    tax(invoice), text(invoice, "hosted_invoice_url"), instant(invoice, "period_start"),
                    instant(invoice, "period_end"), charge, paymentIntent, instant(invoice, "created"), namesPayment,
                    lines(invoice), unlistedLinesAmount(invoice));
        }

        private static List<InvoiceLine> lines(JsonNode invoice) {
            List<InvoiceLine> lines = new ArrayList<>();
            for (JsonNode line : invoice.path("lines").path("data")) {
                lines.add(InvoiceLine.from(line));
            }
            return List.copyOf(lines);
        }

        /**
         * What the lines the payload leaves out add up to: an event carries the first page of lines only
         * ({@code has_more}); the rest is the subtotal less the listed lines' amounts.
         */
        private static long unlistedLinesAmount(JsonNode invoice) {
            if (!invoice.path("lines").path("has_more").asBoolean(false)) {
                return 0;
            }
            long listed = 0;
            for (JsonNode line : invoice.path("lines").path("data")) {
                listed += amount(line, "amount");
            }
            return Math.max(0, amount(invoice, "subtotal") - listed);
        }

        /** {@code tax} in older versions, the sum of {@code total_taxes} (or {@code total_tax_amounts}) in newer. */
        private static long tax(JsonNode invoice) {
            JsonNode tax = invoice.get("tax");
            if (tax != null && !tax.isNull()) {
                return tax.asLong();
            }
            long sum = 0;
            for (String field : new String[] { "total_taxes", "total_tax_amounts" }) {
                JsonNode list = invoice.get(field);
                if (list != null && list.isArray()) {
                    for (JsonNode item : list) {
                        sum += item.path("amount").asLong();
                    }
                    return sum;
                }
            }
            return 0;
        }
    }

    public record ChargeData(String id, String customerId, String paymentIntentId, String invoiceId,
            long amountRefunded, String currency) {

        /** The same charge with the invoice Stripe's Invoice Payments API named for its payment. */
        public ChargeData withInvoice(String invoice) {
            return new ChargeData(id, customerId, paymentIntentId, invoice, amountRefunded, currency);
        }

        public static ChargeData from(JsonNode charge) {
            return new ChargeData(text(charge, "id"), idOf(charge, "customer"), idOf(charge, "payment_intent"),
                    idOf(charge, "invoice"), amount(charge, "amount_refunded"), StripeObjects.currency(text(charge, "currency")));
        }
    }

    public record DisputeData(String id, String chargeId, String paymentIntentId, String status, long amount,
            String currency, String invoiceId) {

        /** The same dispute with what Stripe said of its charge: the payment intent and the invoice it paid. */
        public DisputeData withPayment(String paymentIntent, String invoice) {
            return new DisputeData(id, chargeId, paymentIntentId != null ? paymentIntentId : paymentIntent, status, amount,
                    currency, invoice);
        }

        public static DisputeData from(JsonNode dispute) {
            return new DisputeData(text(dispute, "id"), idOf(dispute, "charge"), idOf(dispute, "payment_intent"),
                    text(dispute, "status"), StripeObjects.amount(dispute, "amount"), StripeObjects.currency(text(dispute, "currency")),
                    null);
        }
    }

    public record CheckoutSessionData(String id, String tenantReference, String customerId, String subscriptionId) {

        public static CheckoutSessionData from(JsonNode session) {
            String tenant = text(session, "client_reference_id");
            if (tenant == null) {
                tenant = text(session, "metadata", StripeGateway.TENANT_METADATA_KEY);
            }
            return new CheckoutSessionData(text(session, "id"), tenant, idOf(session, "customer"),
                    idOf(session, "subscription"));
        }
    }

    /** Stripe writes currencies in lower case; {@link Money} wants ISO upper case. */
    static String currency(String stripeCurrency) {
        return stripeCurrency == null ? null : stripeCurrency.toUpperCase(Locale.ROOT);
    }
}
