package pro.dailydoco.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pro.dailydoco.sso.SsoFlow.REALM_A;
import static pro.dailydoco.sso.SsoFlow.REALM_B;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import pro.dailydoco.account.Role;
import pro.dailydoco.account.web.SessionCookies;
import pro.dailydoco.support.Browser;
import pro.dailydoco.support.KeycloakResource;
import pro.dailydoco.support.TestTenants;
import pro.dailydoco.tenant.Tenant;

@QuarkusTest
class SsoCodeFlowTest {

    static final String MAPPING = "{\"dailydoco-admins\":\"ADMIN\",\"finance\":\"BILLING\"}";

    private Tenant a;
    private Tenant b;

    @AfterEach
    void releaseDomains() {
        SsoFlow.releaseDomains(a);
        SsoFlow.releaseDomains(b);
    }

    private void twoTenantsWithTwoIdps() {
        KeycloakResource.awaitReady();
        a = TestTenants.withPlan("sso-a", "ENTERPRISE");
        b = TestTenants.withPlan("sso-b", "ENTERPRISE");
        SsoFlow.configure(a, KeycloakResource.issuer(REALM_A), "dailydoco", "secret-idp-a", MAPPING, false, "a.example");
        SsoFlow.configure(b, KeycloakResource.issuer(REALM_B), "dailydoco", "secret-idp-b", "{}", false, "b.example");
    }

    @Test
    void eachTenantSignsInThroughItsOwnIdpWithMappedRoles() {
        twoTenantsWithTwoIdps();
        Browser alice = new Browser();
        Response done = SsoFlow.signIn(alice, a.slug, "alice@a.example", REALM_A);
        assertEquals(303, done.statusCode(), done.asString());
        assertEquals("/t/" + a.slug + "/", done.getHeader("Location"));
        assertNotNull(alice.cookie(SessionCookies.SESSION));
        assertEquals(200, alice.get("/t/" + a.slug + "/").statusCode());
        assertEquals(Role.ADMIN, SsoFlow.roleIn(a, "alice@a.example"));
        assertEquals(List.of("SUCCESS {\"role\":\"ADMIN\"}"), SsoFlow.audit(a, "sso.member-provisioned"));
        assertEquals(List.of("SUCCESS {}"), SsoFlow.audit(a, "sso.login"));

        Browser dan = new Browser();
        assertEquals(303, SsoFlow.signIn(dan, b.slug, "dan@b.example", REALM_B).statusCode());
        assertEquals(200, dan.get("/t/" + b.slug + "/").statusCode());
        assertEquals(Role.MEMBER, SsoFlow.roleIn(b, "dan@b.example"));

        Browser fiona = new Browser();
        assertEquals(303, SsoFlow.signIn(fiona, a.slug, "fiona@a.example", REALM_A).statusCode());
        assertEquals(Role.BILLING, SsoFlow.roleIn(a, "fiona@a.example"));
    }

    @Test
    void aClaimedDomainTypedOnTheLoginPageSignsInThroughItsIdp() {
        twoTenantsWithTwoIdps();
        Browser bob = new Browser();
        bob.get("/login?next=/account");
        Response step1 = bob.post("/login/email", "email", "bob@a.example", "next", "/account");
        assertEquals(303, step1.statusCode(), step1.asString());
        assertEquals("/t/" + a.slug + "/sso", step1.getHeader("Location"));
        Response done = SsoFlow.signIn(bob, a.slug, "bob@a.example", REALM_A);
        assertEquals(303, done.statusCode(), done.asString());
        assertEquals("/t/" + a.slug + "/", done.getHeader("Location"));
        assertEquals(200, bob.get("/t/" + a.slug + "/").statusCode());
    }

    @Test
    void theAuthorizationRequestCarriesStateNonceAndPkce() {
        twoTenantsWithTwoIdps();
        URI authorize = URI.create(SsoFlow.authorizationRequest(new Browser(), a.slug));
        assertEquals("code", queryParameter(authorize, "response_type"));
        assertEquals("dailydoco", queryParameter(authorize, "client_id"));
        assertTrue(queryParameter(authorize, "scope").contains("openid"), authorize.toString());
        for (String name : List.of("state", "nonce", "code_challenge")) {
            String value = queryParameter(authorize, name);
            assertNotNull(value, name + " in " + authorize);
            assertTrue(value.length() >= 16, name + " is long enough to be unguessable: " + value);
        }
        assertEquals("S256", queryParameter(authorize, "code_challenge_method"));
        // A fresh flow gets fresh values.
        URI again = URI.create(SsoFlow.authorizationRequest(new Browser(), a.slug));
        for (String name : List.of("state", "nonce", "code_challenge")) {
            assertNotEquals(queryParameter(authorize, name), queryParameter(again, name), name);
        }
    }

