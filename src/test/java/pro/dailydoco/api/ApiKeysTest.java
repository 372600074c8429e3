package pro.dailydoco.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import pro.dailydoco.account.Role;
import pro.dailydoco.account.Tokens;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;

/**
 * API keys as owners and admins make them on the workspace's API keys page, used for real against /api/v1: shown once
 * and stored hashed, scoped, reaching only their own workspace, rotated with a grace period, revoked at once, audited.
 */
@QuarkusTest
class ApiKeysTest {

    @Test
    void aKeyIsShownOnceStoredAsAHashWithItsPrefixAndItsLastUseIsKept() {
        ApiWorkspace w = ApiWorkspace.create("api-keys", "PRO");
        String key = w.createKey("CI docs build", "read");

        assertEquals(200, ApiWorkspace.api(key).get("/api/v1/projects").statusCode());

        String page = w.owner.get(w.page()).asString();
        String prefix = key.substring("ddk_live_".length(), "ddk_live_".length() + 12);
        assertFalse(page.contains(key), "the key is shown only once, right after it was made");
        assertTrue(page.contains("ddk_live_" + prefix + "_…"), "its prefix is shown");
        assertTrue(page.contains("CI docs build"));
        List<ApiKey> stored = w.inScope(() -> ApiKey.<ApiKey>listAll());
        assertEquals(1, stored.size());
        assertEquals(Tokens.sha256(key), stored.get(0).secretHash);
        assertEquals(prefix, stored.get(0).prefix);
        assertNotNull(stored.get(0).lastUsedAt, "the last use is kept");
        assertEquals("127.0.0.1", stored.get(0).lastUsedAddress);
        assertTrue(w.audit("api-key.created").get(0).contains(prefix));
    }

    @Test
    void aKeyDoesOnlyWhatItsScopesAllow() {
        ApiWorkspace w = ApiWorkspace.create("api-scopes", "PRO");
        String readOnly = w.createKey("Reader", "read");
        String writeOnly = w.createKey("Writer", "write");

        Response refused = ApiWorkspace.api(readOnly).body(ApiWorkspace.projectJson("Nope")).post("/api/v1/projects");
        problem(refused, 403, "missing-scope");
        assertEquals(0L, (long) w.inScope(() -> pro.dailydoco.project.Project.count()), "nothing was created");

        Response created = ApiWorkspace.api(writeOnly).body(ApiWorkspace.projectJson("Docs")).post("/api/v1/projects");
        assertEquals(201, created.statusCode(), created.asString());
        String id = created.jsonPath().getString("id");
        assertEquals("/api/v1/projects/" + id, java.net.URI.create(created.getHeader("Location")).getPath());
        problem(ApiWorkspace.api(writeOnly).get("/api/v1/projects/" + id), 403, "missing-scope");
        assertEquals("Docs", ApiWorkspace.api(readOnly).get("/api/v1/projects/" + id).jsonPath().getString("name"));
    }

    @Test
    void aKeyNeverReachesAnotherWorkspacesData() {
        ApiWorkspace a = ApiWorkspace.create("api-a", "PRO");
        ApiWorkspace b = ApiWorkspace.create("api-b", "PRO");
        String aKey = a.createKey("A", "read", "write");
        String bKey = b.createKey("B", "read", "write");
        String bProject = ApiWorkspace.api(bKey).body(ApiWorkspace.projectJson("B secret")).post("/api/v1/projects")
                .jsonPath().getString("id");
        String bVideo = ApiWorkspace.api(bKey).body("{\"title\":\"B video\",\"durationMinutes\":3}")
                .post("/api/v1/projects/" + bProject + "/videos").jsonPath().getString("id");

        Response unknown = ApiWorkspace.api(aKey).get("/api/v1/projects/" + java.util.UUID.randomUUID());
        problem(unknown, 404, null);
        Response others = ApiWorkspace.api(aKey).get("/api/v1/projects/" + bProject);
        problem(others, 404, null);
        assertEquals(unknown.jsonPath().getString("detail"), others.jsonPath().getString("detail"),
                "another workspace's project looks exactly like no project");
        problem(ApiWorkspace.api(aKey).get("/api/v1/projects/" + bProject + "/videos/" + bVideo), 404, null);
        problem(ApiWorkspace.api(aKey).get("/api/v1/projects/" + bProject + "/videos"), 404, null);
        problem(ApiWorkspace.api(aKey).body("{\"name\":\"Stolen\"}").patch("/api/v1/projects/" + bProject), 404, null);
        problem(ApiWorkspace.api(aKey).delete("/api/v1/projects/" + bProject), 404, null);
        problem(ApiWorkspace.api(aKey).body("{\"title\":\"x\",\"durationMinutes\":1}")
                .post("/api/v1/projects/" + bProject + "/videos"), 404, null);
        assertEquals(List.of(), ApiWorkspace.api(aKey).get("/api/v1/projects").jsonPath().getList("data"));
        assertFalse(ApiWorkspace.api(aKey).get("/api/v1/members").asString().contains(b.tenant.slug));
        assertEquals("B secret", ApiWorkspace.api(bKey).get("/api/v1/projects/" + bProject).jsonPath().getString("name"),
                "B's project is untouched");
    }

