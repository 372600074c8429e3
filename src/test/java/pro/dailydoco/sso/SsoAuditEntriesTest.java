package pro.dailydoco.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import pro.dailydoco.account.Role;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;
import pro.dailydoco.support.MockOidcResource;
import pro.dailydoco.support.TestTenants;
import pro.dailydoco.tenant.Tenant;

/** Password sign-ins of people in a workspace's SSO domains, refused or not, are on that workspace's audit page. */
@QuarkusTest
class SsoAuditEntriesTest {

    private Tenant tenant;
    private String domain;

    @AfterEach
    void release() {
        SsoFlow.releaseDomains(tenant);
    }

    private void workspaceWithSso(boolean enforce) {
        tenant = TestTenants.withPlan("sso-aud", "ENTERPRISE");
        domain = "aud-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        SsoFlow.configure(tenant, MockOidcResource.issuer(MockOidcResource.WELL_BEHAVED), MockOidcResource.CLIENT_ID,
                "mock-secret", "{}", enforce, domain);
    }

    private String auditPage(String action) {
        Browser owner = Accounts.signedInMember(tenant, Role.OWNER);
        return owner.get("/t/" + tenant.slug + "/audit?action=" + action).then().statusCode(200).extract().asString();
    }

    @Test
    void aPasswordSignInRefusedBecauseSsoIsRequiredIsOnTheWorkspacesAuditPage() {
        workspaceWithSso(true);
        String email = Accounts.createMember(tenant, Role.ADMIN, "adm-" + UUID.randomUUID().toString().substring(0, 6) + "@" + domain);
        assertEquals(403, Accounts.signIn(new Browser(), email, Accounts.PASSWORD).statusCode());
        List<String> entries = SsoFlow.audit(tenant, "login.sso-required");
        assertEquals(1, entries.size(), entries.toString());
        assertTrue(entries.get(0).startsWith("DENIED"), entries.toString());
        assertTrue(auditPage("login.sso-required").contains("login.sso-required"));
    }

    @Test
    void aPasswordSignInOfSomeoneInTheSsoDomainIsOnTheWorkspacesAuditPage() {
        workspaceWithSso(false);
        String email = Accounts.createMember(tenant, Role.MEMBER, "mem-" + UUID.randomUUID().toString().substring(0, 6) + "@" + domain);
        assertEquals(303, Accounts.signIn(new Browser(), email, Accounts.PASSWORD).statusCode());
        List<String> entries = SsoFlow.audit(tenant, "login.password");
        assertEquals(1, entries.size(), entries.toString());
        assertTrue(entries.get(0).startsWith("SUCCESS"), entries.toString());
        assertTrue(auditPage("login.password").contains("login.password"));
    }
}
