package pro.dailydoco.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import pro.dailydoco.account.web.SessionCookies;
import pro.dailydoco.support.Browser;
import pro.dailydoco.support.MockOidcResource;
import pro.dailydoco.support.TestTenants;
import pro.dailydoco.tenant.ScopedWork;
import pro.dailydoco.tenant.Tenant;

/**
 * ID tokens that fail a check are refused: against mock-oauth2-server, whose issuers each mint one kind of token
 * (see {@link MockOidcResource}). Every refusal ends on the SSO error page, with no session and an audit entry.
 */
@QuarkusTest
class SsoIdTokenChecksTest {

    private Tenant tenant;

    @AfterEach
    void releaseDomains() {
        SsoFlow.releaseDomains(tenant);
    }

    /** Signs in at a fresh workspace whose SSO trusts the given issuer of the mock server. */
    private Response signInThrough(String issuerId, Browser browser) {
        tenant = TestTenants.withPlan("sso-tok", "ENTERPRISE");
        SsoFlow.configure(tenant, MockOidcResource.issuer(issuerId), MockOidcResource.CLIENT_ID, "mock-secret", "{}", false,
                MockOidcResource.EMAIL_DOMAIN);
        String authorize = SsoFlow.authorizationRequest(browser, tenant.slug);
        assertTrue(authorize.startsWith(MockOidcResource.issuer(issuerId) + "/authorize?"), authorize);
        return SsoFlow.returnToApp(browser, SsoFlow.authorizeWithoutForm(authorize));
    }

    @Test
    void aValidIdTokenFromTheMockServerSignsIn() {
        Browser browser = new Browser();
        Response done = signInThrough(MockOidcResource.WELL_BEHAVED, browser);
        assertEquals(303, done.statusCode(), done.asString());
        assertEquals("/t/" + tenant.slug + "/", done.getHeader("Location"));
        assertNotNull(browser.cookie(SessionCookies.SESSION));
        assertEquals(1, sessionsOf(MockOidcResource.emailAt(MockOidcResource.WELL_BEHAVED)));
    }

    @Test
    void anExpiredIdTokenIsRefused() {
        assertRefused(MockOidcResource.EXPIRED);
    }

    @Test
    void anIdTokenForAnotherAudienceIsRefused() {
        assertRefused(MockOidcResource.FOREIGN_AUDIENCE);
    }

    @Test
    void anIdTokenNamingAnotherIssuerIsRefused() {
        assertRefused(MockOidcResource.FOREIGN_ISSUER);
    }

    @Test
    void anIdTokenSignedWithAKeyTheIdpDoesNotPublishIsRefused() {
        assertRefused(MockOidcResource.UNPUBLISHED_KEY);
    }

    private void assertRefused(String issuerId) {
        Browser browser = new Browser();
        Response answer = signInThrough(issuerId, browser);
        assertEquals(401, answer.statusCode(), answer.asString());
        assertTrue(Browser.html(answer).select("#sso-error").text().contains("could not verify the answer from your identity provider"),
                answer.asString());
        assertNull(browser.cookie(SessionCookies.SESSION));
        assertEquals(0, sessionsOf(MockOidcResource.emailAt(issuerId)), "no session row");
        assertNull(SsoFlow.roleIn(tenant, MockOidcResource.emailAt(issuerId)), "not provisioned");
        assertEquals(List.of("FAILURE {\"reason\":\"token-refused\"}"), ssoLoginAudit(tenant));
    }

    private static long sessionsOf(String email) {
        return Arc.container().instance(ScopedWork.class).get().asTenant(null, () -> ((Number) Tenant.getEntityManager()
                .createNativeQuery("select count(*) from web_session s join app_user u on u.id = s.owner_user_id where u.email = ?1")
                .setParameter(1, email).getSingleResult()).longValue());
    }

    @SuppressWarnings("unchecked")
    private static List<String> ssoLoginAudit(Tenant tenant) {
        return Arc.container().instance(ScopedWork.class).get().asTenant(tenant.id, () -> Tenant.getEntityManager()
                .createNativeQuery("select outcome || ' ' || details from audit_entry where tenant_id = ?1 and action = 'sso.login' order by seq")
                .setParameter(1, tenant.id).getResultList());
    }
}