    @Test
    void missingWrongAndRevokedKeysGetTheSame401() {
        ApiWorkspace w = ApiWorkspace.create("api-401", "PRO");
        String key = w.createKey("Soon revoked", "read");
        Response none = RestAssured.get("/api/v1/projects");
        problem(none, 401, "invalid-key");
        assertTrue(none.getHeader("WWW-Authenticate").startsWith("Bearer"));
        problem(ApiWorkspace.api("ddk_live_000000000000_" + "x".repeat(43)).get("/api/v1/projects"), 401, "invalid-key");
        problem(ApiWorkspace.api(key.substring(0, key.length() - 1) + (key.endsWith("A") ? "B" : "A")).get("/api/v1/projects"),
                401, "invalid-key");
        problem(ApiWorkspace.api("garbage").get("/api/v1/projects"), 401, "invalid-key");

        String id = w.inScope(() -> ApiKey.<ApiKey>listAll().get(0).id.toString());
        Response confirm = w.owner.get(w.page() + "/" + id + "/revoke");
        assertEquals(200, confirm.statusCode());
        assertTrue(confirm.asString().contains("Revoke the key “Soon revoked”?"), "a confirm step comes first");
        assertEquals(200, ApiWorkspace.api(key).get("/api/v1/projects").statusCode(), "not revoked by looking");
        assertEquals(303, w.owner.post(w.page() + "/" + id + "/revoke").statusCode());
        problem(ApiWorkspace.api(key).get("/api/v1/projects"), 401, "invalid-key");
        assertEquals(1, w.audit("api-key.revoked").size());
        assertTrue(w.owner.get(w.page()).asString().contains("Revoked"));
    }

    @Test
    void rotationGivesANewKeyAndTheOldOneWorksForTheChosenGracePeriodOnly() {
        ApiWorkspace w = ApiWorkspace.create("api-rotate", "PRO");
        String old = w.createKey("Rotated", "read");
        String id = w.inScope(() -> ApiKey.<ApiKey>listAll().get(0).id.toString());

        Response rotated = w.owner.post(w.page() + "/" + id + "/rotate", "grace", "1h");
        assertEquals(200, rotated.statusCode(), rotated.asString());
        String fresh = Browser.html(rotated).select("#api-new-key code.secret").text();
        assertTrue(fresh.startsWith("ddk_live_") && !fresh.equals(old));
        assertEquals(200, ApiWorkspace.api(fresh).get("/api/v1/projects").statusCode());
        assertEquals(200, ApiWorkspace.api(old).get("/api/v1/projects").statusCode(), "the old key works during the grace");
        ApiKey oldKey = w.inScope(() -> ApiKey.<ApiKey>find("prefix", old.substring(9, 21)).firstResult());
        assertTrue(Duration.between(Instant.now(), oldKey.expiresAt).compareTo(Duration.ofMinutes(59)) > 0);
        assertNull(oldKey.revokedAt);

        // The grace period ends (moved into the past, as time passing would): the old key stops, the new one goes on.
        QuarkusTransaction.requiringNew().run(() -> ApiWorkspace.scopedWork().run(w.tenant.id, null,
                () -> ApiKey.update("expiresAt = ?1 where id = ?2", Instant.now().minusSeconds(1), oldKey.id)));
        problem(ApiWorkspace.api(old).get("/api/v1/projects"), 401, "invalid-key");
        assertEquals(200, ApiWorkspace.api(fresh).get("/api/v1/projects").statusCode());
        assertEquals(1, w.audit("api-key.rotated").size());

        String now = w.inScope(() -> ApiKey.<ApiKey>find("prefix", fresh.substring(9, 21)).firstResult().id.toString());
        w.owner.post(w.page() + "/" + now + "/rotate", "grace", "none");
        problem(ApiWorkspace.api(fresh).get("/api/v1/projects"), 401, "invalid-key");
    }

    @Test
    void onlyOwnersAndAdminsManageKeysAndOutsidersSeeNothing() {
        ApiWorkspace w = ApiWorkspace.create("api-roles", "PRO");
        Browser admin = Accounts.signedInMember(w.tenant, Role.ADMIN);
        assertEquals(200, admin.get(w.page()).statusCode());
        Browser member = Accounts.signedInMember(w.tenant, Role.MEMBER);
        assertEquals(403, member.get(w.page()).statusCode());
        assertEquals(403, member.post(w.page(), "name", "Mine", "scope", "read").statusCode());
        Browser outsider = Accounts.signedInMember(ApiWorkspace.create("api-roles-other", "PRO").tenant, Role.OWNER);
        assertEquals(404, outsider.get(w.page()).statusCode());
        String empty = w.owner.get(w.page()).asString();
        assertTrue(empty.contains("No API keys yet"), "the empty state");
        Response invalid = w.owner.post(w.page(), "name", " ");
        assertEquals(400, invalid.statusCode());
        assertTrue(invalid.asString().contains("Give the key a name"));
        assertTrue(invalid.asString().contains("Choose at least one scope") || invalid.asString().contains("Give the key a name"));
    }

    /** An RFC 9457 problem document: its status, its media type, and, when given, its type. */
    static void problem(Response response, int status, String type) {
        assertEquals(status, response.statusCode(), response.asString());
        assertTrue(response.getContentType().startsWith("application/problem+json"), response.getContentType());
        assertEquals(status, response.jsonPath().getInt("status"));
        assertNotNull(response.jsonPath().getString("title"));
        assertNotNull(response.jsonPath().getString("detail"));
        if (type != null) {
            assertEquals("https://dailydoco.pro/problems/" + type, response.jsonPath().getString("type"));
        }
    }
}
