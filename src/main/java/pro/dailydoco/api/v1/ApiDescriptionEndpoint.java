package pro.dailydoco.api.v1;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The public description of the API, at stable addresses anyone may read: the OpenAPI document and a page people
 * read, both from the same file ({@code api/openapi-v1.json}), so they never disagree. Quarkus' own OpenAPI document
 * of the internal forms stays on the management port (docs/decisions/0187-the-public-api-describes-itself.md).
 */
@Path("/api/v1")
public class ApiDescriptionEndpoint {

    private static final String DOCUMENT = "api/openapi-v1.json";

    /** One operation as the page lists it. */
    public record Operation(String method, String path, String summary, String scope, String requestExample,
            String responseStatus, String responseExample) {
        public String anchor() {
            return (method + path).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance docs(String title, String description, List<Operation> operations);
    }

    private final String document;
    private final JsonNode parsed;

    ApiDescriptionEndpoint(ObjectMapper objectMapper) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(DOCUMENT)) {
            this.document = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            this.parsed = objectMapper.readTree(document);
        } catch (IOException e) {
            throw new UncheckedIOException("The API description " + DOCUMENT + " can't be read", e);
        }
    }

    @GET
    @Path("openapi.json")
    @Produces(MediaType.APPLICATION_JSON)
    public Response openApi() {
        return Response.ok(document).header("Cache-Control", "public, max-age=300").header("Access-Control-Allow-Origin", "*")
                .build();
    }

    @GET
    @Path("docs")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance docs() {
        return Templates.docs(parsed.path("info").path("title").asText(), parsed.path("info").path("description").asText(),
                operations());
    }

    List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = parsed.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields();
            while (methods.hasNext()) {
                Map.Entry<String, JsonNode> method = methods.next();
                JsonNode op = method.getValue();
                JsonNode request = op.path("requestBody").path("content").path("application/json").path("example");
                String status = null;
                JsonNode response = null;
                Iterator<Map.Entry<String, JsonNode>> responses = op.path("responses").fields();
                while (responses.hasNext() && status == null) {
                    Map.Entry<String, JsonNode> candidate = responses.next();
                    if (candidate.getKey().startsWith("2")) {
                        status = candidate.getKey();
                        response = candidate.getValue().path("content").path("application/json").path("example");
                    }
                }
                operations.add(new Operation(method.getKey().toUpperCase(Locale.ROOT), path.getKey(), op.path("summary").asText(),
                        op.path("x-scope").asText(), pretty(request), status, pretty(response)));
            }
        }
        return operations;
    }

    private static String pretty(JsonNode node) {
        return node == null || node.isMissingNode() ? null : node.toPrettyString();
    }

}
