package pro.dailydoco.scim;

import java.util.UUID;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.logging.Log;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Every answer under {@code /scim/} that is an error is a SCIM error document (RFC 7644 §3.12), whoever raised it:
 * our own {@link ScimException}s, and the application's other error answers (an unknown route, a method not allowed,
 * the input rules' 400) rewritten on their way out. A directory client reads one format only.
 */
public class ScimErrors {

    public static final String MEDIA_TYPE = "application/scim+json";
    static final MediaType SCIM_JSON = MediaType.valueOf(MEDIA_TYPE);
    static final String ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";

    @ServerExceptionMapper
    public Response scim(ScimException e) {
        Response.ResponseBuilder response = Response.status(e.status()).type(SCIM_JSON).entity(body(e.status(), e.scimType(), e.getMessage()));
        if (e.status() == 401) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"SCIM\"");
        }
        return response.build();
    }

    @ServerResponseFilter
    public void rewriteOtherErrors(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/scim/") || response.getStatus() < 400
                || (response.getMediaType() != null && SCIM_JSON.isCompatible(response.getMediaType()))) {
            return;
        }
        int status = response.getStatus();
        if (status >= 500) {
            // Not ours to explain; the application's mapper has logged it with a reference.
            Log.warnf("SCIM request answered %d", status);
        }
        response.setEntity(body(status, status == 400 ? "invalidSyntax" : null, detailFor(status)), null, SCIM_JSON);
    }

    static String body(int status, String scimType, String detail) {
        ObjectNode error = ScimJson.MAPPER.createObjectNode();
        error.putArray("schemas").add(ERROR_SCHEMA);
        error.put("status", String.valueOf(status));
        if (scimType != null) {
            error.put("scimType", scimType);
        }
        error.put("detail", detail);
        return error.toString();
    }

    private static String detailFor(int status) {
        return switch (status) {
            case 400 -> "The request could not be read: check its path, query and body. Nothing was changed.";
            case 401 -> ScimException.unauthorized().getMessage();
            case 403 -> "This request was refused. Nothing was changed.";
            case 404 -> "There is no such SCIM resource or endpoint at this address.";
            case 405 -> "This SCIM endpoint does not accept that method.";
            case 406 -> "This SCIM endpoint answers application/scim+json only.";
            case 413 -> "The request is larger than this service accepts (see maxPayloadSize in /ServiceProviderConfig).";
            case 415 -> "Send the body as application/scim+json.";
            default -> status >= 500
                    ? "Something went wrong on our side and nothing was changed (reference " + UUID.randomUUID().toString().substring(0, 8) + "). Retry later."
                    : "The request could not be completed.";
        };
    }
}
