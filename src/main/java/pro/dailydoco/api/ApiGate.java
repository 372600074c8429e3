package pro.dailydoco.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.util.Map;
import java.util.Optional;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import pro.dailydoco.account.Tokens;
import pro.dailydoco.account.web.ClientAddress;
import pro.dailydoco.tenant.TenantContext;

/**
 * Lets an API request in, in this order, before any endpoint under {@code /api/v1} runs: the bearer key read with its
 * workspace and plan in one statement (401 for any key that doesn't work), the workspace's scope set from the key, the
 * endpoint's scope (403), the rate limits per key and per workspace (429), then, in one transaction, the
 * Idempotency-Key's stored answer (replayed as it was) or the monthly count (429 when used up). API requests are not
 * pages: no session, no CSRF token (they carry no cookie; the endpoints are {@code @Access.SignedBySender}), and no
 * signed-in person acts in them (docs/decisions/0184-api-requests-scoped-by-their-key.md).
 */
public class ApiGate {

    static final String BASE = "/api/v1";
    private static final int MAX_BODY = 1 << 20;

    private final ApiCallers callers;
    private final ApiCaller caller;
    private final ApiLimits limits;
    private final ApiAdmission admission;
    private final TenantContext tenantContext;
    private final ClientAddress clientAddress;

    ApiGate(ApiCallers callers, ApiCaller caller, ApiLimits limits, ApiAdmission admission, TenantContext tenantContext,
            ClientAddress clientAddress) {
        this.callers = callers;
        this.caller = caller;
        this.limits = limits;
        this.admission = admission;
        this.tenantContext = tenantContext;
        this.clientAddress = clientAddress;
    }

    /** The API's own paths that need a key (not the public description of the API). */
    static boolean needsKey(String path) {
        return (path.equals(BASE) || path.startsWith(BASE + "/")) && !ApiDescriptionPaths.isPublic(path);
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION + 20)
    public Optional<Response> admit(ContainerRequestContext request, ResourceInfo resource, HttpServerRequest http)
            throws IOException {
        String path = request.getUriInfo().getPath();
        if (!needsKey(path)) {
            return Optional.empty();
        }
        // A browser's session never acts through the API, even when its cookie rides along.
        tenantContext.setUserId(null);
        ApiCaller.Identity identity = callers.identify(bearer(request.getHeaderString(HttpHeaders.AUTHORIZATION)),
                clientAddress.of(http)).orElseThrow(ApiProblem::unauthorized);
        boolean hostAgrees = tenantContext.tenantId().map(identity.tenant().id::equals).orElse(true);
        if (!hostAgrees) {
            throw ApiProblem.unauthorized(); // a workspace's own host name with another workspace's key
        }
        if (identity.tenant().isSuspended()) {
            throw new ApiProblem(403, "workspace-suspended", "Workspace suspended",
                    "This workspace is suspended; its API keys work again when it is reactivated.");
        }
        tenantContext.setTenantId(identity.tenant().id);
        tenantContext.setTenant(identity.tenant());
        caller.authorise(identity);

        RequiresScope needed = annotation(resource, RequiresScope.class);
        if (needed == null || !identity.scopes().contains(needed.value())) {
            String scope = needed == null ? "none" : needed.value().code();
            throw new ApiProblem(403, "missing-scope", "Key lacks a scope",
                    "This key does not have the '" + scope + "' scope this request needs. An owner or admin can make a"
                            + " key with it on the workspace's API keys page.");
        }

        ApiLimits.Decision decision = limits.draw(identity.keyId(), identity.tenant().id);
        caller.limits(decision);
        if (!decision.allowed()) {
            throw new ApiProblem(429, "rate-limited", "Too many requests",
                    "This key or its workspace sent more requests a minute than allowed. Wait "
                            + decision.retryAfterSeconds() + " seconds and try again.",
                    Map.of("Retry-After", Long.toString(decision.retryAfterSeconds())));
        }

        String idempotencyKey = null;
        String requestHash = null;
        if ("POST".equals(request.getMethod()) && request.getHeaderString(ApiIdempotency.HEADER) != null) {
            idempotencyKey = idempotencyKey(request.getHeaderString(ApiIdempotency.HEADER));
            requestHash = Tokens.sha256(request.getMethod() + " " + request.getUriInfo().getRequestUri().getRawPath()
                    + "?" + request.getUriInfo().getRequestUri().getRawQuery() + "\n" + body(request));
        }
        Optional<ApiIdempotency.Stored> stored = admission.admit(identity, idempotencyKey, requestHash);
        if (stored.isPresent()) {
            Response.ResponseBuilder replay = Response.status(stored.get().status())
                    .header("Idempotent-Replayed", "true");
            if (stored.get().body() != null) {
                replay.entity(stored.get().body()).type(stored.get().status() >= 400 ? "application/problem+json"
                        : MediaType.APPLICATION_JSON);
            }
            if (stored.get().location() != null) {
                replay.header(HttpHeaders.LOCATION, stored.get().location());
            }
            return Optional.of(replay.build());
        }
        if (idempotencyKey != null) {
            caller.claim(new ApiIdempotency.Claim(identity.keyId(), idempotencyKey));
        }
        return Optional.empty();
    }

    static String bearer(String authorization) {
        if (authorization == null) {
            return null;
        }
        String value = authorization.trim();
        return value.regionMatches(true, 0, "Bearer ", 0, 7) ? value.substring(7).trim() : null;
    }

    private static String idempotencyKey(String value) {
        String key = value.trim();
        if (key.isEmpty() || key.length() > ApiIdempotency.KEY_MAX || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new ApiProblem(400, "invalid-idempotency-key", "Invalid Idempotency-Key",
                    "An Idempotency-Key is 1 to " + ApiIdempotency.KEY_MAX + " visible ASCII characters, e.g. a UUID."
                            + " Nothing was changed.");
        }
        return key;
    }

    /** Reads the body to fingerprint the request, then puts it back for the endpoint. */
    private static String body(ContainerRequestContext request) throws IOException {
        InputStream stream = request.getEntityStream();
        if (stream == null) {
            return "";
        }
        byte[] bytes = stream.readNBytes(MAX_BODY + 1);
        if (bytes.length > MAX_BODY) {
            throw new ApiProblem(413, "body-too-large", "Request too large", "Send at most 1 MB. Nothing was changed.");
        }
        request.setEntityStream(new ByteArrayInputStream(bytes));
        return Tokens.sha256(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    private static <A extends Annotation> A annotation(ResourceInfo resource, Class<A> type) {
        if (resource == null || resource.getResourceMethod() == null) {
            return null;
        }
        A onMethod = resource.getResourceMethod().getAnnotation(type);
        return onMethod != null ? onMethod : resource.getResourceClass().getAnnotation(type);
    }
}
