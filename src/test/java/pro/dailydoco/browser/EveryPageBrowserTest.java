package pro.dailydoco.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.UnhandledAlertException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import pro.dailydoco.account.Role;
import pro.dailydoco.demo.DemoReferralNetwork;
import pro.dailydoco.mail.MailSender;
import pro.dailydoco.pages.SitePages;
import pro.dailydoco.pages.SitePages.Page;
import pro.dailydoco.pages.SitePages.Who;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.TestTenants;
import pro.dailydoco.tenant.Tenant;

/**
 * Every page, for every kind of visitor, in four modes (light and dark, desktop and a 390 px phone): no serious or
 * critical axe-core violation (WCAG 2.0/2.1 A and AA rules), no sideways scroll, no console error, no asset answered
 * with 4xx/5xx. One signed-in browser per kind of visitor; the modes are switched through Chrome DevTools' emulation,
 * not by signing in again (docs/decisions/0175-every-page-in-four-modes.md).
 */
@QuarkusTest
class EveryPageBrowserTest {

    private static final String AXE = "/META-INF/resources/webjars/axe-core/4.6.3/axe.min.js";

    record Mode(String name, String colorScheme, int width, int height, boolean mobile) {
    }

    static final List<Mode> MODES = List.of(new Mode("light desktop", "light", 1280, 900, false),
            new Mode("dark desktop", "dark", 1280, 900, false), new Mode("light 390px", "light", 390, 844, true),
            new Mode("dark 390px", "dark", 390, 844, true));

    private static SitePages.World world;
    private static String axeSource;

    @TestHTTPResource("/")
    URL base;
    @Inject
    DemoReferralNetwork network;
    @Inject
    MailSender mailSender;
    @Inject
    MockMailbox mailbox;

    private String url(String path) {
        return base.toString().replaceAll("/$", "") + path;
    }

    @BeforeEach
    void seedOnce() throws IOException {
        if (world != null) {
            return;
        }
        try (InputStream axe = EveryPageBrowserTest.class.getResourceAsStream(AXE)) {
            axeSource = new String(axe.readAllBytes(), StandardCharsets.UTF_8);
        }
        world = SitePages.seed(network, mailSender, mailbox);
    }

