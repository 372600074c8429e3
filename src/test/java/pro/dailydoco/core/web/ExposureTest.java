package pro.dailydoco.core.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import pro.dailydoco.account.Role;
import pro.dailydoco.account.web.SessionCookies;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;
import pro.dailydoco.support.TestTenants;

/**
 * What the public port shows: pages only. Metrics, health and the description of every internal form are on the
 * management interface; pages that carry a session or a CSRF token are never stored by a cache; a CSRF token works
 * only in the session it was issued for.
 */
@QuarkusTest
class ExposureTest {

    // Relative to the management root path (/q).
    @TestHTTPResource(value = "/metrics", management = true)
    URL managementMetrics;

    @TestHTTPResource(value = "/health/ready", management = true)
    URL managementReadiness;

    @Test
    void metricsHealthAndTheOpenApiDocumentAreNotOnThePublicPort() {
        for (String path : new String[] { "/q/metrics", "/q/health", "/q/health/ready", "/q/openapi",
                "/q/openapi?format=json", "/q/swagger-ui", "/q/swagger-ui/" }) {
            int status = given().get(path).statusCode();
            assertEquals(404, status, path + " answers on the public port");
        }
    }

    @Test
    void theManagementPortServesMetricsAndTheLoadBalancersHealthCheck() {
        given().get(managementMetrics).then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
        given().get(managementReadiness).then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Database connections health check")));
    }

    @Test
    void signedInPagesAndPagesWithACsrfTokenAreNeverStored() {
        Response login = new Browser().get("/login");
        assertEquals("no-store", login.getHeader("Cache-Control"), "the sign-in page carries a CSRF token");
        var tenant = TestTenants.create("nostore");
        Browser member = Accounts.signedInMember(tenant, Role.OWNER);
        for (String page : new String[] { "/t/" + tenant.slug + "/", "/account", "/workspaces", "/t/" + tenant.slug + "/no-such-page" }) {
            assertEquals("no-store", member.get(page).getHeader("Cache-Control"), page);
        }
        assertNull(given().get("/css/app.css").getHeader("Strict-Transport-Security"), "http base URL: no HSTS");
    }

    @Test
    void aCsrfCookieAndTokenPlantedFromAnotherBrowserAreRefused() {
        var tenant = TestTenants.create("csrf");
        Browser attacker = Accounts.signedInMember(tenant, Role.MEMBER);
        attacker.get("/account");
        String plantedCookie = attacker.cookie(SessionCookies.CSRF);
        String plantedToken = attacker.csrfToken();

        Browser victim = Accounts.signedInMember(tenant, Role.MEMBER);
        victim.get("/account");
        victim.setCookie(SessionCookies.CSRF, plantedCookie);
        Response answer = victim.request().contentType("application/x-www-form-urlencoded")
                .formParam("_csrf", plantedToken).formParam("displayName", "Planted").post("/account/name");
        assertEquals(403, answer.statusCode(), "a pair from another session must not be accepted");

        Browser anonymous = new Browser();
        anonymous.get("/login");
        victim.setCookie(SessionCookies.CSRF, anonymous.cookie(SessionCookies.CSRF));
        assertEquals(403, victim.request().contentType("application/x-www-form-urlencoded")
                .formParam("_csrf", anonymous.csrfToken()).formParam("displayName", "Planted").post("/account/name")
                .statusCode(), "a pair taken before sign-in must not work in a session");
    }

    @Test
    void signInRotatesTheCsrfCookieAndTheOldTokenStopsWorking() {
        var tenant = TestTenants.create("rotate");
        String email = Accounts.createMember(tenant, Role.MEMBER);
        Browser browser = new Browser();
        browser.get("/login");
        String before = browser.cookie(SessionCookies.CSRF);
        String oldToken = browser.csrfToken();
        assertEquals(303, browser.post("/login", "email", email, "password", Accounts.PASSWORD).statusCode());
        assertNotEquals(before, browser.cookie(SessionCookies.CSRF));
        assertEquals(403, browser.request().contentType("application/x-www-form-urlencoded")
                .formParam("_csrf", oldToken).formParam("displayName", "Old token").post("/account/name").statusCode());
        browser.get("/account");
        assertTrue(browser.post("/account/name", "displayName", "Fresh token").statusCode() < 400);
    }
}
