package pro.dailydoco.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import pro.dailydoco.support.Browser;
import pro.dailydoco.support.MockOidcResource;
import pro.dailydoco.support.TestTenants;
import pro.dailydoco.tenant.Tenant;

/**
 * The IdP refusing a person at their next sign-in (its {@code access_denied} answer to our callback, as after the
 * person was unassigned or deprovisioned) ends their access to the workspace, when that answer belongs to a flow
 * this browser started; a link to the error page alone changes nothing.
 */
@QuarkusTest
class SsoIdpRefusalTest {

    private static final Pattern STATE = Pattern.compile("[?&]state=([^&]+)");

    private Tenant tenant;

    @BeforeEach
    void workspace() {
        tenant = TestTenants.withPlan("sso-refuse", "ENTERPRISE");
        SsoFlow.configure(tenant, MockOidcResource.issuer(MockOidcResource.WELL_BEHAVED), MockOidcResource.CLIENT_ID,
                "mock-secret", "{}", false, MockOidcResource.EMAIL_DOMAIN);
    }

    @AfterEach
    void release() {
        SsoFlow.releaseDomains(tenant);
    }

    /** A browser signed in to the workspace through the mock IdP. */
    private Browser signedIn() {
        Browser browser = new Browser();
        String authorize = SsoFlow.authorizationRequest(browser, tenant.slug);
        assertEquals(303, SsoFlow.returnToApp(browser, SsoFlow.authorizeWithoutForm(authorize)).statusCode());
        assertTrue(inWorkspace(browser));
        return browser;
    }

    private boolean inWorkspace(Browser browser) {
        return browser.get("/t/" + tenant.slug + "/").statusCode() == 200;
    }

    @Test
    void anAccessDeniedAnswerToThisBrowsersFlowEndsItsAccess() {
        Browser browser = signedIn();
        // The person starts signing in again; the IdP answers the callback with access_denied and the flow's state.
        String authorize = SsoFlow.authorizationRequest(browser, tenant.slug);
        Matcher state = STATE.matcher(authorize);
        assertTrue(state.find(), authorize);
        Response toErrorPage = browser.getEncoded("/t/" + tenant.slug + "/sso/callback?error=access_denied&state=" + state.group(1));
        assertEquals(302, toErrorPage.statusCode(), toErrorPage.asString());
        Response page = browser.getEncoded(SsoFlow.localPart(URI.create(toErrorPage.getHeader("Location"))));

        assertEquals(401, page.statusCode());
        assertTrue(!inWorkspace(browser), "signed out of the workspace");
        List<String> ended = SsoFlow.audit(tenant, "account.access-ended");
        assertEquals(1, ended.size(), ended.toString());
        assertTrue(ended.get(0).contains("idp-refused-sign-in"), ended.toString());
    }

    @Test
    void aLinkToTheErrorPageAloneEndsNothing() {
        Browser browser = signedIn();
        Response page = browser.getEncoded("/t/" + tenant.slug + "/sso/error?error=access_denied&" + SsoIdpRefusal.MARKER + "=1.forged");
        assertEquals(401, page.statusCode());
        assertTrue(inWorkspace(browser), "a GET anyone can link to changes nothing");
        assertEquals(List.of(), SsoFlow.audit(tenant, "account.access-ended"));
    }
}
