package pro.dailydoco.billing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in for the Stripe API: records every request and answers with JSON shaped like Stripe's, so tests
 * prove what the gateway sends without the internet. One per test run (see {@link StripeStandInResource}).
 */
public final class StripeStandIn {

    /** A request as received: form parameters decoded, in Stripe's bracket notation ({@code metadata[tenant_id]}). */
    public record Recorded(String method, String path, Map<String, String> form, String idempotencyKey,
            String authorization) {
    }

    private static StripeStandIn instance;

    private final HttpServer server;
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final Map<String, String> subscriptions = new ConcurrentHashMap<>();
    private final Map<String, String> charges = new ConcurrentHashMap<>();
    private final Map<String, String> paymentIntents = new ConcurrentHashMap<>();
    /** invoice_payment objects, as the Invoice Payments API lists them: by invoice and by payment intent. */
    private final Map<String, List<String>> invoicePaymentsByInvoice = new ConcurrentHashMap<>();
    private final Map<String, List<String>> invoicePaymentsByIntent = new ConcurrentHashMap<>();
    /** Run before a matching request is answered (e.g. to look at the database while the caller waits). */
    private final List<Hook> hooks = new CopyOnWriteArrayList<>();
    /** Like Stripe: a repeated Idempotency-Key answers the first response again. */
    private final Map<String, String> transfersByKey = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    private StripeStandIn(HttpServer server) {
        this.server = server;
    }

