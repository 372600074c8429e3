package pro.dailydoco.sso;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.arc.Arc;
import io.quarkus.oidc.OidcTenantConfig;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import pro.dailydoco.account.Membership;
import pro.dailydoco.account.Role;
import pro.dailydoco.account.User;
import pro.dailydoco.support.Browser;
import pro.dailydoco.support.KeycloakResource;
import pro.dailydoco.support.TestTenants;
import pro.dailydoco.tenant.ScopedWork;
import pro.dailydoco.tenant.Tenant;

@QuarkusTest
class SsoLifecycleTest {

    @Inject
    SsoTenantConfigResolver resolver;

    private Tenant tenant;

    @AfterEach
    void release() {
        SsoFlow.releaseDomains(tenant);
    }

    @Test
    void theResolverReturnsTheSameConfigUntilTheSettingsChange() {
        KeycloakResource.awaitReady();
        tenant = TestTenants.withPlan("sso-cache", "ENTERPRISE");
        SsoFlow.configure(tenant, KeycloakResource.issuer(SsoFlow.REALM_A), "dailydoco", "secret-idp-a", "{}", false);
        OidcTenantConfig first = resolver.configFor(tenant.slug).orElseThrow();
        assertSame(first, resolver.configFor(tenant.slug).orElseThrow());
        SsoFlow.configure(tenant, KeycloakResource.issuer(SsoFlow.REALM_A), "dailydoco", "secret-idp-a", "{\"x\":\"ADMIN\"}", false);
        OidcTenantConfig changed = resolver.configFor(tenant.slug).orElseThrow();
        assertNotSame(first, changed);
        assertSame(changed, resolver.configFor(tenant.slug).orElseThrow());
    }

    @Test
    void aPersonDisabledAtTheIdpCannotSignInAgain() {
        KeycloakResource.awaitReady();
        tenant = TestTenants.withPlan("sso-gone", "ENTERPRISE");
        SsoFlow.configure(tenant, KeycloakResource.issuer(SsoFlow.REALM_A), "dailydoco", "secret-idp-a", "{}", false, "a.example");
        assertEquals(303, SsoFlow.signIn(new Browser(), tenant.slug, "gone@a.example", SsoFlow.REALM_A).statusCode());

        setEnabledAtIdp("gone@a.example", false);
        try {
            Browser browser = new Browser();
            Response atIdp = SsoFlow.submitCredentials(SsoFlow.startAt(browser, tenant.slug), "gone@a.example",
                    SsoFlow.password(SsoFlow.REALM_A));
            assertTrue(atIdp.statusCode() != 302 || !atIdp.getHeader("Location").contains("/sso/callback"),
                    "the IdP does not send a disabled person back with a code");
            assertEquals(303, browser.get("/account").statusCode(), "not signed in");
        } finally {
            setEnabledAtIdp("gone@a.example", true);
        }
    }

