package pro.dailydoco.account.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import pro.dailydoco.account.Membership;
import pro.dailydoco.account.Role;
import pro.dailydoco.account.SessionService;
import pro.dailydoco.account.Tokens;
import pro.dailydoco.account.WebSession;
import pro.dailydoco.home.WorkspaceHome;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;
import pro.dailydoco.support.CountingJdbcDriver;
import pro.dailydoco.support.TestClock;
import pro.dailydoco.support.TestTenants;
import pro.dailydoco.tenant.ScopedWork;
import pro.dailydoco.tenant.Tenant;
import pro.dailydoco.tenant.TenantStatus;

/**
 * Who is asking is read once per request, in the page's one transaction, and never kept across requests: what another
 * instance changes in the database (a revoked session, a new role, a suspension) shows on the very next request.
 */
@QuarkusTest
class WhoIsAskingTest {

    @Inject
    TestClock clock;

    @Inject
    SessionService sessions;

    @Inject
    ScopedWork scopedWork;

    @Inject
    WorkspaceHome workspaceHome;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aSignedInWorkspaceHomeCostsOneTransactionAndAFewStatements() {
        Tenant tenant = TestTenants.create("cost");
        Browser owner = Accounts.signedInMember(tenant, Role.OWNER);
        String home = "/t/" + tenant.slug + "/";
        owner.get(home).then().statusCode(200); // the first request may open pooled connections

        CountingJdbcDriver.Cost cost = CountingJdbcDriver.measure(() -> owner.get(home).then().statusCode(200)
                .body(containsString(tenant.displayName)).body(containsString("href=\"/t/" + tenant.slug + "/members\"")));

        System.out.println("Signed-in workspace home (owner): " + cost); // the figure the benchmark's notes quote
        assertEquals(1, cost.transactions(), "transactions for one signed-in home page: " + cost);
        // The look-up (session, person, role, workspace, switcher) is one statement and the owner's payment banner
        // reads the subscription: beyond the home's own content (getting started, usage, recent work, team), which is
        // measured on its own here, the request's path adds at most three statements.
        UUID ownerId = scopedWork.call(tenant.id, null, () -> Membership.<Membership>find("tenantId = ?1 and role = ?2",
                tenant.id, Role.OWNER).firstResult().userId);
        CountingJdbcDriver.Cost content = CountingJdbcDriver.measure(() -> scopedWork.call(tenant.id, ownerId,
                () -> workspaceHome.of(tenant, ownerId)));
        assertTrue(cost.statements() <= content.statements() + 3,
                "statements for one signed-in home page: " + cost + ", of which its content: " + content);
    }

    @Test
    void aPageStillCostsOneTransactionWhenTheSessionsLastSeenTimeIsDue() {
        Tenant tenant = TestTenants.create("touch");
        Browser member = Accounts.signedInMember(tenant, Role.MEMBER);
        String home = "/t/" + tenant.slug + "/";
        member.get(home).then().statusCode(200);
        clock.advance(Duration.ofMinutes(2));

        CountingJdbcDriver.Cost cost = CountingJdbcDriver.measure(() -> member.get(home).then().statusCode(200));

        assertEquals(1, cost.transactions(), "the last-seen write rides in the page's transaction: " + cost);
        assertEquals(clock.instant().truncatedTo(ChronoUnit.MINUTES),
                lastSeen(member).truncatedTo(ChronoUnit.MINUTES), "last seen written on the due request");
    }

