package pro.dailydoco.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import pro.dailydoco.account.secondfactor.AuthenticatorApp;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.TestClock;

/**
 * In Chromium: set up two-step sign-in on the account page with a code computed from the key the page shows (RFC
 * 6238), sign out, and sign in again with the password and a fresh code.
 */
@QuarkusTest
class TwoStepSignInBrowserTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    TestClock clock;

    @AfterEach
    void realTimeAgain() {
        clock.reset();
    }

    private String url(String path) {
        return base.toString().replaceAll("/$", "") + path;
    }

    @Test
    void setUpOnTheAccountPageThenSignInWithPasswordAndCode() throws Exception {
        WebDriver browser = RealBrowser.start();
        try {
            String email = Accounts.uniqueEmail("browser-2fa");
            browser.get(url("/signup"));
            browser.findElement(By.id("email")).sendKeys(email);
            browser.findElement(By.id("password")).sendKeys(Accounts.PASSWORD);
            browser.findElement(By.id("workspaceName")).sendKeys("Two-step Docs");
            RealBrowser.submit(browser, By.cssSelector("form[action='/signup'] button[type=submit]"));
            String workspace = browser.getCurrentUrl().replaceFirst("^https?://[^/]+", "");

            browser.get(url("/account"));
            RealBrowser.submit(browser, By.id("start-two-step"));
            assertTrue(browser.getCurrentUrl().endsWith("/account/two-factor#set-up"), browser.getCurrentUrl());
            WebElement qr = browser.findElement(By.cssSelector(".qr-code svg"));
            assertTrue(qr.getSize().getWidth() >= 150, "the QR code is drawn large enough to scan");
            String key = browser.findElement(By.id("totp-secret")).getText().replace(" ", "");
            assertTrue(key.matches("[A-Z2-7]{32}"), key);
            AuthenticatorApp app = new AuthenticatorApp(key);

            // On a phone-sized screen the set-up page fits its width.
            browser.manage().window().setSize(new Dimension(390, 844));
            browser.navigate().refresh();
            assertTrue((Boolean) ((JavascriptExecutor) browser).executeScript(
                    "return document.documentElement.scrollWidth <= window.innerWidth;"), "no sideways scrolling on a phone");
            RealBrowser.screenshot(browser, "2fa-01-set-up-phone");
            browser.manage().window().setSize(new Dimension(1280, 900));

            WebElement code = browser.findElement(By.id("code"));
            assertEquals("one-time-code", code.getAttribute("autocomplete"));
            assertEquals("numeric", code.getAttribute("inputmode"));
            code.sendKeys(app.nextCode());
            RealBrowser.submit(browser, By.cssSelector("#confirm-second-factor button[type=submit]"));
            List<WebElement> recoveryCodes = browser.findElements(By.cssSelector("ol.recovery-codes code"));
            assertEquals(10, recoveryCodes.size());
            assertTrue(browser.findElement(By.cssSelector(".flash.success")).getText().contains("Two-step sign-in is on"));
            RealBrowser.screenshot(browser, "2fa-02-recovery-codes");

            RealBrowser.submit(browser, By.cssSelector("form[action='/logout'] button[type=submit]"));
            assertTrue(browser.getCurrentUrl().endsWith("/login"), browser.getCurrentUrl());

            browser.findElement(By.id("email")).sendKeys(email);
            RealBrowser.submit(browser, By.cssSelector("form[action='/login/email'] button[type=submit]"));
            browser.findElement(By.id("password")).sendKeys(Accounts.PASSWORD);
            RealBrowser.submit(browser, By.cssSelector("form[action='/login'] button[type=submit]"));
            assertTrue(browser.getCurrentUrl().endsWith("/login/second-step"), browser.getCurrentUrl());
            assertEquals(browser.findElement(By.id("code")), browser.switchTo().activeElement(), "focus on the code");
            RealBrowser.screenshot(browser, "2fa-03-second-step");
            browser.findElement(By.id("code")).sendKeys(app.nextCode());
            RealBrowser.submit(browser, By.cssSelector("#second-step-code button[type=submit]"));

            // Signed in: the workspace list sends a person with one workspace straight into it.
            assertTrue(browser.getCurrentUrl().endsWith(workspace), browser.getCurrentUrl() + " is not " + workspace);
            assertEquals("Two-step Docs", browser.findElement(By.cssSelector("h1")).getText());
            browser.get(url("/account/two-factor"));
            assertTrue(browser.findElement(By.id("second-factor-on")).getText().contains("10 recovery codes left"));
            RealBrowser.screenshot(browser, "2fa-04-signed-in");
        } finally {
            browser.quit();
        }
    }
}
