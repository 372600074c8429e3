package pro.dailydoco.account.secondfactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import pro.dailydoco.account.Role;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;
import pro.dailydoco.support.TestClock;
import pro.dailydoco.support.TestTenants;
import pro.dailydoco.tenant.ScopedWork;
import pro.dailydoco.tenant.Tenant;

/**
 * Two-step sign-in over HTTP: setting up an authenticator, the sign-in's second step, recovery codes used once, a code
 * never accepted twice, throttling, turning it off, and how it is kept at rest.
 */
@QuarkusTest
class SecondFactorTest {

    /** What a person has after setting up two-step sign-in. */
    record Enrolled(String email, UUID userId, AuthenticatorApp app, List<String> recoveryCodes) {
    }

    @Inject
    ScopedWork scopedWork;

    @Inject
    EntityManager entityManager;

    @Inject
    TestClock clock;

    @AfterEach
    void realTimeAgain() {
        clock.reset();
    }

    @Test
    void settingUpShowsTheKeyAndTurnsOnOnlyWithARightCode() {
        Browser browser = new Browser();
        String email = Accounts.uniqueEmail("enrol");
        Accounts.signUp(browser, email, "Enrol Co");

        Document account = Browser.html(browser.get("/account").then().statusCode(200).extract().response());
        assertNotNull(account.selectFirst("form[action='/account/two-factor/start'] button"), "the account page offers the set-up");
        assertEquals(303, browser.post("/account/two-factor/start").statusCode());
        Document setUp = Browser.html(browser.get("/account/two-factor").then().statusCode(200).extract().response());
        String secret = setUp.selectFirst("#totp-secret").text().replace(" ", "");
        assertTrue(secret.matches("[A-Z2-7]{32}"), secret);
        String link = setUp.selectFirst("#otpauth-link").attr("href");
        assertTrue(link.startsWith("otpauth://totp/DailyDoco%20Pro:" + email.replace("@", "%40") + "?secret=" + secret
                + "&issuer=DailyDoco%20Pro&algorithm=SHA1&digits=6&period=30"), link);
        assertNotNull(setUp.selectFirst(".qr-code svg path"), "a QR code is drawn");
        var codeField = setUp.selectFirst("#code");
        assertEquals("one-time-code", codeField.attr("autocomplete"));
        assertEquals("numeric", codeField.attr("inputmode"));
        assertNotNull(setUp.selectFirst("label[for=code]"));

        AuthenticatorApp app = new AuthenticatorApp(secret);
        Response wrong = browser.post("/account/two-factor/confirm", "code", app.staleCode());
        assertEquals(400, wrong.statusCode());
        assertTrue(Browser.html(wrong).selectFirst("#code-error").text().contains("not right"));
        assertFalse(confirmed(Accounts.user(email).id), "a wrong code turns nothing on");

        Response right = browser.post("/account/two-factor/confirm", "code", app.nextCode());
        assertEquals(200, right.statusCode());
        List<String> codes = Browser.html(right).select("ol.recovery-codes code").eachText();
        assertEquals(10, codes.size(), "ten recovery codes, shown once");
        assertTrue(confirmed(Accounts.user(email).id));
        assertTrue(right.getHeader("Cache-Control").contains("no-store"));
        Document after = Browser.html(browser.get("/account/two-factor"));
        assertTrue(after.select("ol.recovery-codes").isEmpty(), "the codes are not shown again");
        assertTrue(after.selectFirst("#second-factor-on").text().contains("10 recovery codes left"));
        assertTrue(platformActions(Accounts.user(email).id).contains("account.second-factor-enabled:SUCCESS"));
    }

