package pro.dailydoco.billing;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Subscriptions with several items and invoices with several lines, built from Stripe's published objects
 * ({@link StripeFixtures}): the first item or line is copied for each, and only ids, prices, quantities and amounts
 * change. Line prices sit where API 2025-03-31 and later put them ({@code pricing.price_details.price}).
 */
final class AddOnStripeShapes {

    /** A subscription item: price and quantity. */
    record Item(String price, long quantity) {
    }

    /** An invoice line: price, amount before tax, and the discount taken off it (0 for none). */
    record Line(String price, long amount, long discount) {
    }

    private AddOnStripeShapes() {
    }

    static String subscription(String id, String customer, String status, UUID tenantId, List<Item> items) {
        ObjectNode subscription = (ObjectNode) StripeShapes.read(StripeFixtures.subscription(id, customer, status,
                items.get(0).price(), Instant.now().plusSeconds(30L * 86400), tenantId));
        ArrayNode data = (ArrayNode) subscription.path("items").path("data");
        ObjectNode first = (ObjectNode) data.get(0);
        data.removeAll();
        for (int i = 0; i < items.size(); i++) {
            ObjectNode item = first.deepCopy();
            item.put("id", "si_" + id + "_" + i);
            item.put("quantity", items.get(i).quantity());
            ((ObjectNode) item.path("price")).put("id", items.get(i).price());
            ((ObjectNode) item.path("plan")).put("id", items.get(i).price());
            data.add(item);
        }
        return StripeShapes.write(subscription);
    }

    static String paidInvoice(String id, String customer, String subscription, long amountPaid, long tax,
            String paymentIntent, List<Line> lines) {
        ObjectNode invoice = (ObjectNode) StripeShapes.read(StripeFixtures.invoice(id, customer, subscription, "paid",
                amountPaid, tax, "usd", paymentIntent));
        ArrayNode data = (ArrayNode) invoice.path("lines").path("data");
        ObjectNode first = (ObjectNode) data.get(0);
        data.removeAll();
        long subtotal = 0;
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            ObjectNode node = first.deepCopy();
            node.put("id", "il_" + id + "_" + i);
            node.put("amount", line.amount());
            node.put("subtotal", line.amount());
            ObjectNode pricing = (ObjectNode) node.path("pricing");
            pricing.put("type", "price_details");
            pricing.putObject("price_details").put("price", line.price()).put("product", "prod_" + line.price());
            ArrayNode credits = node.putArray("pretax_credit_amounts");
            ArrayNode discounts = node.putArray("discount_amounts");
            if (line.discount() != 0) {
                credits.addObject().put("amount", line.discount()).put("discount", "di_" + id).put("type", "discount");
                discounts.addObject().put("amount", line.discount()).put("discount", "di_" + id);
            }
            data.add(node);
            subtotal += line.amount();
        }
        invoice.put("subtotal", subtotal);
        return StripeShapes.write(invoice);
    }
}