    @Test
    void theRedirectUriSentToTheIdpIsOnTheBaseUrlWhateverHostTheRequestNamed() {
        twoTenantsWithTwoIdps();
        String flow = ConfigProvider.getConfig().getValue("dailydoco.tenant.base-url", String.class).replaceAll("/+$", "")
                + "/t/" + a.slug + "/sso";
        Browser browser = new Browser();
        Response start = browser.getVia("evil.example", "/t/" + a.slug + "/sso");
        assertEquals(flow + "/login", SsoFlow.continueUrl(start));
        Response challenge = browser.getVia("evil.example:8443", "/t/" + a.slug + "/sso/login");
        assertEquals(302, challenge.statusCode(), challenge.asString());
        URI authorize = URI.create(challenge.getHeader("Location"));
        assertEquals(flow + "/callback", queryParameter(authorize, "redirect_uri"));

        // Keycloak's client accepts redirect URIs on the base URL only (src/test/resources/keycloak): the flow goes on.
        Response form = RestAssured.given().urlEncodingEnabled(false).redirects().follow(false).get(authorize.toString());
        assertEquals(200, form.statusCode(), form.asString());
        Response back = SsoFlow.submitCredentials(new SsoFlow.Idp(authorize.toString(), form, form.getCookies()),
                "alice@a.example", SsoFlow.password(REALM_A));
        assertTrue(back.getHeader("Location").startsWith(flow + "/callback?"), back.getHeader("Location"));
        assertEquals(303, SsoFlow.returnToApp(browser, back).statusCode());
    }

    private static String queryParameter(URI uri, String name) {
        return Arrays.stream(uri.getRawQuery().split("&")).filter(p -> p.startsWith(name + "="))
                .map(p -> URLDecoder.decode(p.substring(name.length() + 1), StandardCharsets.UTF_8)).findFirst().orElse(null);
    }

    @Test
    void aSessionFromTenantAsIdpNeverOpensTenantB() {
        twoTenantsWithTwoIdps();
        Browser alice = new Browser();
        assertEquals(303, SsoFlow.signIn(alice, a.slug, "alice@a.example", REALM_A).statusCode());
        assertEquals(404, alice.get("/t/" + b.slug + "/").statusCode());
    }