    @Test
    void keysAreSealedAndRecoveryCodesHashedAtRest() {
        Enrolled person = enrolled("at-rest");
        String sealed = scopedWork.call(null, null, () -> (String) entityManager
                .createNativeQuery("select secret_sealed from second_factor where owner_user_id = ?1")
                .setParameter(1, person.userId()).getSingleResult());
        String key = Base32.encode(person.app().keyForTests());
        assertFalse(sealed.contains(key), "the key is not stored in clear");
        @SuppressWarnings("unchecked")
        List<String> hashes = scopedWork.call(null, null, () -> entityManager
                .createNativeQuery("select code_hash from second_factor_recovery_code where owner_user_id = ?1")
                .setParameter(1, person.userId()).getResultList());
        assertEquals(10, hashes.size());
        for (String code : person.recoveryCodes()) {
            assertFalse(hashes.stream().anyMatch(h -> h.contains(RecoveryCodes.normalise(code))));
            assertTrue(hashes.contains(RecoveryCodes.hash(person.userId(), code)));
        }
    }

    @Test
    void aCorrectPasswordLeadsToTheSecondStepAndNoSessionUntilTheCode() {
        Enrolled person = enrolled("two-step");
        Browser browser = new Browser();
        Response password = Accounts.signIn(browser, person.email(), Accounts.PASSWORD);
        assertEquals(303, password.statusCode());
        assertEquals("/login/second-step", password.getHeader("Location"));
        assertNull(browser.cookie("dd_session"), "no session before the second step");
        assertNotNull(browser.cookie("dd_second_step"));
        assertEquals(303, browser.get("/account").statusCode(), "still signed out");
        assertEquals(1L, (long) scopedWork.call(null, null, () -> ((Number) entityManager.createNativeQuery(
                "select count(*) from second_factor_challenge where owner_user_id = ?1 and used_at is null")
                .setParameter(1, person.userId()).getSingleResult()).longValue()), "the pending sign-in is in PostgreSQL");

        Document step = Browser.html(browser.get("/login/second-step").then().statusCode(200).extract().response());
        assertEquals("one-time-code", step.selectFirst("#code").attr("autocomplete"));
        assertEquals("numeric", step.selectFirst("#code").attr("inputmode"));
        assertEquals(401, browser.post("/login/second-step", "code", person.app().staleCode()).statusCode());
        assertNull(browser.cookie("dd_session"));

        Response code = browser.post("/login/second-step", "code", person.app().nextCode());
        assertEquals(303, code.statusCode());
        assertEquals("/workspaces", code.getHeader("Location"));
        assertNotNull(browser.cookie("dd_session"));
        assertNull(browser.cookie("dd_second_step"), "the pending sign-in's cookie is cleared");
        browser.get("/account").then().statusCode(200);
        assertTrue(platformActions(person.userId()).containsAll(List.of("login.password-accepted:SUCCESS",
                "login.second-factor-failed:FAILURE", "login.succeeded:SUCCESS")));
    }

    @Test
    void aPendingSignInIsUsedOnceAndNeededAtAll() {
        Enrolled person = enrolled("pending-once");
        Browser browser = new Browser();
        Accounts.signIn(browser, person.email(), Accounts.PASSWORD);
        String pending = browser.cookie("dd_second_step");
        assertEquals(303, browser.post("/login/second-step", "code", person.app().nextCode()).statusCode());

        Browser replaying = new Browser();
        replaying.get("/login");
        replaying.setCookie("dd_second_step", pending);
        Response again = replaying.post("/login/second-step", "code", person.app().nextCode());
        assertEquals(303, again.statusCode());
        assertEquals("/login", again.getHeader("Location"), "a used pending sign-in starts over");
        assertNull(replaying.cookie("dd_session"));

        Browser without = new Browser();
        without.get("/login");
        Response none = without.post("/login/second-step", "code", person.app().nextCode());
        assertEquals("/login", none.getHeader("Location"));
        assertNull(without.cookie("dd_session"));
        assertEquals("/login", without.get("/login/second-step").getHeader("Location"));
    }

    @Test
    void anAcceptedCodeIsNeverAcceptedAgain() {
        Enrolled person = enrolled("replay");
        Browser first = new Browser();
        Accounts.signIn(first, person.email(), Accounts.PASSWORD);
        assertEquals(303, first.post("/login/second-step", "code", person.app().nextCode()).statusCode());

        Browser second = new Browser();
        Accounts.signIn(second, person.email(), Accounts.PASSWORD);
        Response replay = second.post("/login/second-step", "code", person.app().lastCode());
        assertEquals(401, replay.statusCode(), "the same code, still within its 30 seconds, is refused");
        assertNull(second.cookie("dd_session"));
        assertEquals(303, second.post("/login/second-step", "code", person.app().nextCode()).statusCode());
        assertNotNull(second.cookie("dd_session"));
    }

