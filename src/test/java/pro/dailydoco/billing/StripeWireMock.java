package pro.dailydoco.billing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.VerificationException;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.matching.RequestPattern;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/**
 * Stripe's HTTP API for tests: a WireMock server at the gateway's configured API base
 * ({@code dailydoco.billing.stripe-api-base}, see {@link StripeWireMockResource}), one per test run. Its stubs answer
 * with Stripe's published objects ({@link StripeShapes}): create calls through {@link StripeCreateAnswers}, look-ups
 * with what a test registered ({@link #putCharge} …), anything else with Stripe's 404 {@code resource_missing}. Tests
 * check what Stripe received with WireMock's request verification ({@link #verify}, {@link #findAll}).
 */
public final class StripeWireMock {

    /** Stubs a test adds win over the defaults below (WireMock: a lower number is a higher priority). */
    static final int TEST_PRIORITY = 1;
    private static final int REGISTERED_PRIORITY = 5;
    private static final int CATCH_ALL_PRIORITY = 10;

    private static final String API_ERROR = """
            {"error": {"type": "api_error", "message": "An error occurred with our connection to Stripe."}}""";

    private static StripeWireMock instance;

    private final WireMockServer server;
    private final List<Hook> hooks;
    /** invoice_payment objects as the Invoice Payments API lists them: by invoice and by payment intent. */
    private final Map<String, List<String>> invoicePaymentsByInvoice = new ConcurrentHashMap<>();
    private final Map<String, List<String>> invoicePaymentsByIntent = new ConcurrentHashMap<>();
    /** The list stub currently answering for each invoice / payment intent, replaced when the list grows. */
    private final Map<String, UUID> listStubs = new ConcurrentHashMap<>();

    private StripeWireMock(WireMockServer server, List<Hook> hooks) {
        this.server = server;
        this.hooks = hooks;
    }

