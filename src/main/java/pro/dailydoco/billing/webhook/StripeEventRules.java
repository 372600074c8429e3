package pro.dailydoco.billing.webhook;

import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a Stripe object must hold before billing acts on it, per event type it handles: the ids it is found by, a
 * currency, and amounts that are whole, non-negative cents (never a string or a fraction to be truncated), with tax
 * no larger than the amount paid and a refund no larger than the charge — so the commissionable amount (paid − tax)
 * is never more than what was paid. The first broken rule is the reason the event is kept apart
 * (docs/decisions/0100-invalid-stripe-events-are-kept-apart.md). Types billing does not handle have no rules here.
 */
final class StripeEventRules {

    private static final Pattern CURRENCY = Pattern.compile("[A-Za-z]{3}");
    /** Stripe ids: a prefix and letters, digits or underscores; no control characters, spaces or quotes. */
    private static final Pattern STRIPE_ID = Pattern.compile("[A-Za-z0-9_-]{1,255}");
    /** Unix times a PostgreSQL timestamp and every page can hold: 1970 to the end of 9999. */
    private static final long LATEST_UNIX_TIME = 253_402_300_799L;

    private StripeEventRules() {
    }

    /** The first rule {@code object} breaks for an event of {@code type}, or empty when billing may act on it. */
    static Optional<String> problemOf(String type, JsonNode object) {
        try {
            switch (type) {
                case "invoice.paid", "invoice.payment_failed" -> invoice(object, type.equals("invoice.paid"));
                case "charge.refunded" -> charge(object);
                case "charge.dispute.created", "charge.dispute.closed" -> dispute(object);
                case "customer.subscription.created", "customer.subscription.updated", "customer.subscription.deleted" ->
                    subscription(object);
                case "checkout.session.completed" -> id(object, "checkout session", "id");
                default -> {
                    // not handled by billing: acknowledged and stored as it is
                }
            }
            return Optional.empty();
        } catch (Broken broken) {
            return Optional.of(broken.getMessage());
        }
    }

    private static void invoice(JsonNode invoice, boolean paid) {
        id(invoice, "invoice", "id");
        expandableId(invoice, "invoice", "customer");
        currency(invoice, "invoice");
        long amountPaid = amount(invoice, "invoice", "amount_paid", true);
        amount(invoice, "invoice", "amount_due", true);
        long tax = tax(invoice);
        if (paid && tax > amountPaid) {
            throw new Broken("invoice: tax " + tax + " is more than amount_paid " + amountPaid);
        }
        for (String field : new String[] { "created", "period_start", "period_end" }) {
            time(invoice, "invoice", field);
        }
    }

    /** The invoice's tax as billing reads it (tax, else total_taxes, else total_tax_amounts), every part checked. */
    private static long tax(JsonNode invoice) {
        JsonNode tax = invoice.get("tax");
        long fromField = tax == null || tax.isNull() ? -1 : amount(invoice, "invoice", "tax", true);
        long fromList = -1;
        for (String field : new String[] { "total_taxes", "total_tax_amounts" }) {
            JsonNode list = invoice.get(field);
            if (list == null || list.isNull()) {
                continue;
            }
            if (!list.isArray()) {
                throw new Broken("invoice: " + field + " must be a list");
            }
            long sum = 0;
            for (int i = 0; i < list.size(); i++) {
                sum = Math.addExact(sum, amount(list.get(i), "invoice", field + "[" + i + "].amount", "amount", true));
            }
            fromList = fromList < 0 ? sum : fromList;
        }
        return fromField >= 0 ? fromField : Math.max(fromList, 0);
    }

    private static void charge(JsonNode charge) {
        id(charge, "charge", "id");
        currency(charge, "charge");
        long refunded = amount(charge, "charge", "amount_refunded", true);
        long amount = amount(charge, "charge", "amount", false);
        if (amount >= 0 && refunded > amount) {
            throw new Broken("charge: amount_refunded " + refunded + " is more than amount " + amount);
        }
    }

    private static void dispute(JsonNode dispute) {
        id(dispute, "dispute", "id");
        if (isMissing(dispute.get("charge")) && isMissing(dispute.get("payment_intent"))) {
            throw new Broken("dispute: charge and payment_intent are both missing");
        }
        for (String field : new String[] { "charge", "payment_intent" }) {
            if (!isMissing(dispute.get(field))) {
                expandableId(dispute, "dispute", field);
            }
        }
        currency(dispute, "dispute");
        amount(dispute, "dispute", "amount", true);
        text(dispute, "dispute", "status");
    }

    private static void subscription(JsonNode subscription) {
        id(subscription, "subscription", "id");
        expandableId(subscription, "subscription", "customer");
        text(subscription, "subscription", "status");
        time(subscription, "subscription", "current_period_end");
        for (JsonNode item : subscription.path("items").path("data")) {
            time(item, "subscription item", "current_period_end");
        }
    }

    private static void id(JsonNode node, String kind, String field) {
        JsonNode value = node.get(field);
        if (isMissing(value)) {
            throw new Broken(kind + ": " + field + " is missing");
        }
        if (!value.isTextual() || !STRIPE_ID.matcher(value.asText()).matches()) {
            throw new Broken(kind + ": " + field + " is not a Stripe id");
        }
    }

    /** An id, or an expanded object holding one. */
    private static void expandableId(JsonNode node, String kind, String field) {
        JsonNode value = node.get(field);
        if (value != null && value.isObject()) {
            id(value, kind + " " + field, "id");
        } else {
            id(node, kind, field);
        }
    }

    private static void currency(JsonNode node, String kind) {
        JsonNode value = node.get("currency");
        if (isMissing(value)) {
            throw new Broken(kind + ": currency is missing");
        }
        if (!value.isTextual() || !CURRENCY.matcher(value.asText()).matches()) {
            throw new Broken(kind + ": currency is not a three-letter ISO code");
        }
    }

    private static void text(JsonNode node, String kind, String field) {
        JsonNode value = node.get(field);
        if (isMissing(value) || !value.isTextual() || value.asText().isBlank()) {
            throw new Broken(kind + ": " + field + " is missing");
        }
    }

    /** A whole, non-negative number of cents; -1 when it is absent and not {@code required}. */
    private static long amount(JsonNode node, String kind, String field, boolean required) {
        return amount(node, kind, field, field, required);
    }

    private static long amount(JsonNode node, String kind, String label, String field, boolean required) {
        JsonNode value = node == null ? null : node.get(field);
        if (isMissing(value)) {
            if (required) {
                throw new Broken(kind + ": " + label + " is missing");
            }
            return -1;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 0) {
            throw new Broken(kind + ": " + label + " must be a whole number of cents, 0 or more, not "
                    + StripeEventEnvelope.printable(abbreviated(value.toString())));
        }
        return value.asLong();
    }

    /** An optional Unix time: when present, a whole number of seconds from 1970 to 9999. */
    private static void time(JsonNode node, String kind, String field) {
        JsonNode value = node.get(field);
        if (isMissing(value)) {
            return;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 0
                || value.asLong() > LATEST_UNIX_TIME) {
            throw new Broken(kind + ": " + field + " is not a Unix time between 1970 and 9999");
        }
    }

    private static boolean isMissing(JsonNode value) {
        return value == null || value.isNull();
    }

    private static String abbreviated(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    /** A broken rule; its message is the reason shown to the operator. */
    private static final class Broken extends RuntimeException {
        Broken(String reason) {
            super(reason, null, false, false);
        }
    }
}
