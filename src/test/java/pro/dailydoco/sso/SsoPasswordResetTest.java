package pro.dailydoco.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.arc.Arc;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import pro.dailydoco.account.Role;
import pro.dailydoco.mail.MailSender;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;
import pro.dailydoco.support.MockOidcResource;
import pro.dailydoco.support.TestTenants;
import pro.dailydoco.tenant.Tenant;

/**
 * "Forgot password" is no way around a workspace's IdP: a person linked to it gets no password while the workspace
 * offers SSO (unless its admins allow passwords), and under "Require single sign-on" nobody in its domains does
 * (owners aside). The page answers the same in every case; what differs is the mail, which only the mailbox's owner
 * reads.
 */
@QuarkusTest
class SsoPasswordResetTest {

    private static final String GENERIC = "If an account exists for that address";

    @Inject
    MockMailbox mailbox;

    @Inject
    MailSender mailSender;

    private Tenant tenant;
    private String domain;

    @AfterEach
    void release() {
        SsoFlow.releaseDomains(tenant);
    }

    private void workspaceWithSso(boolean enforce) {
        tenant = TestTenants.withPlan("sso-reset", "ENTERPRISE");
        domain = "rst-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        SsoFlow.configure(tenant, MockOidcResource.issuer(MockOidcResource.WELL_BEHAVED), MockOidcResource.CLIENT_ID,
                "mock-secret", "{}", enforce, domain);
    }

    /** Someone the IdP provisioned (they never had a password). */
    private String linkedPerson() {
        String email = "linked-" + UUID.randomUUID().toString().substring(0, 6) + "@" + domain;
        Arc.container().instance(SsoLoginService.class).get().signIn(tenant.id, new SsoLoginService.Claims(
                MockOidcResource.issuer(MockOidcResource.WELL_BEHAVED), "sub-" + email, email, true, "Linked", List.of(),
                "id-token", "sid-" + email), "test", "127.0.0.1");
        return email;
    }

    /** Asks for a reset on the page and returns the mail that went out. */
    private String resetMailFor(String email) {
        Browser browser = new Browser();
        browser.get("/forgot-password");
        String page = browser.post("/forgot-password", "email", email).then().statusCode(200).extract().asString();
        assertTrue(page.contains(GENERIC), "the same answer whoever asks: " + page);
        mailSender.sendDueNow();
        List<Mail> mails = mailbox.getMailsSentTo(email);
        assertTrue(mails != null && !mails.isEmpty(), "a mail to " + email);
        return mails.get(mails.size() - 1).getText();
    }

    @Test
    void aPersonLinkedToTheIdpGetsNoResetLinkButThePathToSso() {
        workspaceWithSso(false);
        String mail = resetMailFor(linkedPerson());
        assertFalse(mail.contains("/reset-password?token="), mail);
        assertTrue(mail.contains("/t/" + tenant.slug + "/sso"), "where they sign in instead: " + mail);
        assertTrue(SsoFlow.audit(tenant, "password-reset.sso-required").stream().anyMatch(e -> e.startsWith("DENIED")));
    }

    @Test
    void whenTheWorkspaceAllowsPasswordsTheLinkedPersonGetsTheLink() {
        workspaceWithSso(false);
        String email = linkedPerson();
        Browser admin = Accounts.signedInMember(tenant, Role.ADMIN);
        admin.get("/t/" + tenant.slug + "/settings/sso");
        assertEquals(303, admin.post("/t/" + tenant.slug + "/settings/sso/password-access", "allowPasswords", "on").statusCode());
        assertTrue(admin.get("/t/" + tenant.slug + "/settings/sso").asString().contains("id=\"allowPasswords\" checked"),
                "the page shows the setting as saved");
        assertTrue(resetMailFor(email).contains("/reset-password?token="));
        List<String> audited = SsoFlow.audit(tenant, "sso.password-access-changed");
        assertEquals(1, audited.size(), audited.toString());
        assertTrue(audited.get(0).contains("true"), audited.toString());
    }

    @Test
    void underEnforcementNobodyInTheDomainGetsAResetLinkNotEvenWhenPasswordsAreAllowed() {
        workspaceWithSso(true);
        String member = Accounts.createMember(tenant, Role.ADMIN, "admin-" + UUID.randomUUID().toString().substring(0, 6) + "@" + domain);
        Browser admin = Accounts.signedInMember(tenant, Role.OWNER);
        admin.get("/t/" + tenant.slug + "/settings/sso");
        admin.post("/t/" + tenant.slug + "/settings/sso/password-access", "allowPasswords", "on");
        String mail = resetMailFor(member);
        assertFalse(mail.contains("/reset-password?token="), mail);
        assertTrue(mail.contains("/t/" + tenant.slug + "/sso"), mail);
    }

    @Test
    void anOwnerKeepsTheBreakGlassResetUnderEnforcement() {
        workspaceWithSso(true);
        String owner = Accounts.createMember(tenant, Role.OWNER, "owner-" + UUID.randomUUID().toString().substring(0, 6) + "@" + domain);
        assertTrue(resetMailFor(owner).contains("/reset-password?token="));
    }

    @Test
    void someoneOutsideEveryIdpStillGetsTheLink() {
        workspaceWithSso(false);
        String email = Accounts.createMember(TestTenants.create("plain"), Role.OWNER);
        assertTrue(resetMailFor(email).contains("/reset-password?token="));
    }
}
