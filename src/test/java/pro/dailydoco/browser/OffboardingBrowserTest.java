package pro.dailydoco.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import pro.dailydoco.mail.MailSender;
import pro.dailydoco.sso.SsoFlow;
import pro.dailydoco.support.KeycloakResource;
import pro.dailydoco.support.TestTenants;
import pro.dailydoco.tenant.Tenant;

/**
 * The end of an employee's life, in Chromium against the test Keycloak: the IT admin disables the person at the IdP
 * and signs out their sessions there; Keycloak posts a back-channel logout token to the workspace; the person's
 * DailyDoco session is gone, and "Forgot password" gives them no password.
 */
@QuarkusTest
class OffboardingBrowserTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    MockMailbox mailbox;

    @Inject
    MailSender mailSender;

    private Tenant tenant;

    @AfterEach
    void releaseDomains() {
        SsoFlow.releaseDomains(tenant);
    }

    @Test
    void aPersonDeprovisionedAtTheIdpLosesTheirSessionAndGetsNoPassword() throws Exception {
        KeycloakResource.awaitReady();
        tenant = TestTenants.withPlan("offboard", "ENTERPRISE");
        String domain = "off-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        String clientId = "dailydoco-" + tenant.slug;
        // Keycloak runs beside the app: it posts to the port the app under test listens on.
        SsoFlow.createClient(SsoFlow.REALM_A, clientId, "secret-" + tenant.slug,
                "http://127.0.0.1:" + base.getPort() + "/t/" + tenant.slug + "/sso/backchannel-logout");
        SsoFlow.configure(tenant, KeycloakResource.issuer(SsoFlow.REALM_A), clientId, "secret-" + tenant.slug, "{}", false, domain);
        String email = "leaver@" + domain;
        SsoFlow.createIdpUser(SsoFlow.REALM_A, email);

        WebDriver browser = RealBrowser.startOnBaseUrl(base);
        try {
            browser.get(RealBrowser.onBaseUrl("/t/" + tenant.slug + "/sso"));
            waitUntil(browser, d -> d.getCurrentUrl().startsWith(KeycloakResource.issuer(SsoFlow.REALM_A)));
            browser.findElement(By.id("username")).sendKeys(email);
            browser.findElement(By.id("password")).sendKeys(SsoFlow.password(SsoFlow.REALM_A));
            browser.findElement(By.id("kc-login")).click();
            waitUntil(browser, d -> d.getCurrentUrl().equals(RealBrowser.onBaseUrl("/t/" + tenant.slug + "/")));
            assertEquals(tenant.displayName, browser.findElement(By.cssSelector("h1")).getText());

            SsoFlow.disableAndSignOut(SsoFlow.REALM_A, email);

            // Keycloak's logout token reached the app: the next page view finds no session.
            new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(WebDriverException.class).until(d -> {
                d.get(RealBrowser.onBaseUrl("/t/" + tenant.slug + "/"));
                return !d.findElement(By.tagName("body")).getText().contains(tenant.displayName);
            });
            RealBrowser.screenshot(browser, "offboarding-01-session-gone");
            assertTrue(SsoFlow.audit(tenant, "sso.back-channel-logout").stream().anyMatch(e -> e.startsWith("SUCCESS")),
                    "the workspace's audit log says why the session ended");

            // And "Forgot password" hands them nothing: the same answer on the page, a pointer to SSO in the mail.
            browser.get(RealBrowser.onBaseUrl("/forgot-password"));
            browser.findElement(By.id("email")).sendKeys(email);
            RealBrowser.submit(browser, By.cssSelector("form[action='/forgot-password'] button[type=submit]"));
            assertTrue(browser.findElement(By.tagName("body")).getText().contains("If an account exists for that address"));
            mailSender.sendDueNow();
            List<Mail> mails = mailbox.getMailsSentTo(email);
            assertEquals(1, mails == null ? 0 : mails.size(), "one mail");
            assertFalse(mails.get(0).getText().contains("/reset-password?token="), mails.get(0).getText());
            assertTrue(mails.get(0).getText().contains("/t/" + tenant.slug + "/sso"), mails.get(0).getText());
        } finally {
            browser.quit();
        }
    }

    private static void waitUntil(WebDriver browser, java.util.function.Function<WebDriver, Boolean> condition) {
        new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(WebDriverException.class).until(condition);
    }
}
