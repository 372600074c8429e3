package pro.dailydoco.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import pro.dailydoco.account.Role;
import pro.dailydoco.mail.MailSender;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.TestTenants;
import pro.dailydoco.tenant.Tenant;

/** In a real browser: sign up; an admin invites a teammate, who follows the mailed link, joins and sees the workspace. */
@QuarkusTest
class TeamJourneyBrowserTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    MockMailbox mailbox;

    @Inject
    MailSender mailSender;

    private String url(String path) {
        return base.toString().replaceAll("/$", "") + path;
    }

    @Test
    void signUpThenInviteATeammateWhoJoinsTheSameWorkspace() throws Exception {
        WebDriver browser = RealBrowser.start();
        try {
            // A newcomer signs up and lands in their own workspace.
            String founder = Accounts.uniqueEmail("browser-founder");
            browser.get(url("/signup"));
            browser.findElement(By.id("email")).sendKeys(founder);
            browser.findElement(By.id("password")).sendKeys(Accounts.PASSWORD);
            browser.findElement(By.id("workspaceName")).sendKeys("Browser Docs");
            RealBrowser.submit(browser, By.cssSelector("form[action='/signup'] button[type=submit]"));
            assertEquals("Browser Docs", browser.findElement(By.cssSelector("h1")).getText());
            assertTrue(browser.getPageSource().contains("We sent a confirmation link"));
            RealBrowser.screenshot(browser, "01-signed-up");

            // An admin of a Team workspace signs in and invites a teammate.
            Tenant team = TestTenants.withPlan("browser-team", "TEAM");
            String admin = Accounts.createMember(team, Role.ADMIN);
            browser.manage().deleteAllCookies();
            browser.get(url("/login"));
            browser.findElement(By.id("email")).sendKeys(admin);
            RealBrowser.submit(browser, By.cssSelector("form[action='/login/email'] button[type=submit]"));
            assertEquals(admin, browser.findElement(By.id("email")).getAttribute("value"), "step 2 keeps the email");
            assertEquals(browser.findElement(By.id("password")), browser.switchTo().activeElement(), "focus on the password");
            browser.findElement(By.id("password")).sendKeys(Accounts.PASSWORD);
            RealBrowser.submit(browser, By.cssSelector("form[action='/login'] button[type=submit]"));
            browser.get(url("/t/" + team.slug + "/members"));
            String teammate = Accounts.uniqueEmail("browser-teammate");
            browser.findElement(By.id("email")).sendKeys(teammate);
            new Select(browser.findElement(By.id("invite-role"))).selectByValue("MEMBER");
            RealBrowser.submit(browser, By.cssSelector("form[action$='/members/invitations'] button[type=submit]"));
            assertTrue(browser.findElement(By.cssSelector(".flash.success")).getText().contains("Invitation sent to " + teammate));
            RealBrowser.screenshot(browser, "02-invitation-sent");

            // The teammate opens the mailed link in their own browser session and creates an account.
            mailSender.sendDueNow();
            List<Mail> mails = mailbox.getMailsSentTo(teammate);
            String link = mails.get(mails.size() - 1).getText().lines().filter(l -> l.contains("/invitations/"))
                    .findFirst().orElseThrow().trim().replaceFirst("^https?://[^/]+", "");
            browser.manage().deleteAllCookies();
            browser.get(url(link));
            browser.findElement(By.id("displayName")).sendKeys("Tess Teammate");
            browser.findElement(By.id("password")).sendKeys(Accounts.PASSWORD);
            RealBrowser.submit(browser, By.cssSelector("form[action$='/register'] button[type=submit]"));
            assertEquals(team.displayName, browser.findElement(By.cssSelector("h1")).getText());
            assertTrue(browser.findElement(By.cssSelector(".flash.success")).getText().contains("Welcome to " + team.displayName));
            RealBrowser.screenshot(browser, "03-teammate-joined");
        } finally {
            browser.quit();
        }
    }
}
