package pro.dailydoco.tenant;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import pro.dailydoco.account.web.SessionCookies;
import pro.dailydoco.core.database.Replica;
import pro.dailydoco.referral.ReferralPeople;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;

/**
 * Dashboards, the leaderboard and operator analytics read a real streaming replica while it is close enough behind,
 * the primary when it falls behind or goes away, and who is asking, sign-in and money always read the primary
 * (docs/decisions/0216-lag-tolerant-reads-on-a-replica.md).
 */
@QuarkusTest
@TestProfile(ReplicaProfile.class)
class LagTolerantReadsTest {

    @Inject
    Replica replica;

    Browser browser;
    String email;
    String slug;

    @BeforeEach
    void signUpAndWaitForTheReplica() throws Exception {
        assumeTrue(ReplicaResource.replica != null, "a replica is made only of the embedded test server");
        browser = new Browser();
        email = Accounts.uniqueEmail("replica-reader");
        slug = Accounts.signUp(browser, email, "Replica reader");
        // The replica has the new person once it has replayed past the sign-up.
        long served = replica.servedByReplica();
        await(() -> clicksShown() != null && replica.servedByReplica() > served, "the replica serves the dashboard");
    }

    @Test
    void theDashboardComesFromTheReplicaUntilItFallsBehindTheBoundThenFromThePrimary() throws Exception {
        assertEquals("0", clicksShown());
        ReplicaResource.replica.pauseReplay();
        try {
            new Browser().get("/r/" + ReferralPeople.codeOf(Accounts.user(email).id)); // a click, on the primary
            long served = replica.servedByReplica();
            assertEquals("0", clicksShown(), "within the bound the replica answers, with its copy from before the click");
            assertTrue(replica.servedByReplica() > served, "counted as served by the replica");

            long fellBack = replica.fellBackToPrimary();
            long pausedAt = System.nanoTime();
            await(() -> "1".equals(clicksShown()), "past the bound the primary answers with the click");
            assertTrue((System.nanoTime() - pausedAt) / 1_000_000 < ReplicaProfile.MAX_LAG_MILLIS + 10_000);
            assertTrue(replica.fellBackToPrimary() > fellBack);
            assertEquals(200, browser.get("/leaderboard").statusCode());
            assertEquals(200, Accounts.signedInOperator().get("/operator/analytics").statusCode());
        } finally {
            ReplicaResource.replica.resumeReplay();
        }
        long served = replica.servedByReplica();
        await(() -> "1".equals(clicksShown()) && replica.servedByReplica() > served,
                "caught up again, the replica serves the page, click included");
    }

    @Test
    void aReplicaThatIsDownLeavesEveryPageAnsweringFromThePrimary() throws Exception {
        ReplicaResource.replica.stop();
        try {
            long fellBack = replica.fellBackToPrimary();
            assertEquals("0", clicksShown());
            Response leaderboard = browser.get("/leaderboard");
            assertEquals(200, leaderboard.statusCode());
            assertEquals(200, Accounts.signedInOperator().get("/operator/analytics").statusCode());
            assertTrue(replica.fellBackToPrimary() > fellBack);
        } finally {
            ReplicaResource.replica.restart();
        }
    }

    @Test
    void whoIsAskingSignInAndMoneyReadThePrimaryEvenWhenTheReplicaIsBehind() throws Exception {
        ReplicaResource.replica.pauseReplay();
        try {
            long served = replica.servedByReplica();
            long fellBack = replica.fellBackToPrimary();
            String session = browser.cookie(SessionCookies.SESSION);
            assertEquals(303, browser.post("/logout").statusCode());
            // The replica still has the session; the revocation must be seen at once, so who-is-asking reads the primary.
            Response withOldCookie = given().redirects().follow(false).cookie(SessionCookies.SESSION, session)
                    .header("X-Forwarded-For", browser.address()).accept("text/html").get("/t/" + slug + "/referrals");
            assertNotEquals(200, withOldCookie.statusCode(), "a signed-out session is refused at once");

            Browser again = new Browser();
            assertEquals(303, Accounts.signIn(again, email, Accounts.PASSWORD).statusCode(), "sign-in works");
            assertEquals(200, again.get("/t/" + slug + "/billing").statusCode(), "the billing page answers");
            assertEquals(served, replica.servedByReplica(), "sign-in, sign-out and billing read nothing on the replica");
            assertEquals(fellBack, replica.fellBackToPrimary(), "nor did they ask for it");
            try (Connection c = ReplicaResource.replica.superuser(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select pg_is_in_recovery(), pg_is_wal_replay_paused()")) {
                rs.next();
                assertTrue(rs.getBoolean(1) && rs.getBoolean(2), "all this while the replica was a paused standby");
            }
        } finally {
            ReplicaResource.replica.resumeReplay();
        }
    }

    private String clicksShown() {
        Response page = browser.get("/t/" + slug + "/referrals");
        return page.statusCode() == 200 ? Browser.html(page).select("#count-clicks").text() : null;
    }

    private static void await(Supplier<Boolean> condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.get()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting until " + what);
            Thread.sleep(100);
        }
    }
}
