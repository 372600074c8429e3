package pro.dailydoco.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import pro.dailydoco.sso.SsoFlow;
import pro.dailydoco.support.KeycloakResource;
import pro.dailydoco.support.TestTenants;
import pro.dailydoco.tenant.Tenant;

/**
 * Single sign-on in Chromium against the test Keycloak, on the configured base URL: the page's
 * {@code Content-Security-Policy} and cookie limits apply as they do for people (a redirect to another origin after a
 * form POST is refused under {@code form-action 'self'}; a cookie over 4 KB is dropped).
 */
@QuarkusTest
class SsoBrowserTest {

    private static final Duration NAVIGATION = Duration.ofSeconds(15);

    @TestHTTPResource("/")
    URL base;

    private Tenant tenant;

    @AfterEach
    void releaseDomains() {
        SsoFlow.releaseDomains(tenant);
    }

    /** A workspace with SSO at realm A, its own email domain, and one person at the IdP in that domain. */
    private String workspaceWithSsoAndAPerson() {
        KeycloakResource.awaitReady();
        tenant = TestTenants.withPlan("sso-browser", "ENTERPRISE");
        String domain = "br-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        SsoFlow.configure(tenant, KeycloakResource.issuer(SsoFlow.REALM_A), "dailydoco", "secret-idp-a", "{}", false, domain);
        String email = "pat@" + domain;
        SsoFlow.createIdpUser(SsoFlow.REALM_A, email);
        return email;
    }

    @Test
    void emailFirstSignInGoesThroughTheIdpIntoTheWorkspace() throws Exception {
        String email = workspaceWithSsoAndAPerson();
        WebDriver browser = RealBrowser.startOnBaseUrl(base);
        try {
            browser.get(RealBrowser.onBaseUrl("/login"));
            browser.findElement(By.id("email")).sendKeys(email);
            browser.findElement(By.cssSelector("form[action='/login/email'] button[type=submit]")).click();
            assertTrue(arrivesAt(browser, KeycloakResource.issuer(SsoFlow.REALM_A) + "/"),
                    "the browser goes on to the IdP's sign-in page, but stays at " + browser.getCurrentUrl());
            typeIdpPassword(browser, email);
            assertInWorkspace(browser);
            RealBrowser.screenshot(browser, "sso-01-email-first");
        } finally {
            browser.quit();
        }
    }

    @Test
    void signingOutEndsTheSessionAtTheIdpWithoutAQuestion() throws Exception {
        String email = workspaceWithSsoAndAPerson();
        WebDriver browser = RealBrowser.startOnBaseUrl(base);
        try {
            signInThroughSso(browser, email);
            browser.findElement(By.cssSelector("form[action='/logout'] button[type=submit]")).click();
            assertTrue(arrivesAt(browser, RealBrowser.onBaseUrl("/login")),
                    "the IdP signs the person out and sends them back to our sign-in page; the browser is at "
                            + browser.getCurrentUrl());
            assertTrue(browser.findElement(By.cssSelector(".flash")).getText().contains("You are signed out"));
            RealBrowser.screenshot(browser, "sso-02-signed-out");

            // The IdP's session ended too: the next SSO sign-in asks for the password again.
            browser.get(RealBrowser.onBaseUrl("/t/" + tenant.slug + "/sso"));
            assertTrue(arrivesAt(browser, KeycloakResource.issuer(SsoFlow.REALM_A) + "/"),
                    "the IdP asks who this is, but the browser is at " + browser.getCurrentUrl());
            assertTrue(browser.findElement(By.id("password")).isDisplayed(), "the IdP's password field");
        } finally {
            browser.quit();
        }
    }

    @Test
    void aSecondSingleSignOnWithinFiveMinutesSucceedsAndNoTokenStaysInACookie() throws Exception {
        String email = workspaceWithSsoAndAPerson();
        WebDriver browser = RealBrowser.startOnBaseUrl(base);
        try {
            signInThroughSso(browser, email);

            // Straight away (the IdP still knows the person, so it asks nothing): signed in again.
            browser.get(RealBrowser.onBaseUrl("/t/" + tenant.slug + "/sso"));
            assertInWorkspace(browser);
            assertEquals(List.of(), oidcCookies(browser), "quarkus-oidc's cookies once our own session exists");
        } finally {
            browser.quit();
        }
    }

    private void signInThroughSso(WebDriver browser, String email) {
        browser.get(RealBrowser.onBaseUrl("/t/" + tenant.slug + "/sso"));
        assertTrue(arrivesAt(browser, KeycloakResource.issuer(SsoFlow.REALM_A) + "/"), browser.getCurrentUrl());
        typeIdpPassword(browser, email);
        assertInWorkspace(browser);
    }

    private static void typeIdpPassword(WebDriver browser, String email) {
        browser.findElement(By.id("username")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(SsoFlow.password(SsoFlow.REALM_A));
        browser.findElement(By.id("kc-login")).click();
    }

    private void assertInWorkspace(WebDriver browser) {
        String workspace = RealBrowser.onBaseUrl("/t/" + tenant.slug + "/");
        assertTrue(arrivesAt(browser, workspace), "expected " + workspace + ", the browser is at " + browser.getCurrentUrl()
                + ": " + browser.findElement(By.tagName("body")).getText());
        assertEquals(tenant.displayName, browser.findElement(By.cssSelector("h1")).getText());
    }

    /** Waits (with a deadline) until the browser shows a loaded page whose address starts with {@code prefix}. */
    private static boolean arrivesAt(WebDriver browser, String prefix) {
        try {
            new WebDriverWait(browser, NAVIGATION).ignoring(WebDriverException.class).until(d -> d.getCurrentUrl().startsWith(prefix)
                    && "complete".equals(((ChromeDriver) d).executeScript("return document.readyState")));
            return true;
        } catch (org.openqa.selenium.TimeoutException e) {
            return false;
        }
    }

    /** Every cookie the browser holds, for any host and path, whose name is one of quarkus-oidc's session cookies. */
    @SuppressWarnings("unchecked")
    private static List<String> oidcCookies(WebDriver browser) {
        Map<String, Object> all = ((ChromeDriver) browser).executeCdpCommand("Network.getAllCookies", Map.of());
        return ((List<Map<String, Object>>) all.get("cookies")).stream().map(c -> (String) c.get("name"))
                .filter(name -> name.startsWith("q_session")).toList();
    }
}
