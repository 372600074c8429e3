package pro.dailydoco.sso;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import pro.dailydoco.account.SessionService;
import pro.dailydoco.account.User;
import pro.dailydoco.account.web.SessionCookies;
import pro.dailydoco.support.MockOidcResource;
import pro.dailydoco.support.TestTenants;
import pro.dailydoco.tenant.ScopedWork;
import pro.dailydoco.tenant.Tenant;

/**
 * OpenID Connect Back-Channel Logout 1.0 at {@code /t/{slug}/sso/backchannel-logout}: logout tokens really signed by
 * the workspace's IdP (mock-oauth2-server's published key) end the sessions they name; every token the specification
 * says to refuse is refused with 400 and ends nothing.
 */
@QuarkusTest
class SsoBackChannelLogoutTest {

    private static final String IDP = MockOidcResource.WELL_BEHAVED;

    private Tenant tenant;
    private String subject;
    private UUID userId;

    @org.junit.jupiter.api.BeforeAll
    static void wakeTheMockIdp() throws Exception {
        // Its first answer can take longer than the discovery deadline on a busy machine; a refusal is kept a minute.
        java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                MockOidcResource.issuer(IDP) + "/.well-known/openid-configuration")).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
    }

    @BeforeEach
    void workspaceWithSsoAtTheMockIdp() {
        tenant = TestTenants.withPlan("bcl", "ENTERPRISE");
        String domain = "bcl-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        SsoFlow.configure(tenant, MockOidcResource.issuer(IDP), MockOidcResource.CLIENT_ID, "mock-secret", "{}", false, domain);
        subject = "sub-" + UUID.randomUUID();
        String email = "pat@" + domain;
        ssoSession("idp-session-1", email); // provisions the person
        userId = Arc.container().instance(ScopedWork.class).get().asTenant(null, () -> User.findByEmail(email).orElseThrow().id);
    }

    @AfterEach
    void releaseDomains() {
        SsoFlow.releaseDomains(tenant);
    }

    /** A sign-in through the workspace's IdP, as the callback makes it, from the IdP session {@code sid}. */
    private String ssoSession(String sid, String email) {
        return Arc.container().instance(SsoLoginService.class).get().signIn(tenant.id, new SsoLoginService.Claims(
                MockOidcResource.issuer(IDP), subject, email, true, "Pat", List.of(), "id-token-" + sid, sid), "test", "127.0.0.1");
    }

    private String passwordSession() {
        return Arc.container().instance(SessionService.class).get().start(userId, "test", "127.0.0.1", null);
    }

    private boolean inWorkspace(String session) {
        return given().cookie(SessionCookies.SESSION, session).redirects().follow(false).get("/t/" + tenant.slug + "/")
                .statusCode() == 200;
    }

    /** A logout token as the IdP sends it: the back-channel event, a fresh jti, no nonce; {@code overrides} win. */
    private Map<String, Object> logoutClaims(Map<String, Object> overrides) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("iss", MockOidcResource.issuer(IDP));
        claims.put("aud", MockOidcResource.CLIENT_ID);
        claims.put("events", Map.of("http://schemas.openid.net/event/backchannel-logout", Map.of()));
        claims.put("jti", UUID.randomUUID().toString());
        claims.putAll(overrides);
        return claims;
    }

    private String logoutToken(Map<String, Object> overrides) {
        return MockOidcResource.signedToken(IDP, subject, logoutClaims(overrides));
    }

    private Response post(String token) {
        return given().contentType("application/x-www-form-urlencoded").formParam("logout_token", token)
                .post("/t/" + tenant.slug + "/sso/backchannel-logout");
    }

    @Test
    void aLogoutTokenWithASidEndsTheSessionsOfThatIdpSessionOnly() {
        String first = ssoSession("idp-session-1", null);
        String second = ssoSession("idp-session-2", null);
        assertTrue(inWorkspace(first) && inWorkspace(second), "both sessions work before");

        Response answer = post(logoutToken(Map.of("sid", "idp-session-1")));

        assertEquals(200, answer.statusCode(), answer.asString());
        assertEquals("no-store", answer.getHeader("Cache-Control"));
        assertTrue(!inWorkspace(first), "the IdP session's sign-in is over, on every instance (read from PostgreSQL)");
        assertTrue(inWorkspace(second), "another IdP session's sign-in stays");
        assertTrue(SsoFlow.audit(tenant, "sso.back-channel-logout").stream().anyMatch(e -> e.startsWith("SUCCESS")));
    }

    @Test
    void aLogoutTokenWithOnlyASubjectEndsTheirAccessToTheWorkspacePasswordSessionsIncluded() {
        String sso = ssoSession("idp-session-9", null);
        String password = passwordSession();

        Response answer = post(logoutToken(Map.of()));

        assertEquals(200, answer.statusCode(), answer.asString());
        assertTrue(!inWorkspace(sso), "the SSO session ended");
        assertTrue(!inWorkspace(password), "a password session reaches this workspace too, so it ended");
        List<String> entries = SsoFlow.audit(tenant, "account.access-ended");
        assertEquals(1, entries.size(), entries.toString());
        assertTrue(entries.get(0).contains("idp-logout"), entries.toString());
    }

    @Test
    void theSameLogoutTokenTwiceIsRefusedTheSecondTime() {
        String token = logoutToken(Map.of("sid", "idp-session-1"));
        assertEquals(200, post(token).statusCode());
        Response replay = post(token);
        assertEquals(400, replay.statusCode());
        assertEquals("invalid_request", replay.jsonPath().getString("error"));
        assertTrue(SsoFlow.audit(tenant, "sso.back-channel-logout").stream().anyMatch(e -> e.startsWith("DENIED") && e.contains("replayed")));
    }

    @Test
    void tokensTheSpecificationRefusesEndNothing() {
        String session = ssoSession("idp-session-1", null);
        Map<String, String> refused = new HashMap<>();
        refused.put("another IdP's key", MockOidcResource.signedToken(MockOidcResource.FOREIGN_AUDIENCE, subject,
                logoutClaims(Map.of("sid", "idp-session-1"))));
        refused.put("another audience", logoutToken(Map.of("sid", "idp-session-1", "aud", "someone-else")));
        refused.put("another issuer", logoutToken(Map.of("sid", "idp-session-1", "iss", "https://idp.elsewhere.example")));
        refused.put("no logout event", logoutToken(Map.of("sid", "idp-session-1", "events", Map.of("other", Map.of()))));
        refused.put("a nonce", logoutToken(Map.of("sid", "idp-session-1", "nonce", "n-1")));
        refused.put("issued an hour ago", logoutToken(Map.of("sid", "idp-session-1",
                "iat", Instant.now().minusSeconds(3600).getEpochSecond())));
        refused.put("not a token", "not.a.token");
        refused.put("nothing", "");
        refused.forEach((what, token) -> {
            Response answer = post(token);
            assertEquals(400, answer.statusCode(), what + ": " + answer.asString());
            assertEquals("invalid_request", answer.jsonPath().getString("error"), what);
        });
        assertTrue(inWorkspace(session), "no refused token ended the session");
    }

    @Test
    void aWorkspaceWithoutSsoHasNoSuchEndpoint() {
        Tenant plain = TestTenants.withPlan("bcl-none", "ENTERPRISE");
        Response answer = given().contentType("application/x-www-form-urlencoded").formParam("logout_token", logoutToken(Map.of()))
                .post("/t/" + plain.slug + "/sso/backchannel-logout");
        assertEquals(404, answer.statusCode());
    }
}
