package pro.dailydoco.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import pro.dailydoco.account.Role;
import pro.dailydoco.support.Browser;
import pro.dailydoco.tenant.Tenant;

import io.quarkus.test.junit.QuarkusTest;

/**
 * SCIM's rules over plain HTTP: errors in SCIM's format (never a 500), ETags and If-Match, pagination, filters, size
 * limits, and the shapes of the PATCH requests Okta and Entra ID send.
 */
@QuarkusTest
class ScimProtocolTest {

    private static final String USER = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"%s\"}";
    private static final String PATCH = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[%s]}";

    @Test
    void everyRefusalIsAScimErrorWithStatusAndType() {
        ScimWorkspace w = ScimWorkspace.create("scim-errors");
        error(RestAssured.given().accept("application/scim+json").get(w.base() + "/Users"), 401, null);
        error(RestAssured.given().header("Authorization", "Bearer ddscim_not-a-token").get(w.base() + "/Users"), 401, null);
        assertEquals("Bearer realm=\"SCIM\"", RestAssured.given().get(w.base() + "/Users").header("WWW-Authenticate"));

        error(w.scim().body("{\"userName\": ").post(w.base() + "/Users"), 400, "invalidSyntax");
        error(w.scim().body("[1,2]").post(w.base() + "/Users"), 400, "invalidSyntax");
        error(w.scim().body("").post(w.base() + "/Users"), 400, "invalidSyntax");
        error(w.scim().body("{\"userName\":\"a@" + w.domain + "\",\"userName\":\"b@" + w.domain + "\"}").post(w.base() + "/Users"), 400, "invalidSyntax");
        error(w.scim().body(USER.formatted("someone@elsewhere.example")).post(w.base() + "/Users"), 400, "invalidValue");
        error(w.scim().body(USER.formatted("not an email")).post(w.base() + "/Users"), 400, "invalidValue");
        error(w.scim().body("{\"userName\":\"x\\u0000@" + w.domain + "\"}").post(w.base() + "/Users"), 400, "invalidValue");
        error(w.scim().body("{\"userName\":12}").post(w.base() + "/Users"), 400, "invalidValue");
        error(w.scim().body("{\"userName\":\"" + w.email("a") + "\",\"active\":\"maybe\"}").post(w.base() + "/Users"), 400, "invalidValue");
        byte[] huge = ("{\"userName\":\"" + "x".repeat(1_100_000) + "\"}").getBytes();
        error(w.scim().body(huge).post(w.base() + "/Users"), 413, null);

        error(w.scim().queryParam("filter", "userName co \"a\"").get(w.base() + "/Users"), 400, "invalidFilter");
        error(w.scim().queryParam("filter", "name.givenName eq \"a\"").get(w.base() + "/Users"), 400, "invalidFilter");
        error(w.scim().queryParam("filter", "userName eq \"a\" and active eq true").get(w.base() + "/Users"), 400, "invalidFilter");
        error(w.scim().queryParam("count", "many").get(w.base() + "/Users"), 400, "invalidValue");
        error(w.scim().get(w.base() + "/Users/not-an-id"), 404, null);
        error(w.scim().get(w.base() + "/Users/00000000-0000-0000-0000-000000000000"), 404, null);
        error(w.scim().delete(w.base() + "/Groups/00000000-0000-0000-0000-000000000000"), 404, null);
        error(w.scim().put(w.base() + "/ServiceProviderConfig"), 405, null);

        String email = w.email("dup");
        String id = w.createUser(email).jsonPath().getString("id");
        error(w.scim().body(USER.formatted(email.toUpperCase())).post(w.base() + "/Users"), 409, "uniqueness");
        error(w.scim().body(PATCH.formatted("{\"op\":\"replace\",\"path\":\"userName\",\"value\":\"" + w.email("other") + "\"}"))
                .patch(w.base() + "/Users/" + id), 400, "mutability");
        error(w.scim().body(PATCH.formatted("{\"op\":\"explode\",\"path\":\"active\",\"value\":false}")).patch(w.base() + "/Users/" + id),
                400, "invalidSyntax");
        error(w.scim().body(PATCH.formatted("{\"op\":\"remove\"}")).patch(w.base() + "/Users/" + id), 400, "noTarget");
        error(w.scim().body(PATCH.formatted("{\"op\":\"add\",\"path\":\"groups\",\"value\":[]}")).patch(w.base() + "/Users/" + id), 400, "mutability");
        // A PATCH with one bad operation changes nothing, not even what came before it.
        error(w.scim().body(PATCH.formatted("{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"Kept?\"},"
                + "{\"op\":\"replace\",\"path\":\"active\",\"value\":\"sometimes\"}")).patch(w.base() + "/Users/" + id), 400, "invalidValue");
        Response unchanged = w.scim().get(w.base() + "/Users/" + id);
        assertEquals("Test Person", unchanged.jsonPath().getString("displayName"));
        assertEquals("W/\"1\"", unchanged.header("ETag"));

        error(w.scim().body("{\"displayName\":\"Team\",\"members\":[{\"value\":\"nope\"}]}").post(w.base() + "/Groups"), 400, "invalidValue");
        error(w.scim().body("{\"members\":[]}").post(w.base() + "/Groups"), 400, "invalidValue");
        w.scim().body("{\"displayName\":\"Team\"}").post(w.base() + "/Groups").then().statusCode(201);
        error(w.scim().body("{\"displayName\":\"TEAM\"}").post(w.base() + "/Groups"), 409, "uniqueness");
    }

    @Test
    void eTagsFollowEveryChangeAndAStaleIfMatchChangesNothing() {
        ScimWorkspace w = ScimWorkspace.create("scim-etag");
        Response created = w.createUser(w.email("etag"));
        String id = created.jsonPath().getString("id");
        String location = created.header("Location");
        assertEquals(w.base() + "/Users/" + id, location);
        assertEquals("W/\"1\"", created.header("ETag"));
        assertEquals("W/\"1\"", created.jsonPath().getString("meta.version"));
        assertEquals(location, created.jsonPath().getString("meta.location"));
        assertNotNull(created.jsonPath().getString("meta.created"));
        assertEquals("User", created.jsonPath().getString("meta.resourceType"));

        String rename = PATCH.formatted("{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"Renamed\"}");
        Response patched = w.scim().header("If-Match", "W/\"1\"").body(rename).patch(location);
        assertEquals(200, patched.statusCode(), patched.asString());
        assertEquals("W/\"2\"", patched.header("ETag"));
        assertEquals("W/\"2\"", w.scim().get(location).header("ETag"));

        error(w.scim().header("If-Match", "W/\"1\"").body(PATCH.formatted("{\"op\":\"replace\",\"path\":\"active\",\"value\":false}"))
                .patch(location), 412, null);
        assertTrue(w.scim().get(location).jsonPath().getBoolean("active"), "a stale If-Match deactivated nobody");
        error(w.scim().header("If-Match", "W/\"1\"").delete(location), 412, null);
        error(w.scim().header("If-Match", "W/\"1\"").body("{\"userName\":\"" + created.jsonPath().getString("userName") + "\"}").put(location), 412, null);

        // The same value again changes nothing, not even the version.
        assertEquals("W/\"2\"", w.scim().body(rename).patch(location).header("ETag"));
        assertEquals(200, w.scim().header("If-Match", "*").body(PATCH.formatted("{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"Again\"}"))
                .patch(location).statusCode());
        assertEquals(204, w.scim().header("If-Match", "W/\"3\"").delete(location).statusCode());
        error(w.scim().get(location), 404, null);
    }

    @Test
    void listsPageByStartIndexAndCountAndFilterByUserNameAndExternalId() {
        ScimWorkspace w = ScimWorkspace.create("scim-page");
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(w.scim().body("{\"userName\":\"" + w.email("p" + i) + "\",\"externalId\":\"ext-" + i + "\"}")
                    .post(w.base() + "/Users").then().statusCode(201).extract().jsonPath().getString("id"));
        }
        Response page = w.scim().queryParam("startIndex", 2).queryParam("count", 2).get(w.base() + "/Users");
        assertEquals(200, page.statusCode(), page.asString());
        assertEquals("application/scim+json", page.contentType().replaceAll(";.*", ""));
        assertEquals(List.of("urn:ietf:params:scim:api:messages:2.0:ListResponse"), page.jsonPath().getList("schemas"));
        assertEquals(5, page.jsonPath().getInt("totalResults"));
        assertEquals(2, page.jsonPath().getInt("startIndex"));
        assertEquals(2, page.jsonPath().getInt("itemsPerPage"));
        assertEquals(ids.subList(1, 3), page.jsonPath().getList("Resources.id"));

        Response countOnly = w.scim().queryParam("count", 0).get(w.base() + "/Users");
        assertEquals(5, countOnly.jsonPath().getInt("totalResults"));
        assertEquals(List.of(), countOnly.jsonPath().getList("Resources"));
        Response fromZero = w.scim().queryParam("startIndex", 0).queryParam("count", 1).get(w.base() + "/Users");
        assertEquals(1, fromZero.jsonPath().getInt("startIndex"));
        assertEquals(List.of(ids.get(0)), fromZero.jsonPath().getList("Resources.id"));
        Response pastTheEnd = w.scim().queryParam("startIndex", 99).get(w.base() + "/Users");
        assertEquals(5, pastTheEnd.jsonPath().getInt("totalResults"));
        assertEquals(0, pastTheEnd.jsonPath().getInt("itemsPerPage"));

        Response byExternalId = w.scim().queryParam("filter", "externalId eq \"ext-3\"").get(w.base() + "/Users");
        assertEquals(List.of(ids.get(3)), byExternalId.jsonPath().getList("Resources.id"));
        Response byId = w.scim().queryParam("filter", "id eq \"" + ids.get(4) + "\"").get(w.base() + "/Users");
        assertEquals(List.of(ids.get(4)), byId.jsonPath().getList("Resources.id"));
        Response projected = w.scim().queryParam("attributes", "userName").get(w.base() + "/Users/" + ids.get(0));
        assertNotNull(projected.jsonPath().getString("userName"));
        assertEquals(null, projected.jsonPath().getString("name"));
        assertEquals(ids.get(0), projected.jsonPath().getString("id"));
    }

    @Test
    void theOperationsOktaAndEntraIdSendAreUnderstood() {
        ScimWorkspace w = ScimWorkspace.create("scim-idps");
        String email = w.email("idp");
        String user = w.createUser(email).jsonPath().getString("id");
        String userUrl = w.base() + "/Users/" + user;

        // Entra ID: capitalised op names, booleans as strings, attributes this service does not keep.
        Response entra = w.scim().body(PATCH.formatted("{\"op\":\"Add\",\"path\":\"name.givenName\",\"value\":\"Grace\"},"
                + "{\"op\":\"Replace\",\"path\":\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department\",\"value\":\"R&D\"},"
                + "{\"op\":\"Replace\",\"path\":\"emails[type eq \\\"work\\\"].value\",\"value\":\"" + email + "\"},"
                + "{\"op\":\"Replace\",\"path\":\"externalId\",\"value\":\"8f2c\"}")).patch(userUrl);
        assertEquals(200, entra.statusCode(), entra.asString());
        assertEquals("Grace", entra.jsonPath().getString("name.givenName"));
        assertEquals("8f2c", entra.jsonPath().getString("externalId"));
        Response entraOff = w.scim().body(PATCH.formatted("{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"False\"}")).patch(userUrl);
        assertFalse(entraOff.jsonPath().getBoolean("active"));
        assertEquals(Optional.empty(), w.roleOf(email));

        // Okta: no path, the value names the attributes.
        Response oktaOn = w.scim().body(PATCH.formatted("{\"op\":\"replace\",\"value\":{\"active\":true}}")).patch(userUrl);
        assertTrue(oktaOn.jsonPath().getBoolean("active"));
        assertEquals(Optional.of(Role.MEMBER), w.roleOf(email));

        // Entra ID's probe for a user that does not exist: an empty list, not an error.
        Response probe = w.scim().queryParam("filter", "userName eq \"" + java.util.UUID.randomUUID() + "@" + w.domain + "\"").get(w.base() + "/Users");
        assertEquals(0, probe.jsonPath().getInt("totalResults"));

        // Groups: Entra ID adds and removes members with a value list; Okta replaces the name without a path.
        String group = w.scim().body("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\"Finance\"}")
                .post(w.base() + "/Groups").then().statusCode(201).extract().jsonPath().getString("id");
        String groupUrl = w.base() + "/Groups/" + group;
        w.scim().body(PATCH.formatted("{\"op\":\"Add\",\"path\":\"members\",\"value\":[{\"value\":\"" + user + "\"}]}")).patch(groupUrl)
                .then().statusCode(200);
        assertEquals(Optional.of(Role.BILLING), w.roleOf(email));
        Response excluded = w.scim().queryParam("excludedAttributes", "members").get(groupUrl);
        assertEquals(null, excluded.jsonPath().getList("members"));
        Response okta = w.scim().body(PATCH.formatted("{\"op\":\"replace\",\"value\":{\"id\":\"" + group + "\",\"displayName\":\"Engineering Admins\"}}"))
                .patch(groupUrl);
        assertEquals("Engineering Admins", okta.jsonPath().getString("displayName"), okta.asString());
        assertEquals(Optional.of(Role.ADMIN), w.roleOf(email), "a renamed group maps its members again");
        w.scim().body(PATCH.formatted("{\"op\":\"Remove\",\"path\":\"members\",\"value\":[{\"value\":\"" + user + "\"}]}")).patch(groupUrl)
                .then().statusCode(200);
        assertEquals(Optional.of(Role.MEMBER), w.roleOf(email));
        assertEquals(List.of(), w.scim().get(groupUrl).jsonPath().getList("members"));
        assertEquals(204, w.scim().delete(groupUrl).statusCode());
    }

    @Test
    void listsShowEachUsersGroupsAndEachGroupsMembersAndOnePatchMapsEveryAddedMember() {
        ScimWorkspace w = ScimWorkspace.create("scim-lists");
        String financeEmail = w.email("finance");
        String noneEmail = w.email("none");
        String both = w.createUser(w.email("both")).jsonPath().getString("id");
        String finance = w.createUser(financeEmail).jsonPath().getString("id");
        String none = w.createUser(noneEmail).jsonPath().getString("id");
        String admins = w.scim().body("{\"displayName\":\"Engineering Admins\",\"members\":[{\"value\":\"" + both + "\"}]}")
                .post(w.base() + "/Groups").then().statusCode(201).extract().jsonPath().getString("id");
        String billing = w.scim().body("{\"displayName\":\"Finance\"}")
                .post(w.base() + "/Groups").then().statusCode(201).extract().jsonPath().getString("id");
        // One PATCH adding two members (directories send hundreds at once): each gets the role the group maps to.
        w.scim().body(PATCH.formatted("{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + finance
                + "\"},{\"value\":\"" + both + "\"}]}")).patch(w.base() + "/Groups/" + billing).then().statusCode(200);
        assertEquals(Optional.of(Role.BILLING), w.roleOf(financeEmail));
        assertEquals(Optional.of(Role.MEMBER), w.roleOf(noneEmail));

        Response users = w.scim().get(w.base() + "/Users");
        assertEquals(List.of(both, finance, none), users.jsonPath().getList("Resources.id"));
        assertEquals(List.of(List.of(admins, billing), List.of(billing), List.of()), users.jsonPath().getList("Resources.groups.value"));
        assertEquals(List.of(List.of("Engineering Admins", "Finance"), List.of("Finance"), List.of()),
                users.jsonPath().getList("Resources.groups.display"));
        Response groups = w.scim().get(w.base() + "/Groups");
        assertEquals(List.of(admins, billing), groups.jsonPath().getList("Resources.id"));
        assertEquals(List.of(List.of(both), List.of(both, finance)), groups.jsonPath().getList("Resources.members.value"));
    }

    @Test
    void discoveryEndpointsDescribeTheService() {
        ScimWorkspace w = ScimWorkspace.create("scim-discovery");
        Response config = w.scim().get(w.base() + "/ServiceProviderConfig");
        assertEquals(200, config.statusCode());
        assertTrue(config.jsonPath().getBoolean("patch.supported"));
        assertEquals(200, config.jsonPath().getInt("filter.maxResults"));
        assertEquals("oauthbearertoken", config.jsonPath().getString("authenticationSchemes[0].type"));
        assertEquals(List.of("User", "Group"), w.scim().get(w.base() + "/ResourceTypes").jsonPath().getList("Resources.id"));
        assertEquals("/Users", w.scim().get(w.base() + "/ResourceTypes/User").jsonPath().getString("endpoint"));
        Response schemas = w.scim().get(w.base() + "/Schemas");
        assertEquals(List.of("urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:core:2.0:Group"),
                schemas.jsonPath().getList("Resources.id"));
        assertTrue(schemas.jsonPath().getList("Resources[0].attributes.name").contains("userName"));
        error(w.scim().get(w.base() + "/ResourceTypes/Device"), 404, null);
    }

    @Test
    void aWorkspaceWhosePlanLosesSingleSignOnStopsProvisioning() {
        ScimWorkspace w = ScimWorkspace.create("scim-plan");
        QuarkusTransaction.requiringNew().run(() -> Tenant.update("planOverride = ?1 where id = ?2", "TEAM", w.tenant.id));
        error(w.scim().get(w.base() + "/Users"), 403, null);
        assertEquals(403, w.owner.get(w.page()).statusCode());
    }

    @Test
    void theBearerApiNeedsNoCsrfTokenAndACookieAloneAuthorisesNothing() {
        ScimWorkspace w = ScimWorkspace.create("scim-csrf");
        // The owner's browser session and its CSRF cookie, without the bearer token: refused.
        Response cookieOnly = w.owner.request().contentType(ScimWorkspace.MEDIA_TYPE).header("X-CSRF-Token", w.owner.csrfToken())
                .body(USER.formatted(w.email("csrf"))).post("/scim/v2/" + w.tenant.slug + "/Users");
        error(cookieOnly, 401, null);
        // The SCIM page's own form still needs its CSRF token.
        assertEquals(403, w.owner.postWithoutToken(w.page() + "/token").statusCode());
        Browser.html(w.owner.get(w.page()));
    }

    static void error(Response response, int status, String scimType) {
        assertEquals(status, response.statusCode(), response.asString());
        assertEquals("application/scim+json", response.contentType().replaceAll(";.*", ""), response.asString());
        assertEquals(List.of("urn:ietf:params:scim:api:messages:2.0:Error"), response.jsonPath().getList("schemas"));
        assertEquals(String.valueOf(status), response.jsonPath().getString("status"));
        assertEquals(scimType, response.jsonPath().getString("scimType"), response.asString());
        assertFalse(response.jsonPath().getString("detail").isBlank());
    }
}
