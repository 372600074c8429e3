package pro.dailydoco.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import pro.dailydoco.billing.TestPayments;
import pro.dailydoco.billing.events.Plan;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.tenant.Tenant;

/**
 * In a real browser: a referrer copies their link; a newcomer signs up through it in a fresh session; their
 * workspace pays for Team ($99, signed webhooks); the referrer's dashboard shows the conversion and 20 % pending.
 */
@QuarkusTest
class ReferralJourneyBrowserTest {

    @TestHTTPResource("/")
    URL base;

    private String url(String path) {
        return base.toString().replaceAll("/$", "") + path;
    }

    @Test
    void referrerCopiesLinkNewcomerSignsUpAndPaysReferrerSeesPendingCommission() throws Exception {
        WebDriver browser = RealBrowser.start();
        try {
            String referrerSlug = signUp(browser, Accounts.uniqueEmail("browser-referrer"), "Referrer Docs");
            browser.get(url("/t/" + referrerSlug + "/referrals"));
            assertTrue(browser.getPageSource().contains("Nobody has joined through your link yet"));
            browser.findElement(By.id("copy-link")).click();
            new WebDriverWait(browser, Duration.ofSeconds(10)).until(
                    ExpectedConditions.textToBePresentInElementLocated(By.id("share-status"), "Link copied"));
            String link = browser.findElement(By.id("referral-link")).getAttribute("value");
            assertTrue(link.contains("/r/"), link);
            RealBrowser.screenshot(browser, "referral-01-link-copied");

            // A newcomer opens the link in a fresh session and signs up.
            browser.manage().deleteAllCookies();
            browser.get(url(link.replaceFirst("^https?://[^/]+", "")));
            String newcomerSlug = signUpOnCurrentPage(browser, Accounts.uniqueEmail("browser-newcomer"), "Newcomer Docs");
            RealBrowser.screenshot(browser, "referral-02-newcomer-signed-up");

            // Their workspace pays for Team through signed Stripe webhooks.
            Tenant newcomer = QuarkusTransaction.requiringNew().call(() -> Tenant.findBySlug(newcomerSlug).orElseThrow());
            TestPayments.payFirstInvoice(newcomer, Plan.TEAM);

            // The referrer signs back in and sees the conversion and the pending commission.
            browser.manage().deleteAllCookies();
            browser.get(url("/login"));
            browser.findElement(By.id("email")).sendKeys(referrerEmail);
            RealBrowser.submit(browser, By.cssSelector("form[action='/login/email'] button[type=submit]"));
            assertEquals(referrerEmail, browser.findElement(By.id("email")).getAttribute("value"), "step 2 keeps the email");
            browser.findElement(By.id("password")).sendKeys(Accounts.PASSWORD);
            RealBrowser.submit(browser, By.cssSelector("form[action='/login'] button[type=submit]"));
            browser.get(url("/t/" + referrerSlug + "/referrals"));
            assertEquals("1", browser.findElement(By.id("count-signups")).getText());
            assertEquals("1", browser.findElement(By.id("count-paying")).getText());
            assertEquals("$19.80", browser.findElement(By.id("balance-pending")).getText(), "20 % of $99");
            // The history is a section opened on demand: htmx fetches it in place.
            browser.findElement(By.cssSelector("#section-history a[hx-get]")).click();
            new WebDriverWait(browser, Duration.ofSeconds(10)).until(
                    ExpectedConditions.presenceOfElementLocated(By.id("referral-history")));
            assertTrue(browser.findElement(By.id("referral-history")).getText().contains("level 1, rate 20 %"));
            RealBrowser.screenshot(browser, "referral-03-referrer-sees-commission");
        } finally {
            browser.quit();
        }
    }

    private String referrerEmail;

    private String signUp(WebDriver browser, String email, String workspace) {
        referrerEmail = email;
        browser.get(url("/signup"));
        return signUpOnCurrentPage(browser, email, workspace);
    }

    private String signUpOnCurrentPage(WebDriver browser, String email, String workspace) {
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(Accounts.PASSWORD);
        browser.findElement(By.id("workspaceName")).sendKeys(workspace);
        RealBrowser.submit(browser, By.cssSelector("form[action='/signup'] button[type=submit]"));
        assertEquals(workspace, browser.findElement(By.cssSelector("h1")).getText());
        return browser.getCurrentUrl().replaceAll("^.*/t/([^/]+)/?$", "$1");
    }
}
