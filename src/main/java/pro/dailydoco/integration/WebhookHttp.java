package pro.dailydoco.integration;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import pro.dailydoco.core.web.BoundedBody;
import pro.dailydoco.sso.IssuerGuard;

/**
 * Posts one delivery the way single sign-on fetches an issuer ({@link IssuerGuard}'s address rules): only public
 * addresses (loopback only where {@code dailydoco.webhooks.allow-loopback} is set, the test profile), never
 * following a redirect, with one deadline over the whole exchange and only the first bytes of the answer kept.
 * Called outside any transaction.
 */
@ApplicationScoped
public class WebhookHttp {

    /** How much of an answer is kept for the delivery log. */
    static final int ANSWER_BYTES = 4096;

    static final IssuerGuard.Wording ENDPOINTS = new IssuerGuard.Wording("addresses", "https://hooks.example.com/dailydoco");

    /** What happened: a status (0 when no answer came), the answer's start, or the problem in words. */
    record Outcome(int status, String answer, String problem) {
        boolean delivered() {
            return problem == null && status >= 200 && status < 300;
        }
    }

    private final WebhookConfig config;
    private final HttpClient client;

    WebhookHttp(WebhookConfig config) {
        this.config = config;
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(config.timeout()).build();
    }

    /** Why the URL may not receive webhooks, in words for the page; empty when it may. */
    public Optional<String> problemWith(String url) {
        if (url == null || url.isBlank()) {
            return Optional.of("is required");
        }
        if (url.length() > 2000) {
            return Optional.of("is too long (2,000 characters at most)");
        }
        return IssuerGuard.problemWith(url.trim(), config.allowLoopback(), ENDPOINTS);
    }

    Outcome post(String url, Map<String, String> headers, String body) {
        // Checked again right before sending: the name may resolve elsewhere now than when the endpoint was saved.
        Optional<String> refused = problemWith(url);
        if (refused.isPresent()) {
            return new Outcome(0, null, "The address " + refused.get() + ".");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url.trim())).timeout(config.timeout())
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        CompletableFuture<HttpResponse<byte[]>> exchange = client.sendAsync(request.build(), info -> BoundedBody.firstBytes(ANSWER_BYTES));
        try {
            HttpResponse<byte[]> response = exchange.get(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
            String answer = new String(response.body(), StandardCharsets.UTF_8);
            int status = response.statusCode();
            if (status >= 300 && status < 400) {
                return new Outcome(status, answer, "The endpoint redirects (HTTP " + status + "); redirects are not followed.");
            }
            return new Outcome(status, answer, status >= 200 && status < 300 ? null : "The endpoint answered HTTP " + status + ".");
        } catch (TimeoutException e) {
            exchange.cancel(true);
            return new Outcome(0, null, "No answer within " + config.timeout().toSeconds() + " seconds.");
        } catch (ExecutionException e) {
            return new Outcome(0, null, "Could not deliver: " + BoundedBody.failureInWords(e.getCause()) + ".");
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            return new Outcome(0, null, "The delivery was interrupted.");
        }
    }
}