    @Test
    void theRoleFollowsTheIdpsGroupsAtEachSignInButAnOwnerIsNeverChanged() {
        KeycloakResource.awaitReady();
        tenant = TestTenants.withPlan("sso-remap", "ENTERPRISE");
        SsoFlow.configure(tenant, KeycloakResource.issuer(SsoFlow.REALM_A), "dailydoco", "secret-idp-a", SsoCodeFlowTest.MAPPING,
                false, "a.example");
        String email = "remap-" + UUID.randomUUID().toString().substring(0, 8) + "@a.example";
        String idpUser = createAtIdp(email, "finance");
        try {
            assertEquals(303, SsoFlow.signIn(new Browser(), tenant.slug, email, SsoFlow.REALM_A).statusCode());
            assertEquals(Role.BILLING, SsoFlow.roleIn(tenant, email));

            setGroupsAtIdp(idpUser, "dailydoco-admins");
            assertEquals(303, SsoFlow.signIn(new Browser(), tenant.slug, email, SsoFlow.REALM_A).statusCode());
            assertEquals(Role.ADMIN, SsoFlow.roleIn(tenant, email));

            setGroupsAtIdp(idpUser);
            assertEquals(303, SsoFlow.signIn(new Browser(), tenant.slug, email, SsoFlow.REALM_A).statusCode());
            assertEquals(Role.MEMBER, SsoFlow.roleIn(tenant, email), "no mapped group: the workspace's default role");
            assertEquals(List.of("SUCCESS {\"from\":\"BILLING\",\"to\":\"ADMIN\"}", "SUCCESS {\"from\":\"ADMIN\",\"to\":\"MEMBER\"}"),
                    SsoFlow.audit(tenant, "sso.role-synced"));

            makeOwner(email);
            setGroupsAtIdp(idpUser, "finance");
            assertEquals(303, SsoFlow.signIn(new Browser(), tenant.slug, email, SsoFlow.REALM_A).statusCode());
            assertEquals(Role.OWNER, SsoFlow.roleIn(tenant, email), "mapping never changes an owner");
            assertEquals(2, SsoFlow.audit(tenant, "sso.role-synced").size());
            assertEquals(4, SsoFlow.audit(tenant, "sso.login").size());
        } finally {
            deleteAtIdp(idpUser);
        }
    }

    private void makeOwner(String email) {
        Arc.container().instance(ScopedWork.class).get().run(tenant.id, null, () -> {
            User user = User.findByEmail(email).orElseThrow();
            Membership.find(tenant.id, user.id).orElseThrow().role = Role.OWNER;
        });
    }

    private static String realmAdmin() {
        return KeycloakResource.baseUrl() + "/admin/realms/" + SsoFlow.REALM_A;
    }

    /** Creates a verified person in IdP A with the realm's password and these groups; returns their IdP id. */
    private static String createAtIdp(String email, String... groups) {
        Map<String, Object> user = Map.of("username", email, "email", email, "emailVerified", true, "enabled", true,
                "firstName", "Remap", "lastName", "Test", "groups", Arrays.stream(groups).map(g -> "/" + g).toList(),
                "credentials", List.of(Map.of("type", "password", "value", SsoFlow.password(SsoFlow.REALM_A), "temporary", false)));
        given().auth().oauth2(SsoFlow.idpAdminToken()).contentType("application/json").body(user).post(realmAdmin() + "/users")
                .then().statusCode(201);
        return idAtIdp(email);
    }

    private static String idAtIdp(String username) {
        return given().auth().oauth2(SsoFlow.idpAdminToken()).queryParam("username", username).queryParam("exact", true)
                .get(realmAdmin() + "/users").then().statusCode(200).extract().path("[0].id");
    }

    /** Leaves every group and joins {@code groups}, as the IdP's administrator would move someone. */
    private static void setGroupsAtIdp(String userId, String... groups) {
        String admin = SsoFlow.idpAdminToken();
        String userGroups = realmAdmin() + "/users/" + userId + "/groups";
        List<String> current = given().auth().oauth2(admin).get(userGroups).then().statusCode(200).extract().path("id");
        current.forEach(id -> given().auth().oauth2(admin).delete(userGroups + "/" + id).then().statusCode(204));
        for (String group : groups) {
            String groupId = given().auth().oauth2(admin).get(realmAdmin() + "/group-by-path/" + group).then().statusCode(200)
                    .extract().path("id");
            given().auth().oauth2(admin).put(userGroups + "/" + groupId).then().statusCode(204);
        }
    }

    private static void deleteAtIdp(String userId) {
        given().auth().oauth2(SsoFlow.idpAdminToken()).delete(realmAdmin() + "/users/" + userId).then().statusCode(204);
    }

    private static void setEnabledAtIdp(String username, boolean enabled) {
        String users = realmAdmin() + "/users";
        String id = idAtIdp(username);
        given().auth().oauth2(SsoFlow.idpAdminToken()).contentType("application/json").body(Map.of("enabled", enabled)).put(users + "/" + id)
                .then().statusCode(204);
    }
}
