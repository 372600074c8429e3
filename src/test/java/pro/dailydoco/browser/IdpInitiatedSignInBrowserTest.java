package pro.dailydoco.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import pro.dailydoco.sso.SsoFlow;
import pro.dailydoco.support.KeycloakResource;
import pro.dailydoco.support.TestTenants;
import pro.dailydoco.tenant.Tenant;

/**
 * The "Sign in with SSO" link as a company portal or the IdP uses it, in Chromium against the test Keycloak: OpenID
 * Connect third-party initiated login with {@code iss}, {@code login_hint} and {@code target_link_uri}.
 */
@QuarkusTest
class IdpInitiatedSignInBrowserTest {

    @TestHTTPResource("/")
    URL base;

    private Tenant tenant;

    @AfterEach
    void releaseDomains() {
        SsoFlow.releaseDomains(tenant);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void theLinkWithAHintAndATargetSignsInAtTheIdpAndOpensThatPage() throws Exception {
        KeycloakResource.awaitReady();
        tenant = TestTenants.withPlan("sso-portal", "ENTERPRISE");
        String domain = "portal-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        String issuer = KeycloakResource.issuer(SsoFlow.REALM_A);
        SsoFlow.configure(tenant, issuer, "dailydoco", "secret-idp-a", "{}", false, domain);
        String email = "pat@" + domain;
        SsoFlow.createIdpUser(SsoFlow.REALM_A, email);

        WebDriver browser = RealBrowser.startOnBaseUrl(base);
        try {
            String target = RealBrowser.onBaseUrl("/t/" + tenant.slug + "/projects");
            browser.get(RealBrowser.onBaseUrl("/t/" + tenant.slug + "/sso/start?iss=" + encode(issuer) + "&login_hint="
                    + encode(email) + "&target_link_uri=" + encode(target)));
            waitUntil(browser, d -> d.getCurrentUrl().startsWith(issuer + "/"));
            assertEquals(email, browser.findElement(By.id("username")).getAttribute("value"), "the IdP got the hint");
            RealBrowser.screenshot(browser, "sso-portal-01-hinted");
            browser.findElement(By.id("password")).sendKeys(SsoFlow.password(SsoFlow.REALM_A));
            browser.findElement(By.id("kc-login")).click();
            waitUntil(browser, d -> d.getCurrentUrl().equals(target));
            assertTrue(browser.getCurrentUrl().endsWith("/t/" + tenant.slug + "/projects"), browser.getCurrentUrl());

            // A link naming another IdP is not followed: the browser stays with us, on a page saying why.
            browser.get(RealBrowser.onBaseUrl("/t/" + tenant.slug + "/sso/start?iss=" + encode(KeycloakResource.issuer("idp-b"))));
            assertTrue(browser.getCurrentUrl().startsWith(RealBrowser.onBaseUrl("/t/")), browser.getCurrentUrl());
            assertTrue(browser.findElement(By.tagName("body")).getText().contains("not for this workspace"));
        } finally {
            browser.quit();
        }
    }

    private static void waitUntil(WebDriver browser, java.util.function.Function<WebDriver, Boolean> condition) {
        new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(WebDriverException.class).until(condition);
    }
}