    static synchronized StripeWireMock start() {
        if (instance == null) {
            List<Hook> hooks = new CopyOnWriteArrayList<>();
            WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
                    // Several callers at once, like Stripe: a slow answer to one must not hold up the others.
                    .containerThreads(64)
                    .extensions(new StripeCreateAnswers(), new HookListener(hooks)));
            server.start();
            instance = new StripeWireMock(server, hooks);
            instance.stubCreateCalls();
        }
        return instance;
    }

    public static StripeWireMock instance() {
        return instance;
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    private void stubCreateCalls() {
        for (Map.Entry<String, String> create : Map.of("/v1/customers", "customer",
                "/v1/checkout/sessions", "checkout.session",
                "/v1/billing_portal/sessions", "billing_portal.session",
                "/v1/transfers", "transfer",
                "/v1/billing/meter_events", "billing.meter_event",
                // Add-ons: an item added to a subscription, and what the operator's invoice terms create.
                "/v1/subscription_items", "subscription_item",
                "/v1/invoiceitems", "invoiceitem",
                "/v1/invoices", "invoice",
                "/v1/subscriptions", "subscription").entrySet()) {
            server.stubFor(post(urlPathEqualTo(create.getKey())).atPriority(REGISTERED_PRIORITY)
                    .willReturn(json(200, "{}").withTransformers(StripeCreateAnswers.NAME)
                            .withTransformerParameter("object", create.getValue())));
        }
        // Sending a draft invoice finalizes it: Stripe answers the invoice, now open.
        server.stubFor(post(com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching("/v1/invoices/[^/]+/send"))
                .atPriority(REGISTERED_PRIORITY).willReturn(json(200, "{}").withTransformers(StripeCreateAnswers.NAME)
                        .withTransformerParameter("object", "invoice")));
        // A list matching nothing is an empty list, not a 404.
        server.stubFor(get(urlPathEqualTo("/v1/invoice_payments")).atPriority(REGISTERED_PRIORITY + 1)
                .willReturn(json(200, list(List.of()))));
        server.stubFor(any(anyUrl()).atPriority(CATCH_ALL_PRIORITY).willReturn(json(404, """
                {"error": {"type": "invalid_request_error", "code": "resource_missing",
                 "message": "No such resource (no stub for this request)"}}""")));
    }

    /** What GET /v1/subscriptions/{id} answers from now on. */
    public void putSubscription(String id, String json) {
        server.stubFor(get(urlPathEqualTo("/v1/subscriptions/" + id)).atPriority(REGISTERED_PRIORITY)
                .willReturn(json(200, json)));
    }

    /** What GET /v1/charges/{id} answers from now on (unknown ids answer 404, like Stripe). */
    public void putCharge(String id, String json) {
        server.stubFor(get(urlPathEqualTo("/v1/charges/" + id)).atPriority(REGISTERED_PRIORITY)
                .willReturn(json(200, json)));
    }

    /**
     * What GET /v1/payment_intents/{id} answers from now on: {@code json} with {@code latest_charge} expanded when
     * the caller asks for {@code expand[]=latest_charge}, and as its id otherwise — as Stripe does.
     */
    public void putPaymentIntent(String id, String json) {
        server.stubFor(get(urlPathEqualTo("/v1/payment_intents/" + id)).atPriority(REGISTERED_PRIORITY)
                .willReturn(json(200, collapsed(json, "latest_charge"))));
        server.stubFor(get(urlPathEqualTo("/v1/payment_intents/" + id)).atPriority(REGISTERED_PRIORITY - 1)
                .withQueryParam("expand[0]", equalTo("latest_charge")).willReturn(json(200, json)));
    }

    /**
     * Lets the Invoice Payments API ({@code GET /v1/invoice_payments?invoice=…} or
     * {@code ?payment[type]=payment_intent&payment[payment_intent]=…}) list this {@code invoice_payment} too.
     */
    public synchronized void putInvoicePayment(String json) {
        JsonNode payment = StripeShapes.read(json);
        String invoice = payment.path("invoice").asText();
        String intent = payment.path("payment").path("payment_intent").asText();
        List<String> ofInvoice = invoicePaymentsByInvoice.computeIfAbsent(invoice, k -> new CopyOnWriteArrayList<>());
        ofInvoice.add(json);
        List<String> ofIntent = invoicePaymentsByIntent.computeIfAbsent(intent, k -> new CopyOnWriteArrayList<>());
        ofIntent.add(json);
        replaceListStub("invoice " + invoice, get(urlPathEqualTo("/v1/invoice_payments"))
                .withQueryParam("invoice", equalTo(invoice)), ofInvoice);
        replaceListStub("intent " + intent, get(urlPathEqualTo("/v1/invoice_payments"))
                .withQueryParam("payment[type]", equalTo("payment_intent"))
                .withQueryParam("payment[payment_intent]", equalTo(intent)), ofIntent);
    }

    private void replaceListStub(String key, MappingBuilder request, List<String> data) {
        StubMapping stub = server.stubFor(request.atPriority(REGISTERED_PRIORITY).willReturn(json(200, list(data))));
        UUID previous = listStubs.put(key, stub.getId());
        if (previous != null) {
            server.removeStubMapping(previous);
        }
    }

    /**
     * Until {@link #removeStub} is called, every request matching {@code request} gets Stripe's 500 {@code api_error}
     * instead of its answer (stripe-java retries it, then gives up).
     */
    public StubMapping failWith500(MappingBuilder request) {
        return server.stubFor(request.atPriority(TEST_PRIORITY).willReturn(json(500, API_ERROR)));
    }

    /** The first request matching {@code request} gets Stripe's 500 {@code api_error}; later ones their answer. */
    public void failOnceWith500(MappingBuilder request) {
        String scenario = "fail once " + UUID.randomUUID();
        server.stubFor(request.atPriority(TEST_PRIORITY).inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("failed").willReturn(json(500, API_ERROR)));
    }

    public void removeStub(StubMapping stub) {
        server.removeStubMapping(stub);
    }

    /** While a hook is registered, every request it matches runs it (on WireMock's thread) before it is answered. */
    public record Hook(RequestPattern matches, Consumer<LoggedRequest> action) {
    }

    public Hook addHook(RequestPatternBuilder matches, Consumer<LoggedRequest> action) {
        Hook hook = new Hook(matches.build(), action);
        hooks.add(hook);
        return hook;
    }

    public void removeHook(Hook hook) {
        hooks.remove(hook);
    }

    /** WireMock's request verification: fails unless Stripe received exactly {@code count} matching requests. */
    public void verify(int count, RequestPatternBuilder request) throws VerificationException {
        server.verify(count, request);
    }

    /** Fails unless Stripe received at least one matching request. */
    public void verify(RequestPatternBuilder request) throws VerificationException {
        server.verify(request);
    }

    public List<LoggedRequest> findAll(RequestPatternBuilder request) {
        return server.findAll(request);
    }

    /** What Stripe answered to the requests matching {@code request}, oldest first. */
    public List<JsonNode> answersTo(RequestPatternBuilder request) {
        RequestPattern pattern = request.build();
        List<JsonNode> newestFirst = server.getServeEvents().getServeEvents().stream()
                .filter(event -> pattern.match(event.getRequest()).isExactMatch())
                .map(event -> StripeShapes.read(event.getResponse().getBodyAsString()))
                .collect(Collectors.toCollection(ArrayList::new));
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    /** Stripe's list object of invoice payments. */
    private static String list(List<String> data) {
        return """
                {"object": "list", "data": [%s], "has_more": false, "url": "/v1/invoice_payments"}"""
                .formatted(String.join(",", data));
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withHeader("Request-Id", "req_wiremock").withBody(body);
    }

    private static String collapsed(String json, String field) {
        ObjectNode object = (ObjectNode) StripeShapes.read(json);
        JsonNode expanded = object.path(field);
        if (expanded.isObject()) {
            object.put(field, expanded.path("id").asText());
        }
        return StripeShapes.write(object);
    }

    /** Runs the hooks while the caller still waits for its answer. */
    private record HookListener(List<Hook> hooks) implements ServeEventListener {

        @Override
        public String getName() {
            return "stripe-hooks";
        }

        @Override
        public void beforeResponseSent(ServeEvent event, Parameters parameters) {
            for (Hook hook : hooks) {
                if (hook.matches().match(event.getRequest()).isExactMatch()) {
                    hook.action().accept(event.getRequest());
                }
            }
        }
    }
}