    @Test
    void eachRecoveryCodeSignsInOnce() {
        Enrolled person = enrolled("recovery");
        String code = person.recoveryCodes().get(3);
        Browser first = new Browser();
        Accounts.signIn(first, person.email(), Accounts.PASSWORD);
        Response used = first.post("/login/second-step", "recoveryCode", code.toUpperCase().replace("-", " "));
        assertEquals(303, used.statusCode(), "typed in capitals with spaces, it still works");
        assertNotNull(first.cookie("dd_session"));
        assertTrue(Browser.html(first.get("/account/two-factor")).selectFirst("#second-factor-on").text()
                .contains("9 recovery codes left"));

        Browser second = new Browser();
        Accounts.signIn(second, person.email(), Accounts.PASSWORD);
        assertEquals(401, second.post("/login/second-step", "recoveryCode", code).statusCode());
        assertNull(second.cookie("dd_session"));
        assertTrue(platformActions(person.userId()).contains("account.recovery-code-used:SUCCESS"));
    }

    @Test
    void wrongCodesAreThrottledLikeWrongPasswords() {
        Enrolled person = enrolled("throttle");
        Browser attacker = new Browser();
        Accounts.signIn(attacker, person.email(), Accounts.PASSWORD);
        for (int i = 0; i < 4; i++) {
            assertEquals(401, attacker.post("/login/second-step", "code", String.format("%06d", i)).statusCode());
        }
        Response fifth = attacker.post("/login/second-step", "code", "000009");
        assertEquals(429, fifth.statusCode());
        assertTrue(fifth.asString().contains("Too many attempts. Try again in 1 minute."), fifth.asString());
        // From anywhere, even with the right code, until the back-off ends.
        Browser elsewhere = new Browser();
        Accounts.signIn(elsewhere, person.email(), Accounts.PASSWORD);
        assertEquals(429, elsewhere.post("/login/second-step", "code", person.app().nextCode()).statusCode());
        assertNull(elsewhere.cookie("dd_session"));
    }

    @Test
    void turningItOffNeedsACodeOrThePassword() {
        Enrolled person = enrolled("disable");
        Browser browser = new Browser();
        Accounts.signIn(browser, person.email(), Accounts.PASSWORD);
        browser.post("/login/second-step", "code", person.app().nextCode());
        browser.get("/account/two-factor");

        Response nothing = browser.post("/account/two-factor/disable");
        assertEquals(400, nothing.statusCode());
        Response wrongPassword = browser.post("/account/two-factor/disable", "disablePassword", "not my password");
        assertEquals(400, wrongPassword.statusCode());
        assertTrue(Browser.html(wrongPassword).selectFirst("#disablePassword-error").text().contains("not correct"));
        assertEquals(400, browser.post("/account/two-factor/disable", "disableCode", person.app().lastCode()).statusCode(),
                "a code already used does not prove anything");
        assertTrue(confirmed(person.userId()));

        assertEquals(303, browser.post("/account/two-factor/disable", "disableCode", person.app().nextCode()).statusCode());
        assertFalse(confirmed(person.userId()));
        assertTrue(platformActions(person.userId()).contains("account.second-factor-disabled:SUCCESS"));
        Browser later = new Browser();
        assertEquals(303, Accounts.signIn(later, person.email(), Accounts.PASSWORD).statusCode());
        assertNotNull(later.cookie("dd_session"), "password only again");

        Enrolled other = enrolled("disable-password");
        Browser signedIn = new Browser();
        Accounts.signIn(signedIn, other.email(), Accounts.PASSWORD);
        signedIn.post("/login/second-step", "code", other.app().nextCode());
        signedIn.get("/account/two-factor");
        assertEquals(303, signedIn.post("/account/two-factor/disable", "disablePassword", Accounts.PASSWORD).statusCode());
        assertFalse(confirmed(other.userId()));
    }

