package pro.dailydoco.core.web;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

/**
 * Renders an error the way the client asked for it: an HTML page for browsers, {@code application/problem+json}
 * (RFC 9457) for JSON clients. Never a stack trace.
 */
@ApplicationScoped
public class ErrorResponses {

    public static final String PROBLEM_JSON = "application/problem+json";

    @CheckedTemplate(basePath = "errors")
    static class Templates {
        static native TemplateInstance error(int status, String title, String detail, String reference);
    }

    /** An error rendered to bytes, usable from JAX-RS and from plain Vert.x routes. */
    public record Rendered(int status, String contentType, String body) {
        public Response toResponse() {
            return Response.status(status).type(contentType).entity(body).build();
        }
    }

    private final ObjectMapper objectMapper;

    ErrorResponses(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    public Rendered render(int status, String title, String detail, String reference, String acceptHeader) {
        if (wantsJson(acceptHeader)) {
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("type", "about:blank");
            problem.put("title", title);
            problem.put("status", status);
            problem.put("detail", detail);
            if (reference != null) {
                problem.put("reference", reference);
            }
            try {
                return new Rendered(status, PROBLEM_JSON, objectMapper.writeValueAsString(problem));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        String html = Templates.error(status, title, detail, reference).render();
        return new Rendered(status, "text/html;charset=UTF-8", html);
    }

    static boolean wantsJson(String accept) {
        if (accept == null) {
            return false;
        }
        String lower = accept.toLowerCase();
        return lower.contains("json") && !lower.contains("text/html");
    }
}