    static synchronized StripeStandIn start() throws IOException {
        if (instance == null) {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            StripeStandIn standIn = new StripeStandIn(server);
            server.createContext("/", standIn::handle);
            // Several callers at once, like Stripe: a slow answer to one must not hold up the others.
            server.setExecutor(Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "stripe-stand-in");
                thread.setDaemon(true);
                return thread;
            }));
            server.start();
            instance = standIn;
        }
        return instance;
    }

    public static StripeStandIn instance() {
        return instance;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** What GET /v1/subscriptions/{id} answers from now on. */
    public void putSubscription(String id, String json) {
        subscriptions.put(id, json);
    }

    /** What GET /v1/charges/{id} answers from now on (unknown ids answer 404, like Stripe). */
    public void putCharge(String id, String json) {
        charges.put(id, json);
    }

    /**
     * What GET /v1/payment_intents/{id} answers from now on. The answer is stored as given: register it with
     * {@code latest_charge} expanded when the caller asks for {@code expand[]=latest_charge}.
     */
    public void putPaymentIntent(String id, String json) {
        paymentIntents.put(id, json);
    }

    /**
     * Lets the Invoice Payments API ({@code GET /v1/invoice_payments?invoice=…} or
     * {@code ?payment[type]=payment_intent&payment[payment_intent]=…}) list this {@code invoice_payment}.
     */
    public void putInvoicePayment(String json) {
        var payment = StripeShapes.read(json);
        invoicePaymentsByInvoice.computeIfAbsent(payment.path("invoice").asText(), k -> new CopyOnWriteArrayList<>())
                .add(json);
        invoicePaymentsByIntent.computeIfAbsent(payment.path("payment").path("payment_intent").asText(),
                k -> new CopyOnWriteArrayList<>()).add(json);
    }

    /** While a hook is registered, every request it matches runs it (on the stand-in's thread) before the answer. */
    public record Hook(Predicate<Recorded> matches, Consumer<Recorded> action) {
    }

    public Hook addHook(Predicate<Recorded> matches, Consumer<Recorded> action) {
        Hook hook = new Hook(matches, action);
        hooks.add(hook);
        return hook;
    }

    public void removeHook(Hook hook) {
        hooks.remove(hook);
    }

    public List<Recorded> requests(Predicate<Recorded> filter) {
        return requests.stream().filter(filter).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        Map<String, String> form = decode(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        // GET parameters (e.g. expand[0]) travel in the query string.
        form.putAll(decode(exchange.getRequestURI().getRawQuery()));
        Recorded recorded = new Recorded(method, path, form, exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                exchange.getRequestHeaders().getFirst("Authorization"));
        requests.add(recorded);
        for (Hook hook : hooks) {
            if (hook.matches().test(recorded)) {
                try {
                    hook.action().accept(recorded);
                } catch (RuntimeException e) {
                    answer(exchange, 500, """
                            {"error": {"type": "api_error", "message": "The stand-in was told to fail: %s"}}"""
                            .formatted(e.getMessage()));
                    return;
                }
            }
        }
        long n = ids.incrementAndGet();
        if (method.equals("POST") && path.equals("/v1/customers")) {
            answer(exchange, 200, """
                    {"id": "cus_standin%d", "object": "customer", "livemode": false, "name": null,
                     "metadata": {"tenant_id": "%s"}}""".formatted(n, form.getOrDefault("metadata[tenant_id]", "")));
        } else if (method.equals("POST") && path.equals("/v1/checkout/sessions")) {
            answer(exchange, 200, """
                    {"id": "cs_test_standin%d", "object": "checkout.session", "mode": "subscription",
                     "customer": "%s", "client_reference_id": "%s", "status": "open",
                     "url": "https://checkout.stripe.com/c/pay/cs_test_standin%d"}"""
                    .formatted(n, form.get("customer"), form.get("client_reference_id"), n));
        } else if (method.equals("POST") && path.equals("/v1/billing_portal/sessions")) {
            answer(exchange, 200, """
                    {"id": "bps_standin%d", "object": "billing_portal.session", "customer": "%s",
                     "return_url": "%s", "url": "https://billing.stripe.com/p/session/test_standin%d"}"""
                    .formatted(n, form.get("customer"), form.get("return_url"), n));
        } else if (method.equals("POST") && path.equals("/v1/transfers")) {
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            String json = """
                    {"id": "tr_standin%d", "object": "transfer", "amount": %s, "currency": "%s", "destination": "%s",
                     "livemode": false, "metadata": {"payout_id": "%s"}}""".formatted(n, form.get("amount"),
                    form.get("currency"), form.get("destination"), form.getOrDefault("metadata[payout_id]", ""));
            answer(exchange, 200, key == null ? json : transfersByKey.computeIfAbsent(key, k -> json));
        } else if (method.equals("GET") && path.equals("/v1/invoice_payments")) {
            answer(exchange, 200, invoicePaymentList(form));
        } else if (method.equals("GET") && path.startsWith("/v1/charges/")
                && charges.containsKey(path.substring("/v1/charges/".length()))) {
            answer(exchange, 200, charges.get(path.substring("/v1/charges/".length())));
        } else if (method.equals("GET") && path.startsWith("/v1/payment_intents/")
                && paymentIntents.containsKey(path.substring("/v1/payment_intents/".length()))) {
            answer(exchange, 200, paymentIntents.get(path.substring("/v1/payment_intents/".length())));
        } else if (method.equals("GET") && path.startsWith("/v1/subscriptions/")
                && subscriptions.containsKey(path.substring("/v1/subscriptions/".length()))) {
            answer(exchange, 200, subscriptions.get(path.substring("/v1/subscriptions/".length())));
        } else {
            answer(exchange, 404, """
                    {"error": {"type": "invalid_request_error", "code": "resource_missing",
                     "message": "No such resource: '%s'"}}""".formatted(path));
        }
    }

    /** Stripe's list object of the invoice payments matching {@code invoice} and/or {@code payment[payment_intent]}. */
    private String invoicePaymentList(Map<String, String> query) {
        String invoice = query.get("invoice");
        String paymentIntent = query.get("payment[payment_intent]");
        List<String> matching = invoice != null ? invoicePaymentsByInvoice.getOrDefault(invoice, List.of())
                : paymentIntent != null ? invoicePaymentsByIntent.getOrDefault(paymentIntent, List.of()) : List.of();
        if (invoice != null && paymentIntent != null) {
            matching = matching.stream().filter(json -> paymentIntent.equals(
                    StripeShapes.read(json).path("payment").path("payment_intent").asText())).toList();
        }
        return """
                {"object": "list", "data": [%s], "has_more": false, "url": "/v1/invoice_payments"}"""
                .formatted(String.join(",", matching));
    }

    private static Map<String, String> decode(String text) {
        Map<String, String> form = new LinkedHashMap<>();
        if (text == null) {
            return form;
        }
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            form.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return form;
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("Request-Id", "req_standin");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
