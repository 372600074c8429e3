package pro.dailydoco.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import pro.dailydoco.account.Role;
import pro.dailydoco.account.Tokens;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;
import pro.dailydoco.tenant.Tenant;

/** A workspace's token reaches only that workspace; rotation and revocation take effect at once; owners stay owners. */
@QuarkusTest
class ScimTenancyAndTokensTest {

    @Test
    void aTokenOfOneWorkspaceNeverReachesAnother() {
        ScimWorkspace a = ScimWorkspace.create("scim-a");
        ScimWorkspace b = ScimWorkspace.create("scim-b");
        String bEmail = b.email("bee");
        String bUser = b.createUser(bEmail).jsonPath().getString("id");
        String bGroup = b.scim().body("{\"displayName\":\"B team\"}").post(b.base() + "/Groups").jsonPath().getString("id");

        // A's token at B's address: the same 401 as an unknown workspace.
        ScimProtocolTest.error(a.scim().get(b.base() + "/Users"), 401, null);
        ScimProtocolTest.error(a.scim().get(b.base() + "/Users/" + bUser), 401, null);
        ScimProtocolTest.error(a.scim().get(b.base().replace(b.tenant.slug, "no-such-workspace") + "/Users"), 401, null);
        // B's ids at A's address: not found, not listed, not usable as members.
        ScimProtocolTest.error(a.scim().get(a.base() + "/Users/" + bUser), 404, null);
        ScimProtocolTest.error(a.scim().get(a.base() + "/Groups/" + bGroup), 404, null);
        ScimProtocolTest.error(a.scim().body("{\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":false}]}")
                .patch(a.base() + "/Users/" + bUser), 404, null);
        ScimProtocolTest.error(a.scim().delete(a.base() + "/Users/" + bUser), 404, null);
        assertEquals(0, a.scim().queryParam("filter", "userName eq \"" + bEmail + "\"").get(a.base() + "/Users").jsonPath().getInt("totalResults"));
        ScimProtocolTest.error(a.scim().body("{\"displayName\":\"Steal\",\"members\":[{\"value\":\"" + bUser + "\"}]}").post(a.base() + "/Groups"),
                400, "invalidValue");
        // A can't provision an address in B's domain either.
        ScimProtocolTest.error(a.scim().body("{\"userName\":\"" + b.email("x") + "\"}").post(a.base() + "/Users"), 400, "invalidValue");
        assertTrue(b.scim().get(b.base() + "/Users/" + bUser).jsonPath().getBoolean("active"), "B's user untouched");
        assertEquals(Optional.of(Role.MEMBER), b.roleOf(bEmail));
    }

    @Test
    void rotatingTheTokenRefusesTheOldOneAtOnceAndTheSecretIsShownOnceAndStoredHashed() {
        ScimWorkspace w = ScimWorkspace.create("scim-rotate");
        String old = w.token;
        assertEquals(200, w.scim().get(w.base() + "/Users").statusCode());

        String rotated = w.rotateToken();
        assertFalse(rotated.equals(old));
        ScimProtocolTest.error(RestAssured.given().header("Authorization", "Bearer " + old).get(w.base() + "/Users"), 401, null);
        w.token = rotated;
        assertEquals(200, w.scim().get(w.base() + "/Users").statusCode());

        String page = w.owner.get(w.page()).asString();
        assertFalse(page.contains(rotated), "the page shows the token only once, right after creating it");
        assertTrue(page.contains(rotated.substring(0, 13)), "its prefix is shown");
        List<String> stored = ScimWorkspace.scopedWork().call(w.tenant.id, null, () -> ScimToken.<ScimToken>listAll().stream()
                .map(t -> t.tokenHash + " " + t.prefix).toList());
        assertEquals(2, stored.size());
        assertTrue(stored.contains(Tokens.sha256(rotated) + " " + rotated.substring(0, 13)));
        assertTrue(stored.stream().noneMatch(s -> s.contains(rotated.substring(13))), "no column holds the secret");
        assertEquals(1, w.audit("scim.token-created").size());
        assertEquals(1, w.audit("scim.token-rotated").size());

        Response revoked = w.owner.post(w.page() + "/token/revoke");
        assertEquals(303, revoked.statusCode());
        ScimProtocolTest.error(w.scim().get(w.base() + "/Users"), 401, null);
        assertEquals(1, w.audit("scim.token-revoked").size());
    }

    @Test
    void onlyOwnersAndAdminsOfSsoPlansReachTheScimPage() {
        ScimWorkspace w = ScimWorkspace.create("scim-page-access");
        assertEquals(200, Accounts.signedInMember(w.tenant, Role.ADMIN).get(w.page()).statusCode());
        assertEquals(403, Accounts.signedInMember(w.tenant, Role.MEMBER).get(w.page()).statusCode());
        assertEquals(404, new Browser().get(w.page()).statusCode());
        String sso = w.owner.get("/t/" + w.tenant.slug + "/settings/sso").asString();
        assertTrue(Browser.html(w.owner.get("/t/" + w.tenant.slug + "/settings/sso")).select("#scim-settings-link").attr("href")
                .equals(w.page()), sso);
        assertTrue(w.owner.get(w.page()).asString().contains(w.base().replaceAll("http://localhost:\\d+", "")));
    }

    @Test
    void anOwnerDeclaredInTheTenantFileBecomesOwnerAndDeactivationSignsThemOutButKeepsTheRole() {
        ScimWorkspace w = ScimWorkspace.create("scim-owner");
        String ownerEmail = w.email("it-admin");
        QuarkusTransaction.requiringNew().run(() -> {
            Tenant tenant = Tenant.findById(w.tenant.id);
            tenant.declaredOwners = new java.util.ArrayList<>(List.of(ownerEmail));
        });
        String id = w.createUser(ownerEmail).jsonPath().getString("id");
        assertEquals(Optional.of(Role.OWNER), w.roleOf(ownerEmail), "the tenant file's owner, provisioned by SCIM");

        // Groups never demote an owner.
        w.scim().body("{\"displayName\":\"Finance\",\"members\":[{\"value\":\"" + id + "\"}]}").post(w.base() + "/Groups").then().statusCode(201);
        assertEquals(Optional.of(Role.OWNER), w.roleOf(ownerEmail));

        Browser session = w.ssoSession(ownerEmail);
        assertEquals(200, session.get("/t/" + w.tenant.slug + "/").statusCode());
        Response off = w.scim().body("{\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":false}]}").patch(w.base() + "/Users/" + id);
        assertEquals(200, off.statusCode(), off.asString());
        assertEquals(303, session.get("/account").statusCode(), "their session ended");
        assertEquals(Optional.of(Role.OWNER), w.roleOf(ownerEmail), "SCIM never removes an owner");
        assertEquals(1, w.audit("scim.owner-kept").size());
        assertTrue(Browser.html(w.owner.get(w.page())).select("#scim-owners-kept").text().contains(ownerEmail));
        assertEquals(204, w.scim().delete(w.base() + "/Users/" + id).statusCode());
        assertEquals(Optional.of(Role.OWNER), w.roleOf(ownerEmail), "nor does deleting them");
    }

    @Test
    void provisioningAnExistingPasswordAccountAndDeactivatingItEndsItsPasswordSessionToo() {
        ScimWorkspace w = ScimWorkspace.create("scim-existing");
        String email = w.email("existing");
        Accounts.createMember(w.tenant, Role.ADMIN, email);
        Browser password = new Browser();
        assertEquals(303, Accounts.signIn(password, email, Accounts.PASSWORD).statusCode());
        String home = "/t/" + w.tenant.slug + "/";
        assertEquals(200, password.get(home).statusCode());

        Response linked = w.createUser(email);
        assertEquals(Optional.of(Role.ADMIN), w.roleOf(email), "an existing member keeps their role when linked");
        w.scim().body("{\"Operations\":[{\"op\":\"replace\",\"value\":{\"active\":false}}]}")
                .patch(w.base() + "/Users/" + linked.jsonPath().getString("id")).then().statusCode(200);
        assertEquals(404, password.get(home).statusCode());
        assertEquals(303, password.get("/account").statusCode());
        assertEquals(Optional.empty(), w.roleOf(email));
        assertFalse(Browser.html(w.owner.get(w.page())).select("#scim-owners-kept").text().contains(email),
                "the SCIM page lists deactivated owners only");
        List<String> removed = w.audit("scim.member-removed");
        assertEquals(1, removed.size());
        assertTrue(removed.get(0).contains("\"role\":\"ADMIN\""), removed.toString());
        assertTrue(removed.get(0).contains("\"token\":\"" + w.token.substring(0, 13) + "\""), removed.toString());
    }
}
