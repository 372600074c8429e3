package pro.dailydoco.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import pro.dailydoco.account.Role;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;
import pro.dailydoco.support.KeycloakResource;
import pro.dailydoco.support.TestTenants;
import pro.dailydoco.tenant.ScopedWork;
import pro.dailydoco.tenant.Tenant;
import pro.dailydoco.tenant.TenantDefinitions;

/** The SSO settings page of a workspace whose SSO is declared in a tenant file, and its domain claims. */
@QuarkusTest
class SsoSettingsFromTenantFileTest {

    @Inject
    TenantDefinitions definitions;

    @Inject
    SsoSettingsService settings;

    @Inject
    ScopedWork scopedWork;

    private Tenant declared(String domain) throws IOException {
        KeycloakResource.awaitReady();
        String slug = TestTenants.uniqueSlug("sso-file");
        Path dir = Files.createTempDirectory("tenants");
        Files.writeString(dir.resolve(slug + ".yaml"), """
                slug: %s
                name: File SSO
                plan: ENTERPRISE
                sso:
                  issuer: %s
                  clientId: dailydoco
                  clientSecretEnv: TEST_TENANT_FILE_SSO_SECRET
                  emailDomains: [%s]
                  enforce: false
                """.formatted(slug, KeycloakResource.issuer(SsoFlow.REALM_A), domain));
        definitions.loadAndApply(dir);
        return QuarkusTransaction.requiringNew().call(() -> Tenant.findBySlug(slug).orElseThrow());
    }

    @Test
    void savingWithABlankSecretKeepsTheFilesSecretAndTheEnforceTick() throws IOException {
        String domain = "file-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        Tenant tenant = declared(domain);
        Browser admin = Accounts.signedInMember(tenant, Role.OWNER);
        String page = "/t/" + tenant.slug + "/settings/sso";
        assertTrue(admin.get(page).asString().contains("a secret is stored; leave blank to keep it"));
        Response saved = admin.post(page, "issuer", KeycloakResource.issuer(SsoFlow.REALM_A), "clientId", "dailydoco",
                "clientSecret", "", "scopes", "openid email profile", "defaultRole", "MEMBER", "roleMapping", "",
                "enforce", "on");
        assertEquals(303, saved.statusCode(), saved.asString());
        SsoSettings now = settings.forTenant(tenant.id).orElseThrow();
        assertEquals(SsoSettings.Source.SETTINGS_PAGE, now.source());
        assertTrue(now.enforce(), "the tick is kept");
        assertEquals("secret-idp-a", now.clientSecret().orElseThrow(), "the file's variable still supplies the secret");
        assertTrue(settings.isEnforced(now));
        assertTrue(Browser.html(admin.get(page)).selectFirst("input[name=enforce]").hasAttr("checked"));
    }

    @Test
    void theFilesDomainsAreListedAndPendingClaimsCanBeRemoved() throws IOException {
        String fileDomain = "file-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        Tenant tenant = declared(fileDomain);
        Browser admin = Accounts.signedInMember(tenant, Role.ADMIN);
        String page = "/t/" + tenant.slug + "/settings/sso";
        Response shown = admin.get(page);
        assertTrue(Browser.html(shown).select("#file-domain-" + fileDomain.replace(".", "\\.")).text()
                .contains("declared in the platform's tenant file"), shown.asString());

        String typo = "typo-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        assertEquals(303, admin.post(page + "/domains", "domain", typo).statusCode());
        UUID claimId = scopedWork.call(tenant.id, null, () -> SsoDomainClaim.<SsoDomainClaim>find("domain", typo).firstResult().id);
        admin.get(page);
        Response removed = admin.post(page + "/domains/" + claimId + "/remove");
        assertEquals(303, removed.statusCode(), removed.asString());
        assertEquals(0L, (long) scopedWork.call(tenant.id, null, () -> SsoDomainClaim.count("domain", typo)));
        assertEquals(List.of("SUCCESS {}"), SsoFlow.audit(tenant, "sso.domain-claim-removed"));
        assertEquals(404, admin.post(page + "/domains/" + claimId + "/remove").statusCode(), "gone");

        // Another workspace's claim is not this one's to remove.
        Tenant other = TestTenants.withPlan("sso-other", "ENTERPRISE");
        Browser otherAdmin = Accounts.signedInMember(other, Role.ADMIN);
        String otherDomain = "other-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        otherAdmin.get("/t/" + other.slug + "/settings/sso");
        otherAdmin.post("/t/" + other.slug + "/settings/sso/domains", "domain", otherDomain);
        UUID othersClaim = scopedWork.call(other.id, null, () -> SsoDomainClaim.<SsoDomainClaim>find("domain", otherDomain).firstResult().id);
        assertEquals(404, admin.post(page + "/domains/" + othersClaim + "/remove").statusCode());
        assertEquals(1L, (long) scopedWork.call(other.id, null, () -> SsoDomainClaim.count("domain", otherDomain)));
    }
}
