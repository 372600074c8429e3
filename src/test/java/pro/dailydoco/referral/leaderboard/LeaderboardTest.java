package pro.dailydoco.referral.leaderboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pro.dailydoco.referral.ReferralPeople.bean;
import static pro.dailydoco.referral.ReferralPeople.scopedWork;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import pro.dailydoco.core.Money;
import pro.dailydoco.referral.CommissionTiers;
import pro.dailydoco.referral.ReferralPeople;
import pro.dailydoco.referral.ledger.CommissionLedger;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;
import pro.dailydoco.support.TestClock;

/** The leaderboard: built by the job from changed roll-ups, anonymous unless opted in, shared by instances. */
@QuarkusTest
class LeaderboardTest {

    @Inject
    Leaderboard leaderboard;

    @Inject
    CommissionLedger ledger;

    @Inject
    TestClock clock;

    @Test
    void topReferrerAppearsAnonymouslyUntilTheyOptInAndSeesWhatGetsThemToTheNextRank() {
        Browser sponsorBrowser = new Browser();
        String email = Accounts.uniqueEmail("leader");
        Accounts.signUp(sponsorBrowser, email, "Leader");
        UUID sponsor = Accounts.user(email).id;
        UUID referred = ReferralPeople.signUpThroughLinkOf(sponsor, "leader-referred");
        scopedWork().call(null, null, () -> ledger.recordInvoicePaid("in_lead_" + UUID.randomUUID(), referred, null,
                null, Money.usd(500_000_000L), Instant.now()));
        assertTrue(leaderboard.refresh(Instant.now()) > 0);

        Document page = Browser.html(sponsorBrowser.get("/leaderboard?tab=all-earned"));
        Element first = page.select("#leaderboard-ranking tbody tr").first();
        assertEquals("1", first.select("td").get(0).text());
        assertEquals("Anonymous referrer (you)", first.select("td").get(1).text());
        assertEquals("$1,000,000.00", first.select("td").get(2).text(), "20 % of $5,000,000");
        assertEquals("11", page.select("#viral-score").text(), "10 × 1 paying referral + 1 × 1 sign-up");
        assertEquals("Bronze", page.select("#your-tier").text());
        assertTrue(page.select("#next-rank").text().contains("To reach Silver you need 39 more points: for example 4 more paying referrals, or 39 more sign-ups"));

        assertEquals(303, sponsorBrowser.post("/leaderboard/name", "displayName", "Ada L.").statusCode());
        Browser other = new Browser();
        Accounts.signUp(other, Accounts.uniqueEmail("viewer"), "Viewer");
        Element row = Browser.html(other.get("/leaderboard?tab=all-earned")).select("#leaderboard-ranking tbody tr").first();
        assertEquals("Ada L.", row.select("td").get(1).text(), "an opted-in name shows to others");

        sponsorBrowser.get("/leaderboard");
        sponsorBrowser.post("/leaderboard/name", "displayName", "");
        row = Browser.html(other.get("/leaderboard?tab=all-earned")).select("#leaderboard-ranking tbody tr").first();
        assertEquals("Anonymous referrer", row.select("td").get(1).text(), "opting out takes effect at once");
    }

    @Test
    void theRefreshVisitsOnlyPeopleWhoseRollUpsChanged() {
        UUID sponsor = ReferralPeople.signUpDirectly("lb-changed");
        ReferralPeople.signUpThroughLinkOf(sponsor, "lb-changed-first");
        assertTrue(leaderboard.refresh(Instant.now()) >= 1);
        assertEquals(1, signUpsOnTheBoard(sponsor));
        assertEquals(0, leaderboard.refresh(Instant.now()), "nothing changed: nobody is visited again");

        ReferralPeople.signUpThroughLinkOf(sponsor, "lb-changed-second");
        long named = ((Number) scopedWork().call(null, null, () -> bean(jakarta.persistence.EntityManager.class)
                .createNativeQuery("select count(distinct member_user_id) from referral_rollup_change").getSingleResult()))
                .longValue();
        assertTrue(named >= 1);
        assertEquals(named, leaderboard.refresh(Instant.now()), "exactly the people the change log names");
        assertEquals(2, signUpsOnTheBoard(sponsor));
    }

