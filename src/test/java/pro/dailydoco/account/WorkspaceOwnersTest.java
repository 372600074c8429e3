package pro.dailydoco.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import pro.dailydoco.mail.MailSender;
import pro.dailydoco.sso.SsoFlow;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;
import pro.dailydoco.support.KeycloakResource;
import pro.dailydoco.support.TestTenants;
import pro.dailydoco.tenant.ScopedWork;
import pro.dailydoco.tenant.Tenant;
import pro.dailydoco.tenant.TenantDefinitions;

/** Owners of workspaces declared in tenants/*.yaml ({@code owners:}) and owners assigned by the operator. */
@QuarkusTest
class WorkspaceOwnersTest {

    @Inject
    TenantDefinitions definitions;

    @Inject
    WorkspaceOwners owners;

    @Inject
    ScopedWork scopedWork;

    @Inject
    MockMailbox mailbox;

    @Inject
    MailSender mailSender;

    private Tenant ssoTenant;

    @AfterEach
    void releaseDomains() {
        SsoFlow.releaseDomains(ssoTenant);
    }

    /** Applies one tenant file, then what start-up does after it; returns the tenant. */
    private Tenant declare(String slug, String extraYaml) throws IOException {
        Path dir = Files.createTempDirectory("tenants");
        Files.writeString(dir.resolve(slug + ".yaml"), "slug: " + slug + "\nname: Declared " + slug + "\n" + extraYaml);
        definitions.loadAndApply(dir);
        owners.grantExisting();
        return QuarkusTransaction.requiringNew().call(() -> Tenant.findBySlug(slug).orElseThrow());
    }

    private Role roleIn(Tenant tenant, String email) {
        return scopedWork.call(tenant.id, null, () -> User.findByEmail(email).flatMap(u -> Membership.find(tenant.id, u.id))
                .map(m -> m.role).orElse(null));
    }

    private UUID membershipId(Tenant tenant, String email) {
        return scopedWork.call(tenant.id, null, () -> User.findByEmail(email).flatMap(u -> Membership.find(tenant.id, u.id))
                .map(m -> m.id).orElseThrow());
    }

    @SuppressWarnings("unchecked")
    private List<String> audit(Tenant tenant, String action) {
        return scopedWork.asTenant(tenant.id, () -> Tenant.getEntityManager()
                .createNativeQuery("select outcome || ' ' || details from audit_entry where tenant_id = ?1 and action = ?2 order by seq")
                .setParameter(1, tenant.id).setParameter(2, action).getResultList());
    }

    @Test
    void ownersInTheTenantFileBecomeOwnersOnceTheirAccountsExistWithAProvenAddress() throws IOException {
        String existing = Accounts.createMember(TestTenants.create("elsewhere"), Role.MEMBER);
        String later = Accounts.uniqueEmail("later-owner");
        String slug = TestTenants.uniqueSlug("declared");
        Tenant tenant = declare(slug, "owners: [" + existing.toUpperCase() + ", " + later + "]\n");
        assertEquals(List.of(existing, later), tenant.declaredOwners, "kept in lower case");
        assertEquals(Role.OWNER, roleIn(tenant, existing), "an account that already exists: at start-up");
        assertEquals(List.of("SUCCESS {\"from\":\"none\",\"via\":\"tenant-file\"}"), audit(tenant, "member.owner-granted"));

        // Signing up with the address is not enough: anyone can type any address.
        Browser browser = new Browser();
        Accounts.signUp(browser, later, "Later Co");
        assertNull(roleIn(tenant, later), "not before the address is confirmed");
        mailSender.sendDueNow();
        List<Mail> mails = mailbox.getMailsSentTo(later);
        String link = mails.get(mails.size() - 1).getText().lines().filter(l -> l.contains("/verify-email?token=")).findFirst()
                .orElseThrow().trim();
        String token = java.net.URLDecoder.decode(link.substring(link.indexOf("token=") + 6), java.nio.charset.StandardCharsets.UTF_8);
        browser.get(link.replaceFirst("^https?://[^/]+", "")); // the page the mailed link opens, with its form
        assertEquals(200, browser.post("/verify-email", "token", token).statusCode());
        assertEquals(Role.OWNER, roleIn(tenant, later), "once the confirmation link is used");
    }

