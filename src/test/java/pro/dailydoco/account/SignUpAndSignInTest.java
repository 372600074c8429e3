package pro.dailydoco.account;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import pro.dailydoco.account.web.SessionCookies;
import pro.dailydoco.mail.MailSender;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;

@QuarkusTest
class SignUpAndSignInTest {

    @Inject
    MockMailbox mailbox;

    @Inject
    MailSender mailSender;

    static String linkIn(Mail mail, String pathPrefix) {
        return mail.getText().lines().filter(l -> l.contains(pathPrefix)).findFirst().orElseThrow()
                .trim().replaceFirst("^https?://[^/]+", "");
    }

    Mail lastMailTo(String email) {
        mailSender.sendDueNow();
        List<Mail> mails = mailbox.getMailsSentTo(email);
        assertTrue(mails != null && !mails.isEmpty(), "a mail was sent to " + email);
        return mails.get(mails.size() - 1);
    }

    @Test
    void signUpCreatesAWorkspaceOwnedByTheNewUserAndSignsThemIn() {
        Browser browser = new Browser();
        String email = Accounts.uniqueEmail("Founder");
        String slug = Accounts.signUp(browser, "  " + email.toUpperCase() + " ", "Founder Docs");
        assertTrue(slug.startsWith("founder-docs"), slug);
        browser.get("/t/" + slug + "/").then().statusCode(200).body(containsString("Founder Docs"));
        User user = Accounts.user(email);
        assertEquals(email.toLowerCase(), user.email);
        assertNotEquals(Accounts.PASSWORD, user.passwordHash);
        assertTrue(user.passwordHash.startsWith("$2"), "bcrypt hash");
        assertNull(user.emailVerifiedAt);
        Mail mail = lastMailTo(email.toLowerCase());
        assertTrue(mail.getText().contains("http://localhost:8080/verify-email?token="), "link from the configured base URL");
    }

    @Test
    void emailIsUniqueAcrossThePlatform() {
        String email = Accounts.uniqueEmail("twice");
        Accounts.signUp(new Browser(), email, "First");
        Browser other = new Browser();
        other.get("/signup");
        other.post("/signup", "email", email, "password", Accounts.PASSWORD, "workspaceName", "Second")
                .then().statusCode(400).body(containsString("An account with this email already exists"));
    }

    @Test
    void weakPasswordAndMissingFieldsAreExplainedBesideTheFields() {
        Browser browser = new Browser();
        browser.get("/signup");
        Response response = browser.post("/signup", "email", "not-an-email", "password", "short", "workspaceName", "");
        response.then().statusCode(400);
        var page = Browser.html(response);
        assertEquals("Enter an email address like name@example.com.", page.selectFirst("#email-error").text());
        assertEquals("Use at least 10 characters for your password.", page.selectFirst("#password-error").text());
        assertNotNull(page.selectFirst("#workspaceName-error"));
        assertEquals("true", page.selectFirst("#email").attr("aria-invalid"));
        assertEquals("not-an-email", page.selectFirst("#email").attr("value"), "typed values are kept");
    }

    @Test
    void emailVerificationLinkWorksOnce() {
        Browser browser = new Browser();
        String email = Accounts.uniqueEmail("verify");
        Accounts.signUp(browser, email, "Verify Co");
        String link = linkIn(lastMailTo(email), "/verify-email?token=");
        String token = link.substring(link.indexOf("token=") + 6);
        browser.get(link).then().statusCode(200).body(containsString("Confirm my email"));
        assertNull(Accounts.user(email).emailVerifiedAt, "opening the link (GET) changes nothing");
        browser.post("/verify-email", "token", java.net.URLDecoder.decode(token, java.nio.charset.StandardCharsets.UTF_8))
                .then().statusCode(200).body(containsString("Email confirmed"));
        assertNotNull(Accounts.user(email).emailVerifiedAt);
        browser.post("/verify-email", "token", java.net.URLDecoder.decode(token, java.nio.charset.StandardCharsets.UTF_8))
                .then().statusCode(410).body(containsString("already been used"));
    }

    @Test
    void anHtmxRequestWithoutASessionIsSentToSignInThroughHxRedirect() {
        String slug = pro.dailydoco.support.TestTenants.create("htmx-signin").slug;
        Response fragment = new Browser().request().header("HX-Request", "true").header("HX-Target", "referral-counters")
                .get("/t/" + slug + "/referrals?period=3m");
        assertEquals(404, fragment.statusCode(), "signed out is outside the workspace: the answer of an unknown one");
        assertEquals("/login?next=" + java.net.URLEncoder.encode("/t/" + slug + "/referrals?period=3m",
                java.nio.charset.StandardCharsets.UTF_8), fragment.getHeader("HX-Redirect"),
                "htmx follows this header; a poll or filter would otherwise just stop");
    }