    @Test
    void aPersonAnotherInstanceIsRefreshingIsSkippedAndTheirChangeWaitsForTheNextRun() throws Exception {
        UUID sponsor = ReferralPeople.signUpDirectly("lb-turns");
        ReferralPeople.signUpThroughLinkOf(sponsor, "lb-turns-first");
        leaderboard.refresh(Instant.now());
        ReferralPeople.signUpThroughLinkOf(sponsor, "lb-turns-second");

        ExecutorService pool = Executors.newSingleThreadExecutor();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try {
            // Another instance is refreshing the sponsor: it holds their entry until it commits.
            Future<?> other = pool.submit(() -> scopedWork().run(null, null, () -> {
                bean(jakarta.persistence.EntityManager.class).createNativeQuery(
                        "select 1 from leaderboard_entry where user_key = ?1 for update").setParameter(1, sponsor)
                        .getResultList();
                held.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            assertTrue(held.await(30, TimeUnit.SECONDS));
            leaderboard.refresh(Instant.now()); // passes the sponsor by, without waiting
            assertEquals(1, signUpsOnTheBoard(sponsor), "left to the instance holding them");
            assertTrue(countOf("select count(*) from referral_rollup_change where member_user_id = ?1", sponsor) > 0,
                    "their change is still waiting");
            release.countDown();
            other.get(30, TimeUnit.SECONDS);
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
        assertEquals(1, leaderboard.refresh(Instant.now()), "the next run takes them, and only them");
        assertEquals(2, signUpsOnTheBoard(sponsor));
    }

    @Test
    void aChangedDisplayNameIsNotedForTheNextRefresh() {
        Browser browser = new Browser();
        String email = Accounts.uniqueEmail("lb-name");
        Accounts.signUp(browser, email, "Named");
        UUID user = Accounts.user(email).id;
        leaderboard.refresh(Instant.now());
        browser.get("/leaderboard");
        assertEquals(303, browser.post("/leaderboard/name", "displayName", "Grace H.").statusCode());
        assertEquals(1, leaderboard.refresh(Instant.now()), "the name change is a change like any other");
        assertEquals("Grace H.", scopedWork().call(null, null, () -> bean(jakarta.persistence.EntityManager.class)
                .createNativeQuery("select public_name from leaderboard_entry where user_key = ?1")
                .setParameter(1, user).getSingleResult()));
    }

    @Test
    void aNewMonthStartsEveryonesMonthlyFiguresAtZeroWithoutVisitingThem() {
        UUID sponsor;
        clock.advance(Duration.ofDays(-40)); // everything below happens last month, by the app's clock
        try {
            sponsor = ReferralPeople.signUpDirectly("lb-month");
            UUID referred = ReferralPeople.signUpThroughLinkOf(sponsor, "lb-month-referred");
            Instant paidAt = clock.instant();
            scopedWork().call(null, null, () -> ledger.recordInvoicePaid("in_lbm_" + UUID.randomUUID(), referred, null,
                    null, Money.usd(10_000), paidAt));
            leaderboard.refresh(clock.instant());
            assertEquals(List.of(1L, 1L, 2_000L, 2_000L), boardFiguresOf(sponsor), "paid last month, seen last month");
        } finally {
            clock.reset();
        }

        leaderboard.refresh(clock.instant());
        assertEquals(List.of(0L, 1L, 0L, 2_000L), boardFiguresOf(sponsor),
                "this month starts at zero; all-time figures stay");
    }

    @Test
    void aRunThatIsBehindThePersonsMonthNeitherWritesOldFiguresNorDropsTheirChanges() {
        UUID sponsor = ReferralPeople.signUpDirectly("lb-behind");
        UUID referred = ReferralPeople.signUpThroughLinkOf(sponsor, "lb-behind-referred");
        scopedWork().call(null, null, () -> ledger.recordInvoicePaid("in_lbb_" + UUID.randomUUID(), referred, null,
                null, Money.usd(10_000), clock.instant()));
        clock.advance(Duration.ofDays(-40)); // this host's clock lags a month behind the host that wrote the roll-ups
        try {
            leaderboard.refresh(clock.instant());
        } finally {
            clock.reset();
        }
        assertEquals(0, countOf("select count(*) from leaderboard_entry where user_key = ?1", sponsor),
                "no entry written from last month's point of view");
        assertTrue(countOf("select count(*) from referral_rollup_change where member_user_id = ?1", sponsor) > 0,
                "their changes wait for a run in their month");

        leaderboard.refresh(clock.instant());
        assertEquals(List.of(1L, 1L, 2_000L, 2_000L), boardFiguresOf(sponsor));
    }

    @Test
    void scoresFollowThePointsConfiguredNowWhoeverWasLastRefreshed() {
        UUID sponsor = ReferralPeople.signUpDirectly("lb-score");
        ReferralPeople.signUpThroughLinkOf(sponsor, "lb-score-referred");
        leaderboard.refresh(clock.instant());
        CommissionTiers configured = leaderboard.tiers();
        assertEquals(configured.standing(configured.score(0, 1)),
                scopedWork().call(null, sponsor, () -> leaderboard.standingOf(sponsor)),
                "one sign-up, scored with the configured points");
    }

    private static long countOf(String sql, UUID user) {
        return ((Number) scopedWork().call(null, null, () -> bean(jakarta.persistence.EntityManager.class)
                .createNativeQuery(sql).setParameter(1, user).getSingleResult())).longValue();
    }

    private static long signUpsOnTheBoard(UUID user) {
        return ((Number) scopedWork().call(null, null, () -> bean(jakarta.persistence.EntityManager.class)
                .createNativeQuery("select sign_ups_all from leaderboard_entry where user_key = ?1")
                .setParameter(1, user).getSingleResult())).longValue();
    }

    /** paying this month, paying all time, earned this month, earned all time. */
    private static List<Long> boardFiguresOf(UUID user) {
        Object[] row = (Object[]) scopedWork().call(null, null, () -> bean(jakarta.persistence.EntityManager.class)
                .createNativeQuery("""
                        select paying_month, paying_all, earned_month_minor, earned_all_minor from leaderboard_entry
                        where user_key = ?1""").setParameter(1, user).getSingleResult());
        return java.util.Arrays.stream(row).map(v -> ((Number) v).longValue()).toList();
    }

    @Test
    void tiersFollowTheViralScoreDefinition() {
        CommissionTiers tiers = new CommissionTiers(List.of("Bronze", "Silver", "Gold"), List.of(0L, 50L, 200L), 10, 1);
        assertEquals(45, tiers.score(4, 5));
        assertEquals(new CommissionTiers.Standing("Bronze", 45, "Silver", 5, 1, 5), tiers.standing(45));
        assertEquals("Gold", tiers.tierOf(200));
        assertTrue(tiers.standing(250).isTop());
    }
}
