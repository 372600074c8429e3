package pro.dailydoco.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import pro.dailydoco.project.Project;

/** What every API request gets: idempotent POSTs, ETags, cursor pages, and problem documents for whatever is wrong. */
@QuarkusTest
class ApiRequestsTest {

    @Inject
    ApiQuota quota;

    @Test
    void aPostRetriedWithItsIdempotencyKeyRunsOnceIsCountedOnceAndGetsTheSameAnswer() {
        ApiWorkspace w = ApiWorkspace.create("api-idem", "PRO");
        String key = w.createKey("Writer", "read", "write");
        String idem = UUID.randomUUID().toString();
        String body = ApiWorkspace.projectJson("Once");
        long before = w.inScope(() -> quota.callsThisMonth(w.tenant.id));

        Response first = ApiWorkspace.api(key).header("Idempotency-Key", idem).body(body).post("/api/v1/projects");
        assertEquals(201, first.statusCode(), first.asString());
        Response retry = ApiWorkspace.api(key).header("Idempotency-Key", idem).body(body).post("/api/v1/projects");
        assertEquals(201, retry.statusCode(), retry.asString());
        assertEquals(first.asString(), retry.asString(), "the stored answer, byte for byte");
        assertEquals(first.getHeader("Location"), retry.getHeader("Location"));
        assertEquals("true", retry.getHeader("Idempotent-Replayed"));
        assertNull(first.getHeader("Idempotent-Replayed"));
        assertEquals(1L, (long) w.inScope(() -> Project.count()), "the project was created once");
        assertEquals(before + 1, (long) w.inScope(() -> quota.callsThisMonth(w.tenant.id)), "and counted once");

        Response reused = ApiWorkspace.api(key).header("Idempotency-Key", idem).body(ApiWorkspace.projectJson("Other"))
                .post("/api/v1/projects");
        ApiKeysTest.problem(reused, 422, "idempotency-key-reused");
        assertEquals(1L, (long) w.inScope(() -> Project.count()));

        // Another key of the same workspace has its own idempotency keys.
        String other = w.createKey("Other writer", "write");
        assertEquals(201, ApiWorkspace.api(other).header("Idempotency-Key", idem).body(body).post("/api/v1/projects").statusCode());
        // Without a key, two POSTs are two projects.
        ApiWorkspace.api(key).body(body).post("/api/v1/projects");
        ApiWorkspace.api(key).body(body).post("/api/v1/projects");
        assertEquals(4L, (long) w.inScope(() -> Project.count()));
        ApiKeysTest.problem(ApiWorkspace.api(key).header("Idempotency-Key", "x".repeat(300)).body(body)
                .post("/api/v1/projects"), 400, "invalid-idempotency-key");
    }

    @Test
    void aRefusedPostIsReplayedAsItsRefusalToo() {
        ApiWorkspace w = ApiWorkspace.create("api-idem-err", "PRO");
        String key = w.createKey("Writer", "write");
        String idem = UUID.randomUUID().toString();
        Response first = ApiWorkspace.api(key).header("Idempotency-Key", idem).body("{\"name\":\"\"}").post("/api/v1/projects");
        ApiKeysTest.problem(first, 400, null);
        Response again = ApiWorkspace.api(key).header("Idempotency-Key", idem).body("{\"name\":\"\"}").post("/api/v1/projects");
        ApiKeysTest.problem(again, 400, null);
        assertEquals(first.asString(), again.asString());
    }

    @Test
    void getsCarryAnETagThatAnswers304UntilTheResourceChanges() {
        ApiWorkspace w = ApiWorkspace.create("api-etag", "PRO");
        String key = w.createKey("Both", "read", "write");
        String id = ApiWorkspace.api(key).body(ApiWorkspace.projectJson("Tagged")).post("/api/v1/projects").jsonPath().getString("id");

        Response first = ApiWorkspace.api(key).get("/api/v1/projects/" + id);
        String etag = first.getHeader("ETag");
        assertNotNull(etag);
        assertTrue(etag.startsWith("\"") && etag.endsWith("\""), etag);
        Response unchanged = ApiWorkspace.api(key).header("If-None-Match", etag).get("/api/v1/projects/" + id);
        assertEquals(304, unchanged.statusCode());
        assertEquals("", unchanged.asString());

        assertEquals(200, ApiWorkspace.api(key).body("{\"description\":\"Now described\"}").patch("/api/v1/projects/" + id).statusCode());
        Response changed = ApiWorkspace.api(key).header("If-None-Match", etag).get("/api/v1/projects/" + id);
        assertEquals(200, changed.statusCode());
        assertNotEquals(etag, changed.getHeader("ETag"));
        assertEquals("Now described", changed.jsonPath().getString("description"));
        assertEquals("Tagged", changed.jsonPath().getString("name"), "a PATCH keeps the fields it does not name");
        assertNotNull(ApiWorkspace.api(key).get("/api/v1/projects").getHeader("ETag"), "lists too");
    }

