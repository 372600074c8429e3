package pro.dailydoco.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.restassured.response.Response;
import io.quarkus.test.junit.QuarkusTest;
import pro.dailydoco.support.Browser;
import pro.dailydoco.support.MockOidcResource;
import pro.dailydoco.support.TestTenants;
import pro.dailydoco.tenant.Tenant;

/**
 * The workspace's "Sign in with SSO" link ({@code /t/{slug}/sso/start}) and OpenID Connect's third-party initiated
 * login through it, against mock-oauth2-server: the hint reaches the IdP, a page of the workspace is shown after
 * sign-in, and a link naming another issuer or another origin is not followed.
 */
@QuarkusTest
class SsoInitiatedSignInTest {

    /** Read when used: the mock IdP has its address only once started. */
    private static String issuer() {
        return MockOidcResource.issuer(MockOidcResource.WELL_BEHAVED);
    }

    private Tenant tenant;

    @BeforeEach
    void workspace() {
        tenant = TestTenants.withPlan("sso-init", "ENTERPRISE");
        SsoFlow.configure(tenant, issuer(), MockOidcResource.CLIENT_ID, "mock-secret", "{}", false, MockOidcResource.EMAIL_DOMAIN);
    }

    @AfterEach
    void release() {
        SsoFlow.releaseDomains(tenant);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** From the link to the end of the flow; returns our app's last answer and checks the request sent to the IdP. */
    private Response signInFrom(Browser browser, String link, String expectedHint) {
        String next = SsoFlow.continueUrl(browser.getEncoded(link));
        Response challenge = browser.getEncoded(SsoFlow.localPart(URI.create(next)));
        assertEquals(302, challenge.statusCode(), challenge.asString());
        String authorize = challenge.getHeader("Location");
        assertTrue(authorize.startsWith(issuer() + "/authorize?"), authorize);
        if (expectedHint != null) {
            assertTrue(authorize.contains("login_hint=" + encode(expectedHint)), authorize);
        }
        return SsoFlow.returnToApp(browser, SsoFlow.authorizeWithoutForm(authorize));
    }

    @Test
    void thePortalLinkSignsInToTheWorkspace() {
        Response done = signInFrom(new Browser(), "/t/" + tenant.slug + "/sso/start", null);
        assertEquals(303, done.statusCode(), done.asString());
        assertEquals("/t/" + tenant.slug + "/", done.getHeader("Location"));
    }

    @Test
    void aThirdPartyInitiatedLoginPassesTheHintAndShowsTheTargetPage() {
        String email = MockOidcResource.emailAt(MockOidcResource.WELL_BEHAVED);
        String target = "http://localhost:8080/t/" + tenant.slug + "/projects?sort=name";
        Response done = signInFrom(new Browser(), "/t/" + tenant.slug + "/sso/start?iss=" + encode(issuer()) + "&login_hint="
                + encode(email) + "&target_link_uri=" + encode(target), email);
        assertEquals(303, done.statusCode(), done.asString());
        assertEquals("/t/" + tenant.slug + "/projects?sort=name", done.getHeader("Location"));
    }

    @Test
    void aTargetOnAnotherOriginIsIgnored() {
        Response done = signInFrom(new Browser(), "/t/" + tenant.slug + "/sso/start?iss=" + encode(issuer())
                + "&target_link_uri=" + encode("https://evil.example/t/" + tenant.slug + "/projects"), null);
        assertEquals("/t/" + tenant.slug + "/", done.getHeader("Location"));
    }

    @Test
    void aLinkNamingAnotherIssuerIsNotFollowed() {
        Response refused = new Browser().getEncoded("/t/" + tenant.slug + "/sso/start?iss=" + encode("https://idp.evil.example/realms/x"));
        assertEquals(400, refused.statusCode(), refused.asString());
        assertTrue(Browser.html(refused).text().contains("not for this workspace"), refused.asString());
        assertTrue(Browser.html(refused).select("meta[http-equiv=refresh]").isEmpty(), "no hop to any IdP");
        assertTrue(SsoFlow.audit(tenant, "sso.login").stream().anyMatch(e -> e.startsWith("DENIED") && e.contains("initiating-issuer-mismatch")));
    }

    @Test
    void theSettingsPageShowsTheLinkAndTheBackChannelLogoutUrlToCopy() {
        Browser admin = pro.dailydoco.support.Accounts.signedInMember(tenant, pro.dailydoco.account.Role.ADMIN);
        var page = Browser.html(admin.get("/t/" + tenant.slug + "/settings/sso"));
        assertEquals("http://localhost:8080/t/" + tenant.slug + "/sso/start", page.select("#sso-sign-in-link").attr("value"));
        assertEquals("http://localhost:8080/t/" + tenant.slug + "/sso/backchannel-logout", page.select("#sso-backchannel-logout").attr("value"));
        assertEquals("#sso-sign-in-link", page.select("button[data-copy=#sso-sign-in-link]").attr("data-copy"));
    }
}