    @Test
    void signOutEndsOurSessionAndTheSessionAtTheIdpWithTheIdTokenAsHint() {
        twoTenantsWithTwoIdps();
        Browser alice = new Browser();
        assertEquals(303, SsoFlow.signIn(alice, a.slug, "alice@a.example", REALM_A).statusCode());
        String stored = logoutHintOf(alice);
        assertNotNull(stored, "the session keeps what the IdP's logout needs");
        assertTrue(!stored.startsWith("eyJ"), "sealed, not the token in the clear");
        alice.get("/t/" + a.slug + "/");
        String sessionCookie = alice.cookie(SessionCookies.SESSION);
        Response out = alice.post("/logout");
        // A page that moves on by itself: a redirect to the IdP after this form POST is refused under form-action 'self'.
        assertEquals(200, out.statusCode(), out.asString());
        String endSession = Browser.html(out).selectFirst("meta[http-equiv=refresh]").attr("content").replaceFirst("^0; url=", "");
        assertEquals(endSession, Browser.html(out).selectFirst("a#sign-out-continue").attr("href"));
        assertTrue(endSession.startsWith(KeycloakResource.issuer(REALM_A) + "/protocol/openid-connect/logout?id_token_hint="),
                endSession);
        URI logout = URI.create(endSession);
        String hint = queryParameter(logout, "id_token_hint");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(hint.split("\\.")[1]), StandardCharsets.UTF_8);
        assertTrue(payload.contains("\"email\":\"alice@a.example\""), "the ID token Alice signed in with: " + payload);
        assertEquals("dailydoco", queryParameter(logout, "client_id"));
        assertEquals("http://localhost:8080/login", queryParameter(logout, "post_logout_redirect_uri"));
        assertEquals("no-store", out.getHeader("Cache-Control"));
        assertEquals(303, alice.get("/account").statusCode(), "signed out here");
        assertNull(logoutHintOf(sessionCookie), "an ended session keeps no token");
    }

    @Test
    void noOidcCookieOutlivesTheCallbackSoSignOutIsFinal() {
        twoTenantsWithTwoIdps();
        Browser alice = new Browser(); // keeps every cookie it is given, however large
        assertEquals(303, SsoFlow.signIn(alice, a.slug, "alice@a.example", REALM_A).statusCode());
        assertEquals(List.of(), alice.cookieNames().stream().filter(n -> n.startsWith("q_session")).toList(),
                "tokens stay on the server once our own session exists");
        alice.get("/t/" + a.slug + "/");
        alice.post("/logout");
        // Signing in again goes to the IdP: nothing in the browser signs it in on its own.
        Response again = alice.get("/t/" + a.slug + "/sso/login");
        assertEquals(302, again.statusCode(), again.getHeader("Location") + " " + again.asString());
        assertTrue(again.getHeader("Location").startsWith(KeycloakResource.issuer(REALM_A) + "/"), again.getHeader("Location"));
        assertNull(alice.cookie(SessionCookies.SESSION));
    }

    private static String logoutHintOf(Browser browser) {
        return logoutHintOf(browser.cookie(SessionCookies.SESSION));
    }

    private static String logoutHintOf(String sessionCookie) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> pro.dailydoco.account.WebSession
                .<pro.dailydoco.account.WebSession>find("idHash", pro.dailydoco.account.Tokens.sha256(sessionCookie)).firstResultOptional()
                .map(s -> s.idpLogoutHint).orElse(null));
    }

    @Test
    void aCodeFromIdpAIsRefusedAtTenantBsCallback() {
        twoTenantsWithTwoIdps();
        Browser browser = new Browser();
        SsoFlow.Idp idpA = SsoFlow.startAt(browser, a.slug);
        SsoFlow.startAt(browser, b.slug); // the browser also has B's state cookie
        Response fromA = SsoFlow.submitCredentials(idpA, "alice@a.example", SsoFlow.password(REALM_A));
        URI back = URI.create(fromA.getHeader("Location"));
        Response atB = browser.get("/t/" + b.slug + "/sso/callback?" + back.getRawQuery());
        // B's state does not match: quarkus-oidc starts B's own flow again (or refuses); never a session.
        boolean restartsAtIdpB = atB.statusCode() == 302
                && atB.getHeader("Location").startsWith(KeycloakResource.issuer(REALM_B) + "/");
        assertTrue(restartsAtIdpB || atB.statusCode() == 401, atB.statusCode() + " " + atB.getHeader("Location"));
        assertNull(browser.cookie(SessionCookies.SESSION));
        assertEquals(303, browser.get("/account").statusCode(), "still signed out");
    }

    @Test
    void aTamperedCodeLandsOnTheErrorPage() {
        twoTenantsWithTwoIdps();
        Browser browser = new Browser();
        SsoFlow.Idp idp = SsoFlow.startAt(browser, a.slug);
        URI back = URI.create(SsoFlow.submitCredentials(idp, "bob@a.example", SsoFlow.password(REALM_A)).getHeader("Location"));
        String tampered = back.getRawQuery().replaceAll("code=([^&]{5})", "code=XXXXX");
        Response answer = browser.get(back.getRawPath() + "?" + tampered);
        assertEquals(401, answer.statusCode(), answer.asString());
        assertNull(browser.cookie(SessionCookies.SESSION));
    }

    @Test
    void anIssuerOtherThanTheConfiguredOneIsRefused() {
        KeycloakResource.awaitReady();
        a = TestTenants.withPlan("sso-iss", "ENTERPRISE");
        // Keycloak calls itself http://127.0.0.1:…; the workspace trusts http://localhost:… — a different issuer.
        String otherName = KeycloakResource.issuer(REALM_A).replace("127.0.0.1", "localhost");
        SsoFlow.configure(a, otherName, "dailydoco", "secret-idp-a", MAPPING, false, "a.example");
        Browser browser = new Browser();
        assertEquals(200, browser.get("/t/" + a.slug + "/sso").statusCode());
        // Its discovery document names the other issuer, so it is not used (OIDC Discovery 1.0, 4.3): refused before
        // the person is sent to the IdP. (An ID token naming another issuer: SsoIdTokenChecksTest.)
        Response answer = browser.get("/t/" + a.slug + "/sso/login");
        assertEquals(502, answer.statusCode(), answer.asString());
        assertNull(browser.cookie(SessionCookies.SESSION));
    }

    @Test
    void unverifiedEmailIsNotProvisioned() {
        twoTenantsWithTwoIdps();
        Browser eve = new Browser();
        Response answer = SsoFlow.signIn(eve, a.slug, "eve@a.example", REALM_A);
        assertEquals(403, answer.statusCode(), answer.asString());
        assertTrue(answer.asString().contains("not verified your email"));
        assertNull(SsoFlow.roleIn(a, "eve@a.example"));
    }

    @Test
    void emailOutsideTheTenantsDomainsIsNotProvisioned() {
        twoTenantsWithTwoIdps();
        Response answer = SsoFlow.signIn(new Browser(), a.slug, "carol@elsewhere.example", REALM_A);
        assertEquals(403, answer.statusCode(), answer.asString());
        assertNull(SsoFlow.roleIn(a, "carol@elsewhere.example"));
    }

    @Test
    void idpErrorsLandOnAClearPage() {
        twoTenantsWithTwoIdps();
        Response page = new Browser().get("/t/" + a.slug + "/sso/error?error=access_denied&error_description=nope");
        assertEquals(401, page.statusCode());
        assertTrue(Browser.html(page).select("#sso-error").text().contains("declined"));
        assertEquals(List.of("FAILURE {\"reason\":\"idp-access_denied\"}"), SsoFlow.audit(a, "sso.login"));
    }
}