    @Test
    void aRestartKeepsOwnersAddedOnThePageAndADeclaredOwnerCantBeDemotedThere() throws IOException {
        String declared = Accounts.createMember(TestTenants.create("elsewhere"), Role.MEMBER);
        String slug = TestTenants.uniqueSlug("declared");
        Tenant tenant = declare(slug, "plan: TEAM\nowners: [" + declared + "]\n");
        String colleague = Accounts.createMember(tenant, Role.MEMBER);

        Browser owner = new Browser();
        assertEquals(303, Accounts.signIn(owner, declared, Accounts.PASSWORD).statusCode());
        Response page = owner.get("/t/" + slug + "/members");
        assertEquals(200, page.statusCode());
        String note = Browser.html(page).select("#declared-owner-" + membershipId(tenant, declared)).text();
        assertTrue(note.contains("listed in the workspace's tenant file"), page.asString());
        assertEquals(303, owner.post("/t/" + slug + "/members/" + membershipId(tenant, colleague) + "/role", "role", "OWNER")
                .statusCode());

        // A restart (the file applied again, even changed) never removes the owner added on the page.
        declare(slug, "plan: TEAM\nowners: [" + declared + "]\nhostnames: [" + slug + ".example.org]\n");
        assertEquals(Role.OWNER, roleIn(tenant, colleague));

        // The colleague, an owner now, can't demote or remove the declared owner: the page says why.
        Browser other = new Browser();
        assertEquals(303, Accounts.signIn(other, colleague, Accounts.PASSWORD).statusCode());
        other.get("/t/" + slug + "/members");
        Response demote = other.post("/t/" + slug + "/members/" + membershipId(tenant, declared) + "/role", "role", "ADMIN");
        assertEquals(409, demote.statusCode(), demote.asString());
        assertTrue(demote.asString().contains("listed in the workspace&#39;s tenant file")
                || demote.asString().contains("listed in the workspace's tenant file"), demote.asString());
        assertEquals(409, other.post("/t/" + slug + "/members/" + membershipId(tenant, declared) + "/remove").statusCode());
        Response transfer = owner.post("/t/" + slug + "/members/" + membershipId(tenant, colleague) + "/transfer-ownership");
        assertEquals(409, transfer.statusCode(), "a declared owner can't hand the role away");
        assertEquals(Role.OWNER, roleIn(tenant, declared));
    }

    @Test
    void theOperatorMakesAnExistingConfirmedAccountAnOwner() {
        Tenant tenant = TestTenants.create("ownerless");
        String person = Accounts.createMember(TestTenants.create("elsewhere"), Role.MEMBER);
        Browser operator = Accounts.signedInOperator();
        operator.get("/operator/tenants");
        Response assigned = operator.post("/operator/tenants/" + tenant.id + "/owners", "email", " " + person.toUpperCase() + " ");
        assertEquals(303, assigned.statusCode(), assigned.asString());
        assertEquals(Role.OWNER, roleIn(tenant, person));
        List<String> audited = audit(tenant, "member.owner-granted");
        assertEquals(1, audited.size());
        assertTrue(audited.get(0).contains("\"via\":\"operator\""), audited.toString());

        Response unknown = operator.post("/operator/tenants/" + tenant.id + "/owners", "email", "nobody-" + UUID.randomUUID() + "@x.test");
        assertEquals(400, unknown.statusCode());
        assertTrue(unknown.asString().contains("No active account uses"), unknown.asString());
        assertEquals(404, operator.post("/operator/tenants/" + UUID.randomUUID() + "/owners", "email", person).statusCode());
        assertEquals(1, audit(tenant, "member.owner-granted").size(), "nothing else written");
    }

    @Test
    void aDeclaredOwnerSigningInThroughSsoForTheFirstTimeIsAnOwner() throws IOException {
        KeycloakResource.awaitReady();
        String domain = "own-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        String email = "it-admin@" + domain;
        String slug = TestTenants.uniqueSlug("declared-sso");
        ssoTenant = declare(slug, "plan: ENTERPRISE\nowners: [" + email + "]\n");
        SsoFlow.configure(ssoTenant, KeycloakResource.issuer(SsoFlow.REALM_A), "dailydoco", "secret-idp-a", "{}", false, domain);
        SsoFlow.createIdpUser(SsoFlow.REALM_A, email);
        Response done = SsoFlow.signIn(new Browser(), slug, email, SsoFlow.REALM_A);
        assertEquals(303, done.statusCode(), done.asString());
        assertEquals(Role.OWNER, roleIn(ssoTenant, email), "not the default role: the file names this person");
        assertNotNull(Accounts.user(email).emailVerifiedAt);
    }
}