    @Test
    void idleBookkeepingWritesAtMostOnceAMinute() {
        Tenant tenant = TestTenants.create("idle");
        Browser member = Accounts.signedInMember(tenant, Role.MEMBER);
        String home = "/t/" + tenant.slug + "/";
        Instant signedIn = lastSeen(member);

        clock.advance(Duration.ofSeconds(30));
        member.get(home).then().statusCode(200);
        assertEquals(signedIn, lastSeen(member), "not written within the minute after the last write");

        clock.advance(Duration.ofSeconds(31)); // 61 s after sign-in
        member.get(home).then().statusCode(200);
        Instant touched = lastSeen(member);
        assertTrue(touched.isAfter(signedIn.plusSeconds(60)), "written once a minute had passed: " + touched);

        clock.advance(Duration.ofSeconds(40));
        member.get(home).then().statusCode(200);
        member.get(home).then().statusCode(200);
        assertEquals(touched, lastSeen(member), "not written again within the minute");
    }

    @Test
    void aRevokedSessionIsRefusedOnTheNextRequest() {
        Tenant tenant = TestTenants.create("revoke");
        Browser member = Accounts.signedInMember(tenant, Role.MEMBER);
        String home = "/t/" + tenant.slug + "/";
        member.get(home).then().statusCode(200).body(containsString(tenant.displayName));

        sessions.revokeAll(userOf(member));

        member.get(home).then().statusCode(404).body(not(containsString(tenant.displayName)));
        Response account = member.request().redirects().follow(false).accept("text/html").get("/account");
        assertEquals(303, account.statusCode(), "signed out everywhere, not only in the workspace");
    }

    @Test
    void aRoleChangeIsSeenOnTheNextRequest() {
        Tenant tenant = TestTenants.create("role");
        Browser member = Accounts.signedInMember(tenant, Role.MEMBER);
        String team = "/t/" + tenant.slug + "/members";
        member.get(team).then().statusCode(403);
        // (The home links the team page for everyone since it shows the team; the role shows in the switcher.)
        member.get("/t/" + tenant.slug + "/").then().statusCode(200).body(not(containsString("(" + Role.ADMIN.label() + ")")));

        UUID userId = userOf(member);
        scopedWork.run(tenant.id, null, () -> Membership.update("role = ?1 where tenantId = ?2 and userId = ?3",
                Role.ADMIN, tenant.id, userId));

        member.get(team).then().statusCode(200);
        member.get("/t/" + tenant.slug + "/").then().statusCode(200).body(containsString("href=\"" + team + "\""))
                .body(containsString("(" + Role.ADMIN.label() + ")"));
    }

    @Test
    void aSuspendedWorkspaceIsRefusedOnTheNextRequest() {
        Tenant tenant = TestTenants.create("suspend");
        Browser member = Accounts.signedInMember(tenant, Role.MEMBER);
        String home = "/t/" + tenant.slug + "/";
        member.get(home).then().statusCode(200);

        QuarkusTransaction.requiringNew().run(() -> Tenant.update("status = ?1 where id = ?2", TenantStatus.SUSPENDED, tenant.id));

        member.get(home).then().statusCode(403).body(containsString("suspended"));
    }

    @Test
    void aFailedPageLeavesNoTransactionBehind() {
        Tenant tenant = TestTenants.create("after404");
        Browser member = Accounts.signedInMember(tenant, Role.MEMBER);
        member.get("/t/" + tenant.slug + "/no-such-page").then().statusCode(404);
        member.get("/t/" + TestTenants.uniqueSlug("unknown") + "/").then().statusCode(404);
        member.get("/t/" + tenant.slug + "/members").then().statusCode(403);

        CountingJdbcDriver.Cost cost = CountingJdbcDriver.measure(() -> member.get("/t/" + tenant.slug + "/")
                .then().statusCode(200).body(containsString(tenant.displayName)));
        assertEquals(1, cost.transactions(), "the next page on the same threads starts clean: " + cost);
    }

    private static UUID userOf(Browser browser) {
        return session(browser).ownerUserId;
    }

    private static Instant lastSeen(Browser browser) {
        return session(browser).lastSeenAt;
    }

    private static WebSession session(Browser browser) {
        String hash = Tokens.sha256(browser.cookie(SessionCookies.SESSION));
        return QuarkusTransaction.requiringNew().call(() -> WebSession.<WebSession>findById(hash));
    }
}
