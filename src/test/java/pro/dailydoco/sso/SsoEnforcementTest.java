package pro.dailydoco.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import pro.dailydoco.account.Role;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;
import pro.dailydoco.support.KeycloakResource;
import pro.dailydoco.support.TestTenants;
import pro.dailydoco.tenant.ScopedWork;
import pro.dailydoco.tenant.Tenant;

@QuarkusTest
class SsoEnforcementTest {

    private Tenant tenant;

    @AfterEach
    void release() {
        SsoFlow.releaseDomains(tenant);
    }

    /** A tenant enforcing SSO for a fresh domain, with a password member and a password owner in that domain. */
    private String domain() {
        String domain = "enf-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        tenant = TestTenants.withPlan("sso-enf", "ENTERPRISE");
        SsoFlow.configure(tenant, KeycloakResource.issuer(SsoFlow.REALM_A), "dailydoco", "secret-idp-a", "{}", true, domain);
        return domain;
    }

    private String member(String domain, Role role) {
        return Accounts.createMember(tenant, role,
                role.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 6) + "@" + domain);
    }

    @Test
    void passwordLoginIsRefusedForEnforcedDomainsWithAPointerToSso() {
        String email = member(domain(), Role.ADMIN);
        Response answer = Accounts.signIn(new Browser(), email, Accounts.PASSWORD);
        assertEquals(403, answer.statusCode());
        assertTrue(answer.asString().contains("/t/" + tenant.slug + "/sso"), answer.asString());
    }

    @Test
    void ownerBreakGlassStillWorksAndIsAudited() {
        String email = member(domain(), Role.OWNER);
        Response answer = Accounts.signIn(new Browser(), email, Accounts.PASSWORD);
        assertEquals(303, answer.statusCode(), answer.asString());
        UUID ownerId = Accounts.user(email).id;
        long entries = Arc.container().instance(ScopedWork.class).get().asTenant(tenant.id, () -> ((Number) Tenant.getEntityManager()
                .createNativeQuery("select count(*) from audit_entry where tenant_id = ?1 and action = 'login.break-glass' and actor_user_id = ?2")
                .setParameter(1, tenant.id).setParameter(2, ownerId).getSingleResult()).longValue());
        assertEquals(1, entries);
    }

    @Test
    void losingEnterpriseSuspendsEnforcement() {
        String email = member(domain(), Role.MEMBER);
        QuarkusTransaction.requiringNew().run(() -> Tenant.update("planOverride = 'TEAM' where id = ?1", tenant.id));
        assertEquals(303, Accounts.signIn(new Browser(), email, Accounts.PASSWORD).statusCode());
    }

    @Test
    void theEmailStepSendsAClaimedDomainToItsWorkspacesIdp() {
        String domain = domain();
        KeycloakResource.awaitReady();
        Browser browser = new Browser();
        browser.get("/login");
        Response answer = browser.post("/login/email", "email", " Someone@" + domain.toUpperCase() + " ");
        assertEquals(303, answer.statusCode(), answer.asString());
        assertEquals("/t/" + tenant.slug + "/sso", answer.getHeader("Location"));
        String authorize = SsoFlow.authorizationRequest(browser, tenant.slug);
        assertTrue(authorize.startsWith(KeycloakResource.issuer(SsoFlow.REALM_A) + "/protocol/openid-connect/auth?"), authorize);

        Response unclaimed = browser.post("/login/email", "email", "someone@unclaimed-" + UUID.randomUUID() + ".example");
        assertEquals(200, unclaimed.statusCode());
        assertTrue(Browser.html(unclaimed).selectFirst("form[action='/login'] input[type=password]") != null, "password step");
    }

    @Test
    void withoutEnterpriseTheEmailStepAsksForThePassword() {
        String domain = domain();
        QuarkusTransaction.requiringNew().run(() -> Tenant.update("planOverride = 'TEAM' where id = ?1", tenant.id));
        Browser browser = new Browser();
        browser.get("/login");
        Response answer = browser.post("/login/email", "email", "someone@" + domain);
        assertEquals(200, answer.statusCode(), answer.asString());
        assertTrue(Browser.html(answer).selectFirst("form[action='/login'] input[type=password]") != null, "password step");
    }
}
