package pro.dailydoco.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import pro.dailydoco.api.v1.MembersEndpoint;
import pro.dailydoco.api.v1.ProjectsEndpoint;
import pro.dailydoco.api.v1.ReferralsEndpoint;
import pro.dailydoco.api.v1.VideosEndpoint;
import pro.dailydoco.support.Browser;

/** The public API describes itself at stable public addresses; the internal forms' description stays off this port. */
@QuarkusTest
class ApiDescriptionTest {

    @Test
    void theOpenApiDocumentIsPublicAndDescribesEveryOperationWithItsScopeAndExamples() {
        Response document = RestAssured.get("/api/v1/openapi.json");
        assertEquals(200, document.statusCode());
        assertTrue(document.getContentType().startsWith("application/json"));
        assertTrue(document.jsonPath().getString("openapi").startsWith("3.1"));
        Map<String, Map<String, Object>> paths = document.jsonPath().getMap("paths");
        Set<String> described = new TreeSet<>();
        paths.forEach((path, methods) -> methods.keySet().forEach(m -> described.add(m.toUpperCase(Locale.ROOT) + " " + path)));
        assertEquals(operationsOf(ProjectsEndpoint.class, VideosEndpoint.class, MembersEndpoint.class,
                ReferralsEndpoint.class), described,
                "the document describes exactly the endpoints that exist");
        for (String operation : described) {
            String[] parts = operation.split(" ");
            String base = "paths.'" + parts[1] + "'." + parts[0].toLowerCase(Locale.ROOT);
            assertTrue(Set.of("read", "write", "referrals").contains(document.jsonPath().getString(base + ".x-scope")), operation);
            assertTrue(document.jsonPath().getMap(base + ".responses").containsKey("401"), operation);
        }
        assertTrue(document.asString().contains("\"example\""), "with examples");
    }

    @Test
    void aReadablePageListsTheSameOperationsAndTheInternalDescriptionIsNotServedHere() {
        Response page = RestAssured.given().accept("text/html").get("/api/v1/docs");
        assertEquals(200, page.statusCode());
        String text = Browser.html(page).text();
        assertTrue(text.contains("POST /api/v1/projects"), text);
        assertTrue(text.contains("GET /api/v1/members"));
        assertTrue(text.contains("Idempotency-Key"));
        assertEquals(404, RestAssured.get("/q/openapi").statusCode(), "Quarkus' own document is on the management port");
    }

    private static Set<String> operationsOf(Class<?>... endpoints) {
        Set<String> operations = new TreeSet<>();
        for (Class<?> endpoint : endpoints) {
            String base = endpoint.getAnnotation(Path.class).value();
            for (Method method : endpoint.getDeclaredMethods()) {
                String verb = method.isAnnotationPresent(GET.class) ? "GET" : method.isAnnotationPresent(POST.class) ? "POST"
                        : method.isAnnotationPresent(PATCH.class) ? "PATCH" : method.isAnnotationPresent(DELETE.class) ? "DELETE"
                        : method.isAnnotationPresent(PUT.class) ? "PUT" : null;
                if (verb != null) {
                    Path sub = method.getAnnotation(Path.class);
                    operations.add(verb + " " + base + (sub == null ? "" : "/" + sub.value()));
                }
            }
        }
        return operations;
    }
}