    @Test
    void theNewFormsNeedTheCsrfTokenAndCarryTheSecurityHeaders() {
        Enrolled person = enrolled("csrf");
        Browser browser = new Browser();
        Accounts.signIn(browser, person.email(), Accounts.PASSWORD);
        assertEquals(403, browser.postWithoutToken("/login/second-step", "code", person.app().nextCode()).statusCode());
        assertNull(browser.cookie("dd_session"));
        Response step = browser.get("/login/second-step");
        assertTrue(step.getHeader("Content-Security-Policy").contains("form-action 'self'"));
        assertEquals("DENY", step.getHeader("X-Frame-Options"));
        assertTrue(step.getHeader("Cache-Control").contains("no-store"));
        browser.post("/login/second-step", "code", person.app().nextCode());
        assertNotNull(browser.cookie("dd_session"));
        assertEquals(403, browser.postWithoutToken("/account/two-factor/disable", "disablePassword", Accounts.PASSWORD).statusCode());
        assertEquals(403, browser.postWithoutToken("/account/two-factor/start").statusCode());
        assertTrue(confirmed(person.userId()));
        Response page = browser.get("/account/two-factor");
        assertEquals("nosniff", page.getHeader("X-Content-Type-Options"));
        assertTrue(page.getHeader("Cache-Control").contains("no-store"));
    }

    @Test
    void aWorkspaceOfAnotherPlanOrAFreeOwnerSeesNoPrompt() {
        Browser freeOwner = Accounts.signedInMember(TestTenants.create("free-2fa"), Role.OWNER);
        assertNull(Browser.html(freeOwner.get("/account")).selectFirst("#second-factor-banner"));
        Browser paidMember = Accounts.signedInMember(TestTenants.withPlan("paid-member-2fa", "TEAM"), Role.ADMIN);
        assertNull(Browser.html(paidMember.get("/account")).selectFirst("#second-factor-banner"),
                "required of owners only, not of every member of a paid workspace");
    }

    // --- helpers -----------------------------------------------------------------------------------------

    /** A new person (owner of a Free workspace) who set up two-step sign-in on the account page. */
    Enrolled enrolled(String prefix) {
        Browser browser = new Browser();
        String email = Accounts.uniqueEmail(prefix);
        Accounts.signUp(browser, email, "Two-step " + prefix);
        return enrol(browser, email);
    }

    /** Sets up two-step sign-in in {@code browser}, signed in as {@code email}. */
    static Enrolled enrol(Browser browser, String email) {
        browser.get("/account"); // the form's token, as the page gives it
        assertEquals(303, browser.post("/account/two-factor/start").statusCode());
        Document setUp = Browser.html(browser.get("/account/two-factor"));
        AuthenticatorApp app = new AuthenticatorApp(setUp.selectFirst("#totp-secret").text().replace(" ", ""));
        Response confirmed = browser.post("/account/two-factor/confirm", "code", app.nextCode());
        assertEquals(200, confirmed.statusCode(), confirmed.asString());
        List<String> codes = Browser.html(confirmed).select("ol.recovery-codes code").eachText();
        return new Enrolled(email, Accounts.user(email).id, app, codes);
    }

    boolean confirmed(UUID userId) {
        return scopedWork.call(null, null, () -> ((Number) entityManager.createNativeQuery(
                "select count(*) from second_factor where owner_user_id = ?1 and confirmed_at is not null")
                .setParameter(1, userId).getSingleResult()).longValue() == 1);
    }

    @SuppressWarnings("unchecked")
    List<String> platformActions(UUID actor) {
        return scopedWork.call(null, null, () -> entityManager
                .createNativeQuery("select action || ':' || outcome from platform_audit_entry where actor_user_id = ?1 order by seq")
                .setParameter(1, actor).getResultList());
    }

    static Instant daysAgo(long days) {
        return Instant.now().minusSeconds(days * 86_400);
    }
}