    @Test
    void everyPageInFourModesHasNoSeriousViolationNoSidewaysScrollNoConsoleOrAssetError() throws Exception {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Who who : Who.values()) {
            WebDriver browser = RealBrowser.startRecordingConsole();
            try {
                if (who != Who.SIGNED_OUT) {
                    signIn(browser, world.emails().get(who));
                }
                for (Mode mode : MODES) {
                    emulate(browser, mode);
                    for (Page page : world.of(who)) {
                        problems.addAll(check(browser, who, mode, page));
                        checked++;
                    }
                }
            } finally {
                browser.quit();
            }
        }
        assertEquals(world.pages().size() * MODES.size(), checked);
        assertEquals(List.of(), problems, problems.size() + " problems on " + checked + " page visits");
    }

    /** On a phone the header is one line with a menu button; the button opens the menu and says so (aria-expanded). */
    @Test
    void onAPhoneTheHeaderHasAMenuButton() throws Exception {
        WebDriver browser = RealBrowser.startRecordingConsole();
        try {
            signIn(browser, world.emails().get(Who.ADMIN));
            emulate(browser, MODES.get(2));
            browser.get(url("/t/" + world.slug() + "/"));
            WebElement button = browser.findElement(By.cssSelector("header button[aria-controls]"));
            assertTrue(button.isDisplayed(), "a menu button on a phone");
            assertEquals("false", button.getAttribute("aria-expanded"));
            WebElement team = browser.findElement(By.cssSelector("header a[href$='/members']"));
            assertFalse(team.isDisplayed(), "the menu is closed");
            long headerHeight = (Long) ((JavascriptExecutor) browser)
                    .executeScript("return Math.round(document.querySelector('header').getBoundingClientRect().height);");
            assertTrue(headerHeight <= 72, "the closed header is one line: " + headerHeight + " px");
            button.click();
            assertEquals("true", button.getAttribute("aria-expanded"));
            assertTrue(team.isDisplayed(), "the menu is open");
            RealBrowser.screenshot(browser, "phone-menu-open");
            emulate(browser, MODES.get(0));
            browser.get(url("/t/" + world.slug() + "/"));
            assertFalse(browser.findElement(By.cssSelector("header button[aria-controls]")).isDisplayed(),
                    "no menu button on a desktop");
            assertTrue(browser.findElement(By.cssSelector("header a[href$='/members']")).isDisplayed());
        } finally {
            browser.quit();
        }
    }

    /** Removing a member asks in an in-page dialog (no native confirm()); Cancel keeps them, confirming removes them. */
    @Test
    void removingAMemberAsksInAnAccessibleDialog() throws Exception {
        Tenant team = TestTenants.withPlan("dialog", "TEAM");
        String owner = Accounts.createMember(team, Role.OWNER);
        String member = Accounts.createMember(team, Role.MEMBER);
        WebDriver browser = RealBrowser.startRecordingConsole();
        try {
            signIn(browser, owner);
            browser.get(url("/t/" + team.slug + "/members"));
            By remove = By.xpath("//tr[td[contains(., '" + member + "')]]//button[starts-with(normalize-space(.), 'Remove')]");
            browser.findElement(remove).click();
            WebElement dialog;
            try {
                dialog = browser.findElement(By.cssSelector("dialog[open]"));
            } catch (UnhandledAlertException e) {
                throw new AssertionError("a native confirm() dialog opened: " + e.getAlertText(), e);
            }
            assertTrue(dialog.getText().contains("Remove Test Member from this workspace?"), dialog.getText());
            assertEquals(dialog.findElement(By.cssSelector("button[value=cancel]")), browser.switchTo().activeElement(),
                    "focus starts on Cancel, the safe choice");
            dialog.findElement(By.cssSelector("button[value=cancel]")).click();
            assertTrue(browser.findElements(By.cssSelector("dialog[open]")).isEmpty(), "Cancel closes the dialog");
            assertTrue(browser.getPageSource().contains(member), "and keeps the member");

            browser.findElement(remove).click();
            JavascriptExecutor js = (JavascriptExecutor) browser;
            js.executeScript("window.__ddSubmitted = true;");
            browser.findElement(By.cssSelector("dialog[open] button[value=confirm]")).click();
            new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> Boolean.TRUE.equals(
                    js.executeScript("return window.__ddSubmitted !== true && document.readyState === 'complete';")));
            assertTrue(browser.findElement(By.cssSelector(".flash.success")).getText().contains("Member removed"));
            assertFalse(browser.getPageSource().contains(member), "the member is gone");
        } finally {
            browser.quit();
        }
    }

    private void signIn(WebDriver browser, String email) {
        browser.get(url("/login"));
        browser.findElement(By.id("email")).sendKeys(email);
        RealBrowser.submit(browser, By.cssSelector("form[action='/login/email'] button[type=submit]"));
        browser.findElement(By.id("password")).sendKeys(Accounts.PASSWORD);
        RealBrowser.submit(browser, By.cssSelector("form[action='/login'] button[type=submit]"));
        assertFalse(browser.getCurrentUrl().contains("/login"), "signed in as " + email + ": " + browser.getCurrentUrl());
    }

    private static void emulate(WebDriver browser, Mode mode) {
        ChromeDriver chrome = (ChromeDriver) browser;
        chrome.executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", mode.colorScheme()))));
        chrome.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", mode.width(), "height",
                mode.height(), "deviceScaleFactor", 1, "mobile", mode.mobile()));
    }

    @SuppressWarnings("unchecked")
    private List<String> check(WebDriver browser, Who who, Mode mode, Page page) {
        String where = who + " " + mode.name() + " " + page.path();
        List<String> problems = new ArrayList<>();
        browser.manage().logs().get(LogType.BROWSER); // drop what the previous page logged
        browser.get(url(page.path()));
        JavascriptExecutor js = (JavascriptExecutor) browser;
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(d -> "complete".equals(js.executeScript("return document.readyState;")));
        if (!browser.getCurrentUrl().endsWith(page.path())) {
            problems.add(where + ": ended on " + browser.getCurrentUrl());
        }
        boolean sideways = (Boolean) js.executeScript(
                "var e = document.scrollingElement; return e.scrollWidth > e.clientWidth;");
        if (sideways) {
            problems.add(where + ": scrolls sideways (" + js.executeScript(
                    "var e = document.scrollingElement, width = e.clientWidth;"
                            + "return e.scrollWidth + ' > ' + width + ' px; too wide: ' + Array.from(document.querySelectorAll('body *'))"
                            + ".filter(function (x) { if (x.getBoundingClientRect().right <= width + 1) { return false; }"
                            + " for (var p = x.parentElement; p && p !== document.body; p = p.parentElement) {"
                            + " if (getComputedStyle(p).overflowX !== 'visible') { return false; } } return true; })"
                            + ".slice(0, 4).map(function (x) { return x.tagName + (x.id ? '#' + x.id : '')"
                            + " + (typeof x.className === 'string' && x.className ? '.' + x.className : ''); }).join(', ');") + ")");
        }
        List<Object> failedAssets = (List<Object>) js.executeScript(
                "return performance.getEntriesByType('resource').filter(function (r) { return r.responseStatus >= 400; })"
                        + ".map(function (r) { return r.name + ' ' + r.responseStatus; });");
        failedAssets.forEach(asset -> problems.add(where + ": asset " + asset));
        js.executeScript(axeSource);
        Map<String, Object> result = (Map<String, Object>) ((JavascriptExecutor) browser).executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                        + "axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },"
                        + " resultTypes: ['violations'] }).then(function (r) { done({ violations: r.violations.map(function (v) {"
                        + " return { id: v.id, impact: v.impact, help: v.help, targets: v.nodes.filter(function (n) {"
                        + " return n.impact === 'serious' || n.impact === 'critical'; }).slice(0, 5).map(function (n) {"
                        + " return n.target.join(' ') + ' ' + (n.failureSummary || '').replace(/\\s+/g, ' ').slice(0, 160); }) }; }) }); },"
                        + " function (e) { done({ error: String(e) }); });");
        if (result.get("error") != null) {
            problems.add(where + ": axe failed: " + result.get("error"));
        } else {
            for (Map<String, Object> violation : (List<Map<String, Object>>) result.get("violations")) {
                List<Object> targets = (List<Object>) violation.get("targets");
                if (!targets.isEmpty()) {
                    problems.add(where + ": axe " + violation.get("id") + " (" + violation.get("impact") + ", "
                            + violation.get("help") + ") at " + targets);
                }
            }
        }
        for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()) {
                problems.add(where + ": console " + entry.getMessage());
            }
        }
        return problems;
    }
}
