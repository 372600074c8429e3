package pro.dailydoco.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import pro.dailydoco.support.TestTenants;

@QuarkusTest
class TenantDefinitionsTest {

    @Inject
    TenantDefinitions definitions;

    private static Optional<Tenant> find(String slug) {
        return QuarkusTransaction.requiringNew().call(() -> Tenant.findBySlug(slug));
    }

    private static Path folder(String... nameThenContent) throws IOException {
        Path dir = Files.createTempDirectory("tenants");
        for (int i = 0; i < nameThenContent.length; i += 2) {
            Files.writeString(dir.resolve(nameThenContent[i]), nameThenContent[i + 1]);
        }
        return dir;
    }

    @Test
    void shippedDemoAndAcmeTenantsAreLoadedAtStartup() {
        Tenant demo = find("demo").orElseThrow();
        assertEquals("TEAM", demo.planOverride);
        assertEquals(Tenant.Source.YAML, demo.source);
        Tenant acme = find("acme").orElseThrow();
        assertEquals("ENTERPRISE", acme.planOverride);
        assertTrue(acme.sso.contains("ACME_OIDC_CLIENT_SECRET"));
        assertTrue(acme.hostnames.contains("docs.acme.example"));
    }

    @Test
    void validDefinitionIsUpsertedBySlug() throws IOException {
        String slug = TestTenants.uniqueSlug("yaml");
        Path dir = folder("one.yaml", """
                slug: %s
                name: Yaml Co
                branding: { primaryColor: "#112233", logoUrl: https://cdn.example.com/logo.png }
                hostnames: [%s.example.net]
                plan: pro
                """.formatted(slug, slug));
        definitions.loadAndApply(dir);
        Tenant created = find(slug).orElseThrow();
        assertEquals("Yaml Co", created.displayName);
        assertEquals("#112233", created.primaryColor);
        assertEquals("PRO", created.planOverride);
        assertEquals(List.of(slug + ".example.net"), created.hostnames);

        Files.writeString(dir.resolve("one.yaml"), "slug: " + slug + "\nname: Yaml Company\n");
        definitions.loadAndApply(dir);
        Tenant updated = find(slug).orElseThrow();
        assertEquals(created.id, updated.id);
        assertEquals("Yaml Company", updated.displayName);
    }

    @Test
    void badFileStopsEverythingWithOneLineNamingFileAndField() throws IOException {
        String good = TestTenants.uniqueSlug("good");
        Path dir = folder(
                "a-good.yaml", "slug: " + good + "\nname: Good\n",
                "b-bad.yaml", "slug: " + TestTenants.uniqueSlug("bad") + "\nname: Bad\nbranding:\n  primaryColor: blue\n");
        TenantDefinitionException e = assertThrows(TenantDefinitionException.class, () -> definitions.loadAndApply(dir));
        assertEquals(dir.getFileName() + "/b-bad.yaml: field 'branding.primaryColor' must be a colour like #1f6feb; got 'blue'",
                e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertTrue(find(good).isEmpty(), "the good file must not be half-applied");
    }

    @Test
    void unknownFieldIsNamed() throws IOException {
        Path dir = folder("typo.yaml", "slug: " + TestTenants.uniqueSlug("typo") + "\nname: Typo\nbrandng: {}\n");
        TenantDefinitionException e = assertThrows(TenantDefinitionException.class, () -> definitions.loadAndApply(dir));
        assertTrue(e.getMessage().startsWith(dir.getFileName() + "/typo.yaml: field 'brandng' is not a known field"), e.getMessage());
    }

    @Test
    void clientSecretInClearIsRefused() throws IOException {
        Path dir = folder("secret.yaml", """
                slug: %s
                name: Secretive
                sso:
                  issuer: https://idp.example.com
                  clientId: app
                  clientSecret: hunter2
                  emailDomains: [example.com]
                """.formatted(TestTenants.uniqueSlug("secret")));
        TenantDefinitionException e = assertThrows(TenantDefinitionException.class, () -> definitions.loadAndApply(dir));
        assertTrue(e.getMessage().contains("field 'sso.clientSecret' must not be written"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"));
    }

    @Test
    void ssoFieldsAreValidated() throws IOException {
        Path dir = folder("sso.yaml", """
                slug: %s
                name: Sso
                sso:
                  issuer: http://idp.example.com
                  clientId: app
                  clientSecretEnv: SSO_SECRET
                  emailDomains: [example.com]
                """.formatted(TestTenants.uniqueSlug("sso")));
        TenantDefinitionException e = assertThrows(TenantDefinitionException.class, () -> definitions.loadAndApply(dir));
        assertTrue(e.getMessage().contains("field 'sso.issuer' must be an https:// issuer URL"), e.getMessage());
    }

    @Test
    void malformedYamlNamesTheFileAndLine() throws IOException {
        Path dir = folder("broken.yaml", "slug: [unclosed\nname: x\n");
        TenantDefinitionException e = assertThrows(TenantDefinitionException.class, () -> definitions.loadAndApply(dir));
        assertTrue(e.getMessage().startsWith(dir.getFileName() + "/broken.yaml: "), e.getMessage());
    }

    @Test
    void hostnameClaimedTwiceIsRefused() throws IOException {
        String host = TestTenants.uniqueSlug("dup") + ".example.net";
        Path dir = folder(
                "a.yaml", "slug: " + TestTenants.uniqueSlug("dupa") + "\nname: A\nhostnames: [" + host + "]\n",
                "b.yaml", "slug: " + TestTenants.uniqueSlug("dupb") + "\nname: B\nhostnames: [" + host + "]\n");
        TenantDefinitionException e = assertThrows(TenantDefinitionException.class, () -> definitions.loadAndApply(dir));
        assertTrue(e.getMessage().contains("b.yaml: field 'hostnames[0]'"), e.getMessage());
    }

    @Test
    void ssoEmailDomainClaimedByTwoFilesIsRefusedAndNothingIsApplied() throws IOException {
        String domain = TestTenants.uniqueSlug("corp") + ".example.org";
        String first = TestTenants.uniqueSlug("corpa");
        String sso = """
                sso:
                  issuer: https://idp.example.com
                  clientId: app
                  clientSecretEnv: SSO_SECRET
                  emailDomains: [%s]
                """.formatted(domain);
        Path dir = folder(
                "a.yaml", "slug: " + first + "\nname: A\n" + sso,
                "b.yaml", "slug: " + TestTenants.uniqueSlug("corpb") + "\nname: B\n" + sso);
        TenantDefinitionException e = assertThrows(TenantDefinitionException.class, () -> definitions.loadAndApply(dir));
        assertTrue(e.getMessage().contains("b.yaml: field 'sso.emailDomains[0]'"), e.getMessage());
        assertTrue(e.getMessage().contains("already claimed in " + dir.getFileName() + "/a.yaml"), e.getMessage());
        assertTrue(find(first).isEmpty(), "the valid first file is not applied either");
    }
}
