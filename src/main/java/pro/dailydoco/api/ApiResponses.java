package pro.dailydoco.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import pro.dailydoco.account.Tokens;
import pro.dailydoco.core.web.ErrorResponses;

/**
 * What every API answer carries: JSON (errors as RFC 9457 problem documents, whatever the client's Accept header
 * said), the RateLimit headers of the bucket it drew from, an ETag on each successful GET (If-None-Match answers 304),
 * and, for a POST that holds an Idempotency-Key's claim, the answer stored for replays.
 */
public class ApiResponses {

    private final ApiCaller caller;
    private final ApiIdempotency idempotency;
    private final ObjectMapper objectMapper;

    ApiResponses(ApiCaller caller, ApiIdempotency idempotency, ObjectMapper objectMapper) {
        this.caller = caller;
        this.idempotency = idempotency;
        this.objectMapper = objectMapper;
    }

    /**
     * Before routing, so that every error of an API path (an unknown address, a refused input) is a problem document:
     * API clients often send no Accept header, which would otherwise get the HTML error page.
     */
    @ServerRequestFilter(preMatching = true)
    public void answerInJson(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (path.startsWith(ApiGate.BASE) && !path.equals(ApiDescriptionPaths.DOCS)) {
            String accept = request.getHeaderString(HttpHeaders.ACCEPT);
            if (accept == null || !accept.toLowerCase().contains("json")) {
                request.getHeaders().putSingle(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON);
            }
        }
    }

    @ServerExceptionMapper
    public jakarta.ws.rs.core.Response problem(ApiProblem e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", e.type());
        body.put("title", e.title());
        body.put("status", e.status());
        body.put("detail", e.detail());
        jakarta.ws.rs.core.Response.ResponseBuilder response = jakarta.ws.rs.core.Response.status(e.status())
                .type(ErrorResponses.PROBLEM_JSON).entity(json(body));
        e.headers().forEach(response::header);
        return response.build();
    }

    @ServerResponseFilter
    public void finish(ContainerRequestContext request, ContainerResponseContext response) {
        if (!ApiGate.needsKey(request.getUriInfo().getPath()) || !caller.present()) {
            return;
        }
        Optional.ofNullable(caller.limits()).ifPresent(limits -> {
            response.getHeaders().putSingle("RateLimit-Limit", limits.limit());
            response.getHeaders().putSingle("RateLimit-Remaining", limits.remaining());
            response.getHeaders().putSingle("RateLimit-Reset", limits.resetSeconds());
        });
        String body = null;
        if (response.getEntity() != null) {
            body = response.getEntity() instanceof String text ? text : json(response.getEntity());
            response.setEntity(body, null, response.getStatus() >= 400 && response.getMediaType() != null
                    ? response.getMediaType() : MediaType.APPLICATION_JSON_TYPE);
        }
        if ("GET".equals(request.getMethod()) && response.getStatus() == 200 && body != null) {
            String etag = "\"" + Tokens.sha256(body).substring(0, 32) + "\"";
            response.getHeaders().putSingle(HttpHeaders.ETAG, etag);
            String ifNoneMatch = request.getHeaderString(HttpHeaders.IF_NONE_MATCH);
            if (ifNoneMatch != null && (ifNoneMatch.trim().equals("*") || ifNoneMatch.contains(etag))) {
                response.setStatus(304);
                response.setEntity(null);
            }
        }
        ApiIdempotency.Claim claim = caller.claim();
        if (claim != null) {
            caller.claim(null);
            Object location = response.getHeaders().getFirst(HttpHeaders.LOCATION);
            idempotency.complete(claim, response.getStatus(), body, location == null ? null : location.toString());
        }
    }

    private String json(Object value) {
        try {
            return objectMapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An API answer could not be written as JSON", e);
        }
    }
}
