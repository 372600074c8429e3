package pro.dailydoco.referral.attribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pro.dailydoco.referral.ReferralPeople.ancestorsOf;
import static pro.dailydoco.referral.ReferralPeople.bean;
import static pro.dailydoco.referral.ReferralPeople.codeOf;
import static pro.dailydoco.referral.ReferralPeople.scopedWork;
import static pro.dailydoco.referral.ReferralPeople.signUpDirectly;
import static pro.dailydoco.referral.ReferralPeople.signUpThroughLinkOf;
import static pro.dailydoco.referral.ReferralPeople.sponsorOf;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import pro.dailydoco.account.UserSignedUp;
import pro.dailydoco.core.DomainException;
import pro.dailydoco.core.InvalidInput;
import pro.dailydoco.referral.Races;
import pro.dailydoco.referral.ReferralConfig;
import pro.dailydoco.referral.ReferralPeople;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;

@QuarkusTest
class ReferralAttributionTest {

    @Inject
    SponsorCorrection correction;

    @Test
    void clickSetsASignedCookieAndSignUpRecordsTheSponsorAndTheTree() {
        UUID sponsor = signUpDirectly("sponsor");
        Browser browser = new Browser();
        Response click = browser.get("/r/" + codeOf(sponsor).toUpperCase());
        assertEquals(303, click.statusCode());
        assertEquals("/signup?ref=" + codeOf(sponsor).toUpperCase(), click.getHeader("Location").replaceAll("^https?://[^/]+", ""));
        String cookie = ReferralPeople.attributionCookie(browser);
        assertNotNull(cookie, "the link sets the attribution cookie");
        assertTrue(cookie.matches("[0-9a-f-]{36}\\.[A-Za-z0-9_-]+"), "a click id and its signature: " + cookie);

        String email = Accounts.uniqueEmail("referred");
        Accounts.signUp(browser, email, "Referred workspace");
        UUID referred = Accounts.user(email).id;
        assertEquals(sponsor, sponsorOf(referred));
        assertEquals(List.of(sponsor), ancestorsOf(referred));
        assertNotNull(codeOf(referred), "every new user has their own code");
    }

    @Test
    void unknownCodeLandsOnSignUpWithoutAttribution() {
        Browser browser = new Browser();
        Response click = browser.get("/r/no-such-code-here");
        assertEquals(303, click.statusCode());
        assertTrue(click.getHeader("Location").endsWith("/signup"), click.getHeader("Location"));
        assertNull(ReferralPeople.attributionCookie(browser));
        String email = Accounts.uniqueEmail("unreferred");
        Accounts.signUp(browser, email, "Unreferred workspace");
        assertNull(sponsorOf(Accounts.user(email).id));
    }

    @Test
    void disabledCodeLandsOnSignUpWithoutAttribution() {
        UUID sponsor = signUpDirectly("disabled");
        String code = codeOf(sponsor);
        scopedWork().run(null, sponsor, () -> bean(ReferralCodes.class).disable(sponsor, code));
        Browser browser = new Browser();
        assertTrue(browser.get("/r/" + code).getHeader("Location").endsWith("/signup"));
        assertNull(ReferralPeople.attributionCookie(browser));
    }

    @Test
    void clickOlderThanTheWindowDoesNotAttribute() {
        UUID sponsor = signUpDirectly("old-click");
        ReferralClicks clicks = bean(ReferralClicks.class);
        Instant now = Instant.now();
        String expired = scopedWork().call(null, null,
                () -> clicks.record(codeOf(sponsor), "192.0.2.1", null, now.minus(Duration.ofDays(61))).orElseThrow());
        String live = scopedWork().call(null, null,
                () -> clicks.record(codeOf(sponsor), "192.0.2.1", null, now.minus(Duration.ofDays(59))).orElseThrow());

        assertNull(sponsorOf(signUpWithCookie(expired)), "61 days after the stored click: no attribution");
        assertEquals(sponsor, sponsorOf(signUpWithCookie(live)), "59 days after: still the sponsor's");
    }

