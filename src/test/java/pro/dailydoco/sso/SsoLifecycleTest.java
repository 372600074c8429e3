package pro.dailydoco.sso;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.oidc.OidcTenantConfig;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import pro.dailydoco.support.Browser;
import pro.dailydoco.support.KeycloakResource;
import pro.dailydoco.support.TestTenants;
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
            assertEquals(303, browser.get("/t/" + tenant.slug + "/").statusCode(), "not signed in");
        } finally {
            setEnabledAtIdp("gone@a.example", true);
        }
    }

    /** Keycloak's admin API, as the IdP's administrator would deprovision someone. */
    private static void setEnabledAtIdp(String username, boolean enabled) {
        String admin = SsoFlow.idpAdminToken();
        String users = KeycloakResource.baseUrl() + "/admin/realms/" + SsoFlow.REALM_A + "/users";
        String id = given().auth().oauth2(admin).queryParam("username", username).queryParam("exact", true).get(users)
                .then().statusCode(200).extract().path("[0].id");
        given().auth().oauth2(admin).contentType("application/json").body(Map.of("enabled", enabled)).put(users + "/" + id)
                .then().statusCode(204);
    }
}
