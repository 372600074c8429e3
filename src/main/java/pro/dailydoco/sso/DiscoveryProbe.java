package pro.dailydoco.sso;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.enterprise.context.ApplicationScoped;
import pro.dailydoco.core.web.BoundedBody;

/**
 * Fetches an issuer's {@code /.well-known/openid-configuration} for "Test connection", the sign-in flow's OIDC
 * configuration ({@link SsoTenantConfigResolver}) and RP-initiated logout, behind {@link IssuerGuard}, with a
 * deadline on the whole exchange, a bounded body, and without following redirects (a redirect is reported, never
 * followed, so it can't lead the server to another host). Every endpoint the document names passes the same guard:
 * quarkus-oidc calls them from the server, so a document pointing {@code jwks_uri} at an internal address would
 * otherwise bypass the issuer check.
 */
@ApplicationScoped
public class DiscoveryProbe {

    /**
     * What the fetch found: {@code problems} empty means the issuer is usable, and then {@code endpoints} holds every
     * endpoint the document declared of {@link #ENDPOINTS}, each one checked by the guard.
     */
    public record Result(List<String> problems, Map<String, String> endpoints) {
        public boolean ok() {
            return problems.isEmpty();
        }

        public Optional<String> endpoint(String field) {
            return Optional.ofNullable(endpoints.get(field));
        }

        public Optional<String> endSessionEndpoint() {
            return endpoint(END_SESSION);
        }
    }

    static final String AUTHORIZATION = "authorization_endpoint";
    static final String TOKEN = "token_endpoint";
    static final String JWKS = "jwks_uri";
    static final String END_SESSION = "end_session_endpoint";
    static final String USERINFO = "userinfo_endpoint";
    /** The endpoints we use or may use; the first three are required. */
    static final List<String> ENDPOINTS = List.of(AUTHORIZATION, TOKEN, JWKS, END_SESSION);
    private static final List<String> REQUIRED = List.of(AUTHORIZATION, TOKEN, JWKS);

    static final int MAX_BYTES = 256 * 1024;

    private final IssuerGuard guard;
    private final SsoConfig config;
    private final HttpClient client;

    DiscoveryProbe(IssuerGuard guard, SsoConfig config) {
        this.guard = guard;
        this.config = config;
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(config.fetchTimeout()).build();
    }

    public Result probe(String issuer) {
        String trimmed = issuer == null ? "" : issuer.trim().replaceAll("/+$", "");
        Optional<String> refused = guard.problemWith(trimmed);
        if (refused.isPresent()) {
            return fail("The issuer URL " + refused.get() + ".");
        }
        URI url;
        try {
            url = URI.create(trimmed + "/.well-known/openid-configuration");
        } catch (IllegalArgumentException e) {
            return fail("The issuer URL is not a valid address.");
        }
        Fetched fetched = get(url);
        if (fetched.problem() != null) {
            return fail(fetched.problem());
        }
        int status = fetched.status();
        if (status >= 300 && status < 400) {
            return fail("The discovery address redirects (HTTP " + status + "); enter the issuer URL exactly as the provider states it.");
        }
        if (status != 200) {
            return fail("The discovery document " + url + " answered HTTP " + status + "; check the issuer URL.");
        }
        HttpResponse<byte[]> response = fetched.response();
        JsonNode doc;
        try {
            doc = SsoSettingsService.JSON.readTree(response.body());
        } catch (IOException e) {
            return fail("The discovery document is not JSON; check the issuer URL.");
        }
        if (doc == null || !doc.isObject()) {
            return fail("The discovery document is not a JSON object; check the issuer URL.");
        }
        List<String> problems = new ArrayList<>();
        String declared = doc.path("issuer").asText("");
        if (!declared.replaceAll("/+$", "").equals(trimmed)) {
            problems.add("The provider calls itself '" + declared + "', not '" + trimmed
                    + "'; tokens would be refused. Use the provider's issuer exactly.");
        }
        Map<String, String> endpoints = new LinkedHashMap<>();
        for (String field : ENDPOINTS) {
            String value = doc.path(field).isTextual() ? doc.path(field).asText().trim() : "";
            if (value.isBlank()) {
                if (REQUIRED.contains(field)) {
                    problems.add("The discovery document has no " + field + ".");
                }
                continue;
            }
            Optional<String> refusedEndpoint = guard.problemWith(value);
            if (refusedEndpoint.isPresent()) {
                problems.add("The discovery document's " + field + " " + refusedEndpoint.get() + ".");
            } else {
                endpoints.put(field, value);
            }
        }
        JsonNode methods = doc.path("code_challenge_methods_supported");
        if (methods.isArray() && !methods.toString().contains("\"S256\"")) {
            problems.add("The provider does not support PKCE with S256, which we require.");
        }
        return new Result(List.copyOf(problems), Map.copyOf(endpoints));
    }

    /**
     * The IdP's signing keys ({@code jwks_uri}, as a guarded discovery named it), under the same guard, deadline, size
     * bound and no-redirect rule as the discovery document: back-channel logout verifies tokens with them.
     *
     * @throws IOException with a message in words when they can't be fetched
     */
    byte[] fetchKeys(String jwksUri) throws IOException {
        Optional<String> refused = guard.problemWith(jwksUri);
        if (refused.isPresent()) {
            throw new IOException("The key set address " + refused.get() + ".");
        }
        Fetched fetched = get(URI.create(jwksUri));
        if (fetched.problem() != null) {
            throw new IOException(fetched.problem());
        }
        if (fetched.status() != 200) {
            throw new IOException("The key set answered HTTP " + fetched.status() + ".");
        }
        return fetched.response().body();
    }

    /** One guarded GET: the response, or a problem in words. */
    private record Fetched(HttpResponse<byte[]> response, String problem) {
        int status() {
            return response.statusCode();
        }
    }

    private Fetched get(URI url) {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(config.fetchTimeout())
                .header("Accept", "application/json").GET().build();
        CompletableFuture<HttpResponse<byte[]>> exchange = client.sendAsync(request,
                info -> info.statusCode() == 200 ? BoundedBody.atMost(MAX_BYTES) : HttpResponse.BodySubscribers.<byte[]>replacing(null));
        try {
            // The request timeout ends when the headers arrive; this deadline also covers a body that trickles in.
            return new Fetched(exchange.get(config.fetchTimeout().toMillis() * 2, TimeUnit.MILLISECONDS), null);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            return new Fetched(null, timedOut());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (causedBy(cause, BoundedBody.TooLarge.class)) {
                return new Fetched(null, "The " + (url.getPath().endsWith("/openid-configuration") ? "discovery document"
                        : "key set") + " is too large to be one.");
            }
            if (causedBy(cause, HttpTimeoutException.class)) {
                return new Fetched(null, timedOut());
            }
            return new Fetched(null, "Could not connect to " + url.getHost() + ": " + BoundedBody.failureInWords(cause) + ".");
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            return new Fetched(null, "The connection test was interrupted.");
        }
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private String timedOut() {
        return "The identity provider did not answer within " + config.fetchTimeout().toSeconds() + " seconds.";
    }

    private static Result fail(String problem) {
        return new Result(List.of(problem), Map.of());
    }

}
