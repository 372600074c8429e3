package pro.dailydoco.integration;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A customer's webhook endpoint on an ephemeral loopback port: it checks each delivery's signature with its own code
 * (Stripe's scheme, written from the documentation, not by calling the app's signer), answers 500 to the first
 * {@link #failNext} deliveries on purpose, and records everything it got.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One request as the receiver saw it, and whether its signature held for the secrets it knew then. */
    record Received(String signatureHeader, String body, JsonNode event, boolean signatureValid, int answered) {
        String type() {
            return event.path("type").asText();
        }

        String eventId() {
            return event.path("id").asText();
        }

        int signatures() {
            return signatureHeader.split(",v1=", -1).length - 1;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failures = new AtomicInteger();
    private volatile int answer = 204;
    private volatile List<String> secrets = List.of();
    private volatile Instant now = Instant.now();

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** The secrets this receiver accepts (it would hold the one shown once on the page). */
    WebhookReceiver accept(String... accepted) {
        secrets = List.of(accepted);
        return this;
    }

    /** Answers 500 to the next {@code count} deliveries, then recovers. */
    WebhookReceiver failNext(int count) {
        failures.set(count);
        return this;
    }

    /** Answers {@code status} to every delivery from now on (e.g. a redirect). */
    WebhookReceiver answer(int status) {
        answer = status;
        return this;
    }

    /** The receiver's idea of the time, to check the signed timestamp against (the tests move the app's clock). */
    WebhookReceiver clockAt(Instant instant) {
        now = instant;
        return this;
    }

    List<Received> received() {
        return new ArrayList<>(received);
    }

    List<Received> accepted() {
        return received.stream().filter(r -> r.answered() >= 200 && r.answered() < 300).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String header = exchange.getRequestHeaders().getFirst("DailyDoco-Signature");
        boolean valid = verify(header, body);
        int status = !valid ? 400 : failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 500 : answer;
        received.add(new Received(header, body, JSON.readTree(body), valid, status));
        if (status >= 300 && status < 400) {
            exchange.getResponseHeaders().add("Location", "http://10.0.0.1/elsewhere");
        }
        byte[] answerBody = (status == 500 ? "down for maintenance" : "ok").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, status == 204 ? -1 : answerBody.length);
        if (status != 204) {
            exchange.getResponseBody().write(answerBody);
        }
        exchange.close();
    }

    /**
     * Stripe's scheme: split {@code t=…,v1=…[,v1=…]}, refuse a timestamp more than 5 minutes away, accept when any v1
     * equals HMAC-SHA256(secret, t + "." + body) for a known secret, compared in constant time.
     */
    private boolean verify(String header, String body) {
        if (header == null) {
            return false;
        }
        long t = -1;
        List<String> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            if (part.startsWith("t=")) {
                t = Long.parseLong(part.substring(2));
            } else if (part.startsWith("v1=")) {
                signatures.add(part.substring(3));
            }
        }
        if (t < 0 || Math.abs(now.getEpochSecond() - t) > 300) {
            return false;
        }
        for (String secret : secrets) {
            byte[] expected = hmac(secret, t + "." + body);
            for (String signature : signatures) {
                if (MessageDigest.isEqual(expected, HexFormat.of().parseHex(signature))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static byte[] hmac(String secret, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