    @Test
    void alteredCookieDoesNotAttribute() {
        UUID sponsor = signUpDirectly("forged");
        Browser browser = new Browser();
        browser.get("/r/" + codeOf(sponsor));
        String genuine = ReferralPeople.attributionCookie(browser);
        String forged = UUID.randomUUID() + genuine.substring(genuine.indexOf('.'));
        assertNull(sponsorOf(signUpWithCookie(forged)));
    }

    @Test
    void sponsorNeverChangesAfterSignUp() {
        UUID first = signUpDirectly("first");
        UUID second = signUpDirectly("second");
        Browser browser = new Browser();
        browser.get("/r/" + codeOf(first));
        String email = Accounts.uniqueEmail("loyal");
        Accounts.signUp(browser, email, "Loyal workspace");
        UUID referred = Accounts.user(email).id;

        Browser again = new Browser();
        again.get("/r/" + codeOf(second));
        again.get("/signup");
        Response retry = again.post("/signup", "email", email, "password", Accounts.PASSWORD, "workspaceName", "Again");
        assertTrue(retry.statusCode() != 303, "a second sign-up with the same email is refused");
        String token = ReferralPeople.attributionCookie(again);
        UUID afterAttempt = scopedWork().call(null, referred,
                () -> bean(ReferralAttribution.class).attribute(referred, email, token).orElse(null));
        assertEquals(first, afterAttempt, "attributing again keeps the first sponsor");
        assertEquals(first, sponsorOf(referred));
        assertEquals(List.of(first), ancestorsOf(referred));
    }

    @Test
    void chainOfNineHasSevenAncestorsNearestFirst() {
        List<UUID> chain = ReferralPeople.chain(9, "chain");
        List<UUID> ancestors = ancestorsOf(chain.get(8));
        assertEquals(List.of(chain.get(7), chain.get(6), chain.get(5), chain.get(4), chain.get(3), chain.get(2),
                chain.get(1)), ancestors);
    }

    @Test
    void vanityCodeIsValidatedChosenOnceAndCaseInsensitive() {
        UUID owner = signUpDirectly("vanity");
        UUID other = signUpDirectly("vanity-other");
        ReferralCodes codes = bean(ReferralCodes.class);
        String wanted = "Team-" + UUID.randomUUID().toString().substring(0, 6);
        assertThrows(InvalidInput.class, () -> scopedWork().call(null, owner, () -> codes.chooseVanity(owner, "ab")));
        assertThrows(InvalidInput.class, () -> scopedWork().call(null, owner, () -> codes.chooseVanity(owner, "no_underscores")));
        assertThrows(InvalidInput.class, () -> scopedWork().call(null, owner, () -> codes.chooseVanity(owner, "Support")));
        assertEquals(wanted.toLowerCase(), scopedWork().call(null, owner, () -> codes.chooseVanity(owner, wanted)));
        assertThrows(InvalidInput.class, () -> scopedWork().call(null, other, () -> codes.chooseVanity(other, wanted.toUpperCase())),
                "taken, whatever the case");
        assertThrows(InvalidInput.class, () -> scopedWork().call(null, owner, () -> codes.chooseVanity(owner, "second-" + wanted)),
                "only once");

        Browser browser = new Browser();
        browser.get("/r/" + wanted.toUpperCase());
        String email = Accounts.uniqueEmail("by-vanity");
        Accounts.signUp(browser, email, "Vanity workspace");
        assertEquals(owner, sponsorOf(Accounts.user(email).id));
    }

    @Test
    void operatorCorrectionRefusesCyclesAndRebuildsTheSubtree() {
        List<UUID> chain = ReferralPeople.chain(3, "fix");
        UUID newRoot = signUpDirectly("fix-root");
        UUID operator = newRoot;
        assertThrows(DomainException.class, () -> scopedWork().run(null, null,
                () -> correction.correctSponsor(operator, chain.get(0), chain.get(2))), "a descendant can't become the sponsor");

        scopedWork().run(null, null, () -> correction.correctSponsor(operator, chain.get(1), newRoot));
        assertEquals(newRoot, sponsorOf(chain.get(1)));
        assertEquals(List.of(newRoot), ancestorsOf(chain.get(1)));
        assertEquals(List.of(chain.get(1), newRoot), ancestorsOf(chain.get(2)), "the subtree follows");
    }