    @Test
    void signInRotatesTheSessionAndSignOutEndsIt() {
        String email = Accounts.uniqueEmail("rotate");
        Browser browser = new Browser();
        String slug = Accounts.signUp(browser, email, "Rotate Co");
        String firstSession = browser.cookie(SessionCookies.SESSION);
        Response login = Accounts.signIn(browser, email, Accounts.PASSWORD);
        assertEquals(303, login.statusCode());
        String secondSession = browser.cookie(SessionCookies.SESSION);
        assertNotEquals(firstSession, secondSession, "a new session id at sign-in");

        Browser replay = new Browser();
        replay.setCookie(SessionCookies.SESSION, firstSession);
        assertEquals(303, replay.get("/account").statusCode(), "the old session no longer works");

        browser.get("/t/" + slug + "/").then().statusCode(200);
        browser.post("/logout").then().statusCode(303);
        Browser stolen = new Browser();
        stolen.setCookie(SessionCookies.SESSION, secondSession);
        assertEquals(303, stolen.get("/account").statusCode(), "signed-out session is revoked on the server");
    }

    @Test
    void sessionCookieIsHttpOnlyAndSameSiteLax() {
        Browser browser = new Browser();
        browser.get("/signup");
        Response response = browser.post("/signup", "email", Accounts.uniqueEmail("cookie"), "password", Accounts.PASSWORD,
                "workspaceName", "Cookie Co");
        String setCookie = response.getHeaders().getValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(SessionCookies.SESSION + "=")).findFirst().orElseThrow();
        assertTrue(setCookie.contains("HttpOnly"), setCookie);
        assertTrue(setCookie.toLowerCase().contains("samesite=lax"), setCookie);
    }

    @Test
    void unknownEmailAndWrongPasswordGetTheSameAnswer() {
        String email = Accounts.uniqueEmail("enum");
        Accounts.signUp(new Browser(), email, "Enum Co");
        Response wrongPassword = Accounts.signIn(new Browser(), email, "wrong password here");
        Response unknownEmail = Accounts.signIn(new Browser(), Accounts.uniqueEmail("nobody"), "wrong password here");
        assertEquals(wrongPassword.statusCode(), unknownEmail.statusCode());
        String a = Browser.html(wrongPassword).selectFirst("[role=alert]").text();
        String b = Browser.html(unknownEmail).selectFirst("[role=alert]").text();
        assertEquals("Email or password is incorrect.", a);
        assertEquals(a, b);
    }

    @Test
    void repeatedFailuresBackOffWithAClearWaitEvenForTheRightPassword() {
        String email = Accounts.uniqueEmail("throttle");
        Accounts.signUp(new Browser(), email, "Throttle Co");
        Browser attacker = new Browser();
        for (int i = 0; i < 4; i++) {
            assertEquals(401, Accounts.signIn(attacker, email, "guess number " + i).statusCode());
        }
        Response fifth = Accounts.signIn(attacker, email, "guess number 5");
        assertEquals(429, fifth.statusCode());
        assertTrue(fifth.asString().contains("Try again in 1 minute"), fifth.asString());
        Response rightPassword = Accounts.signIn(new Browser(), email, Accounts.PASSWORD);
        assertEquals(429, rightPassword.statusCode(), "counted per email, whatever the address");
    }

    @Test
    void failuresAreCountedPerClientAddressAcrossEmails() {
        Browser attacker = new Browser();
        for (int i = 0; i < 4; i++) {
            assertEquals(401, Accounts.signIn(attacker, Accounts.uniqueEmail("spray"), "guess").statusCode());
        }
        assertEquals(429, Accounts.signIn(attacker, Accounts.uniqueEmail("spray"), "guess").statusCode());
    }

    @Test
    void formsWithoutAValidCsrfTokenAreRefusedWithAFriendlyPage() {
        Browser browser = new Browser();
        browser.get("/login");
        browser.postWithoutToken("/login", "email", "a@b.test", "password", "whatever12")
                .then().statusCode(403).body(containsString("This form has expired"));
        browser.request().contentType("application/x-www-form-urlencoded").formParam("_csrf", "forged")
                .formParam("email", "a@b.test").post("/login")
                .then().statusCode(403);
        // htmx sends the token as a header instead of a field
        browser.request().header("X-CSRF-Token", browser.csrfToken()).header("HX-Request", "true")
                .contentType("application/x-www-form-urlencoded").formParam("email", "a@b.test").formParam("password", "x")
                .post("/login")
                .then().statusCode(401);
    }
}
