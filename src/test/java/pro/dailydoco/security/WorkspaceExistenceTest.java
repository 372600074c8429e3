package pro.dailydoco.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import pro.dailydoco.account.Role;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;
import pro.dailydoco.support.TestTenants;
import pro.dailydoco.tenant.Tenant;
import pro.dailydoco.tenant.TenantStatus;

/**
 * Someone outside a workspace (signed out, or signed in elsewhere) learns nothing from its addresses: every answer
 * is the one 404 page an unknown address gets, byte for byte, without the workspace's name or branding.
 */
@QuarkusTest
class WorkspaceExistenceTest {

    private static final List<String> PAGES = List.of("/", "/projects", "/members", "/sso", "/sso/login",
            "/invitations/junk-token", "/no-such-page");

    @Test
    void aSignedOutVisitorGetsTheSameAnswerForAnExistingAndAnUnknownWorkspace() {
        Tenant existing = TestTenants.create("exists");
        Browser visitor = new Browser();
        visitor.get("/login"); // a CSRF cookie, so both answers carry the same token
        assertSameAnswers(visitor, existing, TestTenants.uniqueSlug("nobody"));
    }

    @Test
    void aSignedInNonMemberGetsTheSameAnswerForAnExistingAndAnUnknownWorkspace() {
        Tenant existing = TestTenants.create("exists");
        Tenant elsewhere = TestTenants.create("elsewhere");
        // The outsider's own workspace keeps its colours in the header on every page; other colours than the
        // asked-for workspace's, so the check below can only find the latter's.
        QuarkusTransaction.requiringNew().run(() -> Tenant.update("primaryColor = ?1 where id = ?2", "#654321", elsewhere.id));
        Browser outsider = Accounts.signedInMember(elsewhere, Role.OWNER);
        outsider.get("/workspaces");
        assertSameAnswers(outsider, existing, TestTenants.uniqueSlug("nobody"));
    }

    @Test
    void aSuspendedWorkspaceLooksUnknownToOutsidersAndSuspendedToItsMembers() {
        Tenant suspended = TestTenants.create("susp", TenantStatus.SUSPENDED, List.of());
        Browser visitor = new Browser();
        visitor.get("/login");
        assertSameAnswers(visitor, suspended, TestTenants.uniqueSlug("nobody"));
    }

    @Test
    void htmxRequestsOfOutsidersAreAlike() {
        Tenant existing = TestTenants.create("exists");
        Browser visitor = new Browser();
        visitor.get("/login");
        Function<String, Response> htmx = slug -> visitor.request().header("HX-Request", "true")
                .get("/t/" + slug + "/referrals?period=3m");
        Response known = htmx.apply(existing.slug);
        String unknownSlug = TestTenants.uniqueSlug("nobody");
        Response unknown = htmx.apply(unknownSlug);
        assertEquals(404, known.statusCode());
        assertEquals(unknown.statusCode(), known.statusCode());
        assertEquals(unknown.asString(), known.asString());
        // The address asked for comes back in the sign-in link for both: it tells nothing the asker did not send.
        assertEquals(signInFor(existing.slug), known.getHeader("HX-Redirect"), "a signed-out member's htmx poll still reaches sign-in");
        assertEquals(signInFor(unknownSlug), unknown.getHeader("HX-Redirect"));
    }

    private static String signInFor(String slug) {
        return "/login?next=" + URLEncoder.encode("/t/" + slug + "/referrals?period=3m", StandardCharsets.UTF_8);
    }

    private static void assertSameAnswers(Browser browser, Tenant existing, String unknownSlug) {
        for (String page : PAGES) {
            Response known = browser.get("/t/" + existing.slug + page);
            Response unknown = browser.get("/t/" + unknownSlug + page);
            assertEquals(404, known.statusCode(), page + " of an existing workspace: " + known.asString());
            assertEquals(404, unknown.statusCode(), page + " of an unknown workspace");
            assertEquals(unknown.asString(), known.asString(), page + ": the bodies differ");
            assertFalse(known.asString().contains(existing.displayName), page + " names the workspace");
            assertFalse(known.asString().contains("#123456"), page + " shows the workspace's colours");
        }
        Response knownPost = browser.post("/t/" + existing.slug + "/projects", "name", "x");
        Response unknownPost = browser.post("/t/" + unknownSlug + "/projects", "name", "x");
        assertEquals(404, knownPost.statusCode(), "POST to an existing workspace");
        assertEquals(unknownPost.asString(), knownPost.asString(), "POST: the bodies differ");
    }
}