    @Test
    void twoCorrectionsThatTogetherWouldCloseALoopLeaveNoCycleWhenRunAtOnce() throws Exception {
        UUID a = signUpDirectly("loop-a");
        UUID b = signUpDirectly("loop-b");
        try (Races races = new Races()) {
            // a goes under b and holds its transaction open; meanwhile b is to go under a.
            ExecutionException refused = assertThrows(ExecutionException.class, () -> races.whileHeldOpen(null,
                    () -> correction.correctSponsor(a, a, b),
                    () -> { scopedWork().run(null, null, () -> correction.correctSponsor(a, b, a)); return null; }));
            assertTrue(refused.getCause() instanceof DomainException, String.valueOf(refused.getCause()));
        }
        assertEquals(b, sponsorOf(a));
        assertNull(sponsorOf(b), "the second correction saw the first and refused the loop");
        assertEquals(List.of(b), ancestorsOf(a));
        assertEquals(List.of(), ancestorsOf(b));
    }

    @Test
    void aSignUpUnderAUserBeingMovedGetsTheNewAncestors() throws Exception {
        UUID moved = signUpDirectly("moving");
        UUID newSponsor = signUpDirectly("moving-to");
        String code = codeOf(moved);
        String email;
        try (Races races = new Races()) {
            email = races.whileHeldOpen(null, () -> correction.correctSponsor(newSponsor, moved, newSponsor),
                    () -> ReferralPeople.signUpThroughLink(code, "moving-child"));
        }
        UUID joined = Accounts.user(email).id;
        assertEquals(moved, sponsorOf(joined));
        assertEquals(List.of(moved, newSponsor), ancestorsOf(joined), "no stale row from before the move");
    }

    @Test
    void firstClickModelKeepsTheFirstLiveClickAndLastClickTheNewest() {
        UUID first = signUpDirectly("first-click");
        UUID second = signUpDirectly("second-click");
        ReferralClicks clicks = bean(ReferralClicks.class);
        Instant t0 = Instant.now();
        Instant t1 = t0.plus(Duration.ofDays(1));
        var firstClick = ReferralConfig.AttributionModel.FIRST_CLICK;
        var lastClick = ReferralConfig.AttributionModel.LAST_CLICK;
        String token = scopedWork().call(null, null,
                () -> clicks.record(codeOf(first), "192.0.2.9", null, t0, firstClick)).orElseThrow();

        assertTrue(scopedWork().call(null, null, () -> clicks.record(codeOf(second), "192.0.2.9", token, t1, firstClick))
                .isEmpty(), "first click: a later link leaves the live cookie alone");
        assertEquals(first, scopedWork().call(null, null, () -> clicks.liveClick(token, t1)).orElseThrow().sponsorUserId());
        assertEquals(first, sponsorOf(signUpWithCookie(token)), "the sign-up goes to the first sponsor");

        Instant afterWindow = t0.plus(Duration.ofDays(61));
        String renewed = scopedWork().call(null, null,
                () -> clicks.record(codeOf(second), "192.0.2.9", token, afterWindow, firstClick)).orElseThrow();
        assertEquals(second, scopedWork().call(null, null, () -> clicks.liveClick(renewed, afterWindow)).orElseThrow()
                .sponsorUserId(), "once the first click is outside the window, a new click counts");

        String replaced = scopedWork().call(null, null,
                () -> clicks.record(codeOf(second), "192.0.2.9", token, t1, lastClick)).orElseThrow();
        assertEquals(second, scopedWork().call(null, null, () -> clicks.liveClick(replaced, t1)).orElseThrow()
                .sponsorUserId(), "last click (the default): the newest link wins");
    }

    private static UUID signUpWithCookie(String token) {
        Browser browser = new Browser();
        browser.setCookie(UserSignedUp.ATTRIBUTION_COOKIE, token);
        String email = Accounts.uniqueEmail("cookie");
        Accounts.signUp(browser, email, "Cookie workspace");
        return Accounts.user(email).id;
    }
}
