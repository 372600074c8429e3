package pro.dailydoco.sso;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Fetches an issuer's {@code /.well-known/openid-configuration} for "Test connection" and RP-initiated logout,
 * behind {@link IssuerGuard}, with timeouts and without following redirects (a redirect is reported, never
 * followed, so it can't lead the server to another host).
 */
@ApplicationScoped
public class DiscoveryProbe {

    /** What the fetch found: {@code problems} empty means the issuer is usable. */
    public record Result(List<String> problems, Optional<String> endSessionEndpoint) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private static final int MAX_BYTES = 256 * 1024;

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
        URI url = URI.create(trimmed + "/.well-known/openid-configuration");
        HttpResponse<byte[]> response;
        try {
            response = client.send(HttpRequest.newBuilder(url).timeout(config.fetchTimeout())
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            return fail("The identity provider did not answer within " + config.fetchTimeout().toSeconds() + " seconds.");
        } catch (IOException e) {
            return fail("Could not connect to " + url.getHost() + ": " + e.getClass().getSimpleName() + ".");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("The connection test was interrupted.");
        }
        int status = response.statusCode();
        if (status >= 300 && status < 400) {
            return fail("The discovery address redirects (HTTP " + status + "); enter the issuer URL exactly as the provider states it.");
        }
        if (status != 200) {
            return fail("The discovery document " + url + " answered HTTP " + status + "; check the issuer URL.");
        }
        if (response.body().length > MAX_BYTES) {
            return fail("The discovery document is too large to be one.");
        }
        JsonNode doc;
        try {
            doc = SsoSettingsService.JSON.readTree(response.body());
        } catch (IOException e) {
            return fail("The discovery document is not JSON; check the issuer URL.");
        }
        List<String> problems = new ArrayList<>();
        String declared = doc.path("issuer").asText("");
        if (!declared.replaceAll("/+$", "").equals(trimmed)) {
            problems.add("The provider calls itself '" + declared + "', not '" + trimmed
                    + "'; tokens would be refused. Use the provider's issuer exactly.");
        }
        for (String field : List.of("authorization_endpoint", "token_endpoint", "jwks_uri")) {
            if (doc.path(field).asText("").isBlank()) {
                problems.add("The discovery document has no " + field + ".");
            }
        }
        JsonNode methods = doc.path("code_challenge_methods_supported");
        if (methods.isArray() && !methods.toString().contains("\"S256\"")) {
            problems.add("The provider does not support PKCE with S256, which we require.");
        }
        String endSession = doc.path("end_session_endpoint").asText("");
        return new Result(List.copyOf(problems), endSession.isBlank() ? Optional.empty() : Optional.of(endSession));
    }

    private static Result fail(String problem) {
        return new Result(List.of(problem), Optional.empty());
    }
}
