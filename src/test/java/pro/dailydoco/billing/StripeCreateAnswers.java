package pro.dailydoco.billing;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.FormParameter;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/**
 * Answers Stripe's create calls ({@code POST /v1/customers}, Checkout and Portal sessions, transfers, billing meter events, subscription
 * items, invoice items, invoices and their sending, subscriptions) the way Stripe
 * does: the published object ({@link StripeShapes#CURRENT}) with a new id and what the request set. Like Stripe, a
 * repeated {@code Idempotency-Key} answers the first response again, and the same key with other parameters is
 * refused with Stripe's {@code idempotency_error} — so a retried call can never create a second object unseen.
 * Applied only to the stubs that name it ({@link #NAME}, parameter {@code object}).
 */
final class StripeCreateAnswers implements ResponseDefinitionTransformerV2 {

    static final String NAME = "stripe-create";

    private record FirstAnswer(Map<String, String> form, String body) {
    }

    private final Map<String, FirstAnswer> byIdempotencyKey = new ConcurrentHashMap<>();

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        LoggedRequest request = event.getRequest();
        String object = event.getTransformerParameters().getString("object");
        Map<String, String> form = form(request);
        String key = request.getHeader("Idempotency-Key");
        FirstAnswer answer = key == null ? new FirstAnswer(form, created(object, form))
                : byIdempotencyKey.computeIfAbsent(request.getUrl() + " " + key,
                        k -> new FirstAnswer(form, created(object, form)));
        if (!answer.form().equals(form)) {
            return ResponseDefinitionBuilder.like(event.getResponseDefinition()).withStatus(400).withBody("""
                    {"error": {"type": "idempotency_error", "message": "Keys for idempotent requests can only be \
                    used with the same parameters they were first used with. Try using a key other than '%s' if you \
                    meant to execute a different request."}}""".formatted(key)).build();
        }
        return ResponseDefinitionBuilder.like(event.getResponseDefinition()).withBody(answer.body()).build();
    }

    /** The request's form, in Stripe's bracket notation ({@code metadata[tenant_id]}), one value per name. */
    private static Map<String, String> form(LoggedRequest request) {
        Map<String, String> form = new TreeMap<>();
        for (Map.Entry<String, FormParameter> parameter : request.formParameters().entrySet()) {
            form.put(parameter.getKey(), parameter.getValue().firstValue());
        }
        return form;
    }

    private static String created(String object, Map<String, String> form) {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 24);
        ObjectNode created = StripeShapes.CURRENT.object(object);
        created.put("created", Instant.now().getEpochSecond());
        created.put("livemode", false);
        if (created.has("metadata")) {
            ObjectNode metadata = created.putObject("metadata");
            form.forEach((name, value) -> {
                if (name.startsWith("metadata[") && name.endsWith("]")) {
                    metadata.put(name.substring("metadata[".length(), name.length() - 1), value);
                }
            });
        }
        switch (object) {
            case "customer" -> {
                created.put("id", "cus_" + suffix);
                created.put("name", form.get("name"));
            }
            case "checkout.session" -> {
                String id = "cs_test_" + suffix;
                created.put("id", id);
                created.put("status", "open");
                created.put("mode", form.get("mode"));
                created.put("customer", form.get("customer"));
                created.put("client_reference_id", form.get("client_reference_id"));
                created.put("success_url", form.get("success_url"));
                created.put("cancel_url", form.get("cancel_url"));
                created.put("url", "https://checkout.stripe.com/c/pay/" + id);
            }
            case "billing_portal.session" -> {
                created.put("id", "bps_" + suffix);
                created.put("customer", form.get("customer"));
                created.put("return_url", form.get("return_url"));
                created.put("url", "https://billing.stripe.com/p/session/test_" + suffix);
            }
            case "transfer" -> {
                String id = "tr_" + suffix;
                created.put("id", id);
                created.put("amount", Long.parseLong(form.get("amount")));
                created.put("currency", form.get("currency"));
                created.put("destination", form.get("destination"));
                ((ObjectNode) created.path("reversals")).put("url", "/v1/transfers/" + id + "/reversals");
            }
            case "billing.meter_event" -> {
                // No id in the published object: a meter event is named by its identifier (Stripe makes one if absent).
                created.put("event_name", form.get("event_name"));
                created.put("identifier", form.getOrDefault("identifier", suffix));
                created.put("timestamp", Long.parseLong(form.getOrDefault("timestamp",
                        Long.toString(Instant.now().getEpochSecond()))));
                ObjectNode payload = created.putObject("payload");
                form.forEach((name, value) -> {
                    if (name.startsWith("payload[") && name.endsWith("]")) {
                        payload.put(name.substring("payload[".length(), name.length() - 1), value);
                    }
                });
            }
            case "subscription_item" -> {
                created.put("id", "si_" + suffix);
                created.put("subscription", form.get("subscription"));
                created.put("quantity", Long.parseLong(form.getOrDefault("quantity", "1")));
                ((ObjectNode) created.path("price")).put("id", form.get("price"));
                ((ObjectNode) created.path("plan")).put("id", form.get("price"));
            }
            case "invoiceitem" -> {
                created.put("id", "ii_" + suffix);
                created.put("customer", form.get("customer"));
                created.putNull("invoice");
                created.put("quantity", Long.parseLong(form.getOrDefault("quantity", "1")));
                created.put("description", form.get("description"));
            }
            case "invoice" -> {
                String id = "in_" + suffix;
                created.put("id", id);
                created.put("customer", form.getOrDefault("customer", created.path("customer").asText()));
                created.put("status", form.containsKey("customer") ? "draft" : "open");
                if (form.containsKey("collection_method")) {
                    created.put("collection_method", form.get("collection_method"));
                }
                ((ObjectNode) created.path("lines")).put("url", "/v1/invoices/" + id + "/lines");
            }
            case "subscription" -> {
                String id = "sub_" + suffix;
                created.put("id", id);
                created.put("customer", form.get("customer"));
                created.put("status", "active");
                created.put("collection_method", form.get("collection_method"));
                if (form.containsKey("days_until_due")) {
                    created.put("days_until_due", Long.parseLong(form.get("days_until_due")));
                }
                ObjectNode item = (ObjectNode) created.path("items").path("data").get(0);
                item.put("subscription", id);
                ((ObjectNode) item.path("price")).put("id", form.get("items[0][price]"));
                ((ObjectNode) created.path("items")).put("url", "/v1/subscription_items?subscription=" + id);
            }
            default -> throw new IllegalArgumentException("No create answer for " + object);
        }
        return StripeShapes.write(created);
    }
}