    @Test
    void listsArePagedByACursorThatVisitsEveryItemOnce() {
        ApiWorkspace w = ApiWorkspace.create("api-pages", "PRO");
        String key = w.createKey("Both", "read", "write");
        Set<String> made = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            made.add(ApiWorkspace.api(key).body(ApiWorkspace.projectJson("P" + i)).post("/api/v1/projects").jsonPath().getString("id"));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = ApiWorkspace.api(key).queryParam("limit", 2);
            if (cursor != null) {
                request = request.queryParam("cursor", cursor);
            }
            Response page = request.get("/api/v1/projects");
            assertEquals(200, page.statusCode(), page.asString());
            seen.addAll(page.jsonPath().getList("data.id"));
            cursor = page.jsonPath().getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);
        assertEquals(3, pages);
        assertEquals(5, seen.size());
        assertEquals(made, new HashSet<>(seen));

        ApiKeysTest.problem(ApiWorkspace.api(key).queryParam("cursor", "not-a-cursor").get("/api/v1/projects"), 400, "invalid-cursor");
        ApiKeysTest.problem(ApiWorkspace.api(key).queryParam("limit", "0").get("/api/v1/projects"), 400, "invalid-limit");
        ApiKeysTest.problem(ApiWorkspace.api(key).queryParam("limit", "101").get("/api/v1/projects"), 400, "invalid-limit");
    }

    @Test
    void videosAndMembersThroughTheApi() {
        ApiWorkspace w = ApiWorkspace.create("api-videos", "PRO");
        String key = w.createKey("Both", "read", "write");
        String project = ApiWorkspace.api(key).body(ApiWorkspace.projectJson("With videos")).post("/api/v1/projects")
                .jsonPath().getString("id");
        Response video = ApiWorkspace.api(key).body("{\"title\":\"Intro\",\"durationMinutes\":4,\"status\":\"published\"}")
                .post("/api/v1/projects/" + project + "/videos");
        assertEquals(201, video.statusCode(), video.asString());
        assertEquals("published", video.jsonPath().getString("status"));
        String id = video.jsonPath().getString("id");
        assertEquals("Intro, part 1", ApiWorkspace.api(key).body("{\"title\":\"Intro, part 1\"}")
                .patch("/api/v1/projects/" + project + "/videos/" + id).jsonPath().getString("title"));
        assertEquals(List.of(id), ApiWorkspace.api(key).get("/api/v1/projects/" + project + "/videos").jsonPath().getList("data.id"));
        assertEquals(204, ApiWorkspace.api(key).delete("/api/v1/projects/" + project + "/videos/" + id).statusCode());
        ApiKeysTest.problem(ApiWorkspace.api(key).get("/api/v1/projects/" + project + "/videos/" + id), 404, null);

        Response members = ApiWorkspace.api(key).get("/api/v1/members");
        assertEquals(200, members.statusCode(), members.asString());
        assertEquals(List.of("owner"), members.jsonPath().getList("data.role"));

        assertEquals(204, ApiWorkspace.api(key).delete("/api/v1/projects/" + project).statusCode());
        ApiKeysTest.problem(ApiWorkspace.api(key).get("/api/v1/projects/" + project), 404, null);
        assertEquals(1, w.audit("project.deleted").size(), "API changes are audited like the pages'");
    }

    @Test
    void everythingWrongIsAProblemDocumentWhateverTheClientAccepts() {
        ApiWorkspace w = ApiWorkspace.create("api-problems", "FREE");
        String key = w.createKey("Both", "read", "write");
        ApiKeysTest.problem(ApiWorkspace.api(key).body("{not json").post("/api/v1/projects"), 400, "invalid-json");
        ApiKeysTest.problem(ApiWorkspace.api(key).body("[1,2]").post("/api/v1/projects"), 400, "invalid-json");
        ApiKeysTest.problem(ApiWorkspace.api(key).body("{\"name\":{\"nested\":1}}").post("/api/v1/projects"), 400, "invalid-field");
        ApiKeysTest.problem(ApiWorkspace.api(key).accept("text/html").get("/api/v1/projects/not-a-uuid"), 404, null);
        ApiKeysTest.problem(ApiWorkspace.api(key).get("/api/v1/no-such-thing"), 404, null);
        ApiKeysTest.problem(ApiWorkspace.api(key).put("/api/v1/projects"), 405, null);
        // The plan's project limit (Free: 3) answers as on the pages, as a problem.
        for (int i = 0; i < 3; i++) {
            assertEquals(201, ApiWorkspace.api(key).body(ApiWorkspace.projectJson("P" + i)).post("/api/v1/projects").statusCode());
        }
        ApiKeysTest.problem(ApiWorkspace.api(key).body(ApiWorkspace.projectJson("One too many")).post("/api/v1/projects"), 402, null);
    }
}
