package pro.dailydoco.account;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import pro.dailydoco.account.web.SessionCookies;
import pro.dailydoco.mail.MailSender;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;
import pro.dailydoco.support.TestTenants;
import pro.dailydoco.tenant.Tenant;

@QuarkusTest
class ProfileAndRecoveryTest {

    @Inject
    MockMailbox mailbox;

    @Inject
    MailSender mailSender;

    private String tokenFromLastMail(String email, String marker) {
        mailSender.sendDueNow();
        List<Mail> mails = mailbox.getMailsSentTo(email);
        assertTrue(mails != null && !mails.isEmpty(), "mail to " + email);
        String line = mails.get(mails.size() - 1).getText().lines().filter(l -> l.contains(marker)).findFirst().orElseThrow();
        return URLDecoder.decode(line.substring(line.indexOf("token=") + 6).trim(), StandardCharsets.UTF_8);
    }

    private static boolean signedIn(Browser browser) {
        return browser.get("/account").statusCode() == 200;
    }

    @Test
    void passwordResetByMailWorksOnceAndSignsOutEverySession() {
        String email = Accounts.uniqueEmail("forgot");
        Browser laptop = new Browser();
        Accounts.signUp(laptop, email, "Forgot Co");
        Browser recovery = new Browser();
        recovery.get("/forgot-password");
        recovery.post("/forgot-password", "email", email).then().statusCode(200).body(containsString("If an account exists"));
        String token = tokenFromLastMail(email, "/reset-password?token=");
        recovery.get("/reset-password?token=" + java.net.URLEncoder.encode(token, StandardCharsets.UTF_8)).then().statusCode(200);
        recovery.post("/reset-password", "token", token, "password", "short").then().statusCode(400)
                .body(containsString("Use at least 10 characters"));
        recovery.post("/reset-password", "token", token, "password", "a brand new passphrase").then().statusCode(303);
        assertTrue(!signedIn(laptop), "sessions are revoked by a password reset");
        assertEquals(303, Accounts.signIn(new Browser(), email, "a brand new passphrase").statusCode());
        recovery.post("/reset-password", "token", token, "password", "yet another passphrase").then().statusCode(410);
    }

    @Test
    void resetRequestAnswersTheSameForUnknownEmails() {
        Browser browser = new Browser();
        browser.get("/forgot-password");
        String unknown = browser.post("/forgot-password", "email", Accounts.uniqueEmail("ghost")).then().statusCode(200)
                .extract().asString();
        assertTrue(unknown.contains("If an account exists for that address"));
    }

    @Test
    void changingThePasswordKeepsThisBrowserAndSignsOutTheOthers() {
        String email = Accounts.uniqueEmail("change");
        Browser here = new Browser();
        Accounts.signUp(here, email, "Change Co");
        Browser elsewhere = new Browser();
        Accounts.signIn(elsewhere, email, Accounts.PASSWORD);
        assertTrue(signedIn(elsewhere));
        here.get("/account");
        here.post("/account/password", "currentPassword", "wrong one!!", "newPassword", "another good passphrase")
                .then().statusCode(400).body(containsString("Your current password is not correct."));
        here.post("/account/password", "currentPassword", Accounts.PASSWORD, "newPassword", "another good passphrase")
                .then().statusCode(303);
        assertTrue(signedIn(here), "this browser got a fresh session");
        assertTrue(!signedIn(elsewhere), "other sessions were revoked");
    }

    @Test
    void sessionsAreListedAndCanBeRevoked() {
        String email = Accounts.uniqueEmail("list");
        Browser here = new Browser();
        Accounts.signUp(here, email, "List Co");
        Browser phone = new Browser();
        Accounts.signIn(phone, email, Accounts.PASSWORD);
        var page = Browser.html(here.get("/account"));
        var revokeForms = page.select("form[action^=/account/sessions/]");
        assertEquals(1, revokeForms.size(), "the other session can be signed out; this one is marked");
        assertTrue(page.text().contains("this browser"));
        here.post(revokeForms.first().attr("action")).then().statusCode(303);
        assertTrue(!signedIn(phone));
        assertTrue(signedIn(here));
    }

    @Test
    void idleAndAbsoluteExpiryAreEnforcedOnTheServer() {
        String email = Accounts.uniqueEmail("idle");
        Browser idle = new Browser();
        Accounts.signUp(idle, email, "Idle Co");
        Browser old = new Browser();
        Accounts.signIn(old, email, Accounts.PASSWORD);
        String idleHash = Tokens.sha256(idle.cookie(SessionCookies.SESSION));
        String oldHash = Tokens.sha256(old.cookie(SessionCookies.SESSION));
        QuarkusTransaction.requiringNew().run(() -> {
            WebSession.update("lastSeenAt = ?1 where idHash = ?2", Instant.now().minusSeconds(3 * 3600), idleHash);
            WebSession.update("expiresAt = ?1 where idHash = ?2", Instant.now().minusSeconds(1), oldHash);
        });
        assertTrue(!signedIn(idle), "idle timeout");
        assertTrue(!signedIn(old), "absolute timeout");
    }

    @Test
    void emailChangeIsConfirmedFromTheNewAddressAndSignsOutEverywhere() {
        String email = Accounts.uniqueEmail("old");
        String newEmail = Accounts.uniqueEmail("new");
        Browser browser = new Browser();
        Accounts.signUp(browser, email, "Email Co");
        browser.get("/account");
        browser.post("/account/email", "newEmail", newEmail, "emailPassword", Accounts.PASSWORD).then().statusCode(303);
        assertEquals(email, Accounts.user(email).email, "nothing changes before confirmation");
        String token = tokenFromLastMail(newEmail, "/email-change/confirm?token=");
        browser.post("/email-change/confirm", "token", token).then().statusCode(303);
        assertTrue(Accounts.user(newEmail).isEmailVerified());
        assertTrue(!signedIn(browser));
        assertEquals(303, Accounts.signIn(new Browser(), newEmail, Accounts.PASSWORD).statusCode());
    }

    @Test
    void theLastOwnerOfAWorkspaceWithTeammatesCannotDeleteTheirAccount() {
        Tenant team = TestTenants.withPlan("delete", "TEAM");
        Browser owner = Accounts.signedInMember(team, Role.OWNER);
        Accounts.createMember(team, Role.MEMBER);
        owner.get("/account");
        owner.post("/account/delete", "deletePassword", Accounts.PASSWORD).then().statusCode(400)
                .body(containsString("Transfer ownership"));
        assertTrue(signedIn(owner));
    }

    @Test
    void deletingAnAccountErasesPersonalDataAndSignsOut() {
        String email = Accounts.uniqueEmail("bye");
        Browser browser = new Browser();
        Accounts.signUp(browser, email, "Bye Co");
        User before = Accounts.user(email);
        browser.get("/account");
        Response deleted = browser.post("/account/delete", "deletePassword", Accounts.PASSWORD);
        assertEquals(303, deleted.statusCode(), deleted.asString());
        User after = QuarkusTransaction.requiringNew().call(() -> User.<User>findById(before.id));
        assertEquals(User.Status.DELETED, after.status);
        assertTrue(!after.email.contains("bye"), "email erased");
        assertEquals(null, after.passwordHash);
        assertTrue(!signedIn(browser));
        assertEquals(401, Accounts.signIn(new Browser(), email, Accounts.PASSWORD).statusCode());
    }
}
