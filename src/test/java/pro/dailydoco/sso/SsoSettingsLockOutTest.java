package pro.dailydoco.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import pro.dailydoco.account.Role;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;
import pro.dailydoco.support.MockOidcResource;
import pro.dailydoco.support.TestTenants;
import pro.dailydoco.tenant.Tenant;
import pro.dailydoco.tenant.TenantDefinitions;

/**
 * Settings that would lock people out, or switch SSO off without a word: a Save that names an identity provider
 * nobody can reach, page settings that hide the tenant file's forever, a client-secret variable that is not set.
 */
@QuarkusTest
class SsoSettingsLockOutTest {

    /** Read when used: the mock IdP has its address only once started. */
    private static String issuer() {
        return MockOidcResource.issuer(MockOidcResource.WELL_BEHAVED);
    }

    @Inject
    TenantDefinitions definitions;

    @Inject
    SsoSettingsService settings;

    /** A workspace whose tenant file declares SSO at the mock IdP, its secret in {@code secretVariable}. */
    private Tenant declared(String secretVariable) throws IOException {
        String slug = TestTenants.uniqueSlug("sso-lock");
        Path dir = Files.createTempDirectory("tenants");
        Files.writeString(dir.resolve(slug + ".yaml"), """
                slug: %s
                name: Lock Co
                plan: ENTERPRISE
                sso:
                  issuer: %s
                  clientId: dailydoco
                  clientSecretEnv: %s
                  emailDomains: [lock-%s.example]
                  enforce: true
                """.formatted(slug, issuer(), secretVariable, UUID.randomUUID().toString().substring(0, 8)));
        definitions.loadAndApply(dir);
        return QuarkusTransaction.requiringNew().call(() -> Tenant.findBySlug(slug).orElseThrow());
    }

    private static Response save(Browser admin, Tenant tenant, String issuer) {
        admin.get("/t/" + tenant.slug + "/settings/sso");
        return admin.post("/t/" + tenant.slug + "/settings/sso", "issuer", issuer, "clientId", "dailydoco", "clientSecret",
                "page-secret", "scopes", "openid email", "defaultRole", "MEMBER", "roleMapping", "", "enforce", "on");
    }

    @Test
    void saveRefusesAnIssuerWhoseDiscoveryFailsAndKeepsWhatWasSaved() {
        Tenant tenant = TestTenants.withPlan("sso-lock", "ENTERPRISE");
        Browser owner = Accounts.signedInMember(tenant, Role.OWNER);
        assertEquals(303, save(owner, tenant, issuer()).statusCode(), "a working issuer is saved");

        Response refused = save(owner, tenant, "http://127.0.0.1:1/realms/nothing-listens");

        assertEquals(400, refused.statusCode(), refused.asString());
        String message = Browser.html(refused).select(".field-error").text();
        assertTrue(message.contains("Nothing was saved") && message.contains("Could not connect to 127.0.0.1"), message);
        assertEquals(issuer(), settings.forTenant(tenant.id).orElseThrow().issuer(), "the working settings stay");
        assertEquals(1, SsoFlow.audit(tenant, "sso.settings-changed").size());
    }

    @Test
    void thePageSaysWhichSettingsAreInForceAndCanGoBackToTheTenantFile() throws IOException {
        Tenant tenant = declared("TEST_TENANT_FILE_SSO_SECRET");
        Browser owner = Accounts.signedInMember(tenant, Role.OWNER);
        String page = "/t/" + tenant.slug + "/settings/sso";
        assertTrue(Browser.html(owner.get(page)).select("#sso-source").text().contains("In force: the settings in the platform's tenant file"));
        assertNull(Browser.html(owner.get(page)).selectFirst("#sso-revert"), "nothing to revert yet");

        assertEquals(303, save(owner, tenant, issuer()).statusCode());
        Document overridden = Browser.html(owner.get(page));
        assertTrue(overridden.select("#sso-source").text().contains("override the platform's tenant file"), overridden.text());
        assertEquals(SsoSettings.Source.SETTINGS_PAGE, settings.forTenant(tenant.id).orElseThrow().source());

        assertNotNull(overridden.selectFirst("#sso-revert"));
        assertEquals(303, owner.post(page + "/revert").statusCode());

        SsoSettings now = settings.forTenant(tenant.id).orElseThrow();
        assertEquals(SsoSettings.Source.YAML, now.source(), "the file's settings are in force again");
        assertEquals("secret-idp-a", now.clientSecret().orElseThrow(), "with the file's secret");
        assertTrue(Browser.html(owner.get(page)).select("#sso-source").text().contains("tenant file"));
        assertEquals(1, SsoFlow.audit(tenant, "sso.settings-reverted-to-file").size());
    }

    @Test
    void aClientSecretVariableThatIsNotSetIsSaidAtStartUpOnTheSsoPageAndOnTheOperatorsPage() throws IOException {
        String variable = "DAILYDOCO_TEST_SSO_SECRET_NOT_SET_" + UUID.randomUUID().toString().substring(0, 4).toUpperCase();
        Tenant tenant = declared(variable);
        assertTrue(!settings.isUsable(settings.forTenant(tenant.id).orElseThrow()), "SSO is off without its secret");

        Browser owner = Accounts.signedInMember(tenant, Role.OWNER);
        String warning = Browser.html(owner.get("/t/" + tenant.slug + "/settings/sso")).select("#sso-secret-missing").text();
        assertTrue(warning.contains(variable) && warning.contains("off"), warning);

        String operatorPage = Browser.html(Accounts.signedInOperator().get("/operator/tenants")).select("#sso-secrets-missing").text();
        assertTrue(operatorPage.contains(tenant.slug) && operatorPage.contains(variable), operatorPage);

        List<String> warnings = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(String.valueOf(record.getParameters() == null ? record.getMessage()
                            : String.format(record.getMessage(), record.getParameters())));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger.getLogger("").addHandler(handler);
        try {
            io.quarkus.arc.Arc.container().instance(SsoSecretCheck.class).get().onStart(null); // what start-up runs
        } finally {
            Logger.getLogger("").removeHandler(handler);
        }
        assertTrue(warnings.stream().anyMatch(w -> w.contains(tenant.slug) && w.contains(variable) && w.contains("OFF")), warnings.toString());
    }
}
