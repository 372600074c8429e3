package pro.dailydoco.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.arc.Arc;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import pro.dailydoco.account.Role;
import pro.dailydoco.account.User;
import pro.dailydoco.account.web.SessionCookies;
import pro.dailydoco.mail.MailSender;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;
import pro.dailydoco.support.KeycloakResource;
import pro.dailydoco.support.TestTenants;
import pro.dailydoco.tenant.ScopedWork;
import pro.dailydoco.tenant.Tenant;

@QuarkusTest
class SsoEnforcementTest {

    @Inject
    MockMailbox mailbox;

    @Inject
    MailSender mailSender;

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
    void enforcementWithoutAClientSecretLocksNobodyOut() {
        String email = member(domain(), Role.ADMIN);
        Arc.container().instance(ScopedWork.class).get().run(tenant.id, null, () -> {
            SsoSettingsRow row = SsoSettingsRow.findById(tenant.id);
            row.clientSecretEnc = null; // SSO can't start without it
            row.version++;
        });
        Response answer = Accounts.signIn(new Browser(), email, Accounts.PASSWORD);
        assertEquals(303, answer.statusCode(), "the password works while SSO can't start: " + answer.asString());
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
    void signUpWithAnEnforcedEmailIsRefusedWithAPointerToSsoAndCreatesNothing() {
        String email = "newcomer-" + UUID.randomUUID().toString().substring(0, 6) + "@" + domain();
        Browser browser = new Browser();
        browser.get("/signup");
        Response answer = browser.post("/signup", "email", email, "password", Accounts.PASSWORD, "workspaceName", "Shadow IT");
        assertEquals(403, answer.statusCode(), answer.asString());
        assertEquals("/t/" + tenant.slug + "/sso", Browser.html(answer).select("a#sso-required").attr("href"));
        assertTrue(QuarkusTransaction.requiringNew().call(() -> User.findByEmail(email)).isEmpty(), "no account");
        assertEquals(null, browser.cookie(SessionCookies.SESSION), "no session");
        assertEquals(1, auditCount("signup.sso-required"));
    }

    @Test
    void anInvitationCannotCreateAPasswordAccountForAnEnforcedEmail() {
        String invitee = "invitee-" + UUID.randomUUID().toString().substring(0, 6) + "@" + domain();
        Tenant other = TestTenants.withPlan("team", "TEAM");
        Browser admin = Accounts.signedInMember(other, Role.ADMIN);
        admin.get("/t/" + other.slug + "/members");
        assertEquals(303, admin.post("/t/" + other.slug + "/members/invitations", "email", invitee, "role", "MEMBER").statusCode());
        String link = invitationLink(invitee);

        Browser newcomer = new Browser();
        newcomer.get(link).then().statusCode(200);
        Response answer = newcomer.post(link + "/register", "displayName", "New Person", "password", Accounts.PASSWORD);
        assertEquals(403, answer.statusCode(), answer.asString());
        assertTrue(answer.asString().contains("/t/" + tenant.slug + "/sso"), answer.asString());
        assertTrue(QuarkusTransaction.requiringNew().call(() -> User.findByEmail(invitee)).isEmpty(), "no account");
        assertEquals(null, newcomer.cookie(SessionCookies.SESSION), "no session");
        new Browser().get(link).then().statusCode(200); // still pending: nothing was written
        // A security event lands in the chain of the workspace in context: the inviting one.
        assertEquals(1, (long) Arc.container().instance(ScopedWork.class).get().asTenant(other.id, () -> ((Number) Tenant.getEntityManager()
                .createNativeQuery("select count(*) from audit_entry where tenant_id = ?1 and action = 'invitation.sso-required' and outcome = 'DENIED'")
                .setParameter(1, other.id).getSingleResult()).longValue()));
    }

    private String invitationLink(String email) {
        mailSender.sendDueNow();
        List<Mail> mails = mailbox.getMailsSentTo(email);
        assertTrue(mails != null && !mails.isEmpty(), "invitation mailed to " + email);
        return mails.get(mails.size() - 1).getText().lines().filter(l -> l.contains("/invitations/")).findFirst().orElseThrow()
                .trim().replaceFirst("^https?://[^/]+", "");
    }

    /** Refusals naming the enforcing workspace in the platform chain (no workspace in context). */
    private long auditCount(String action) {
        return Arc.container().instance(ScopedWork.class).get().asTenant(null, () -> ((Number) Tenant.getEntityManager()
                .createNativeQuery("select count(*) from platform_audit_entry where subject_tenant_id = ?1 and action = ?2 and outcome = 'DENIED'")
                .setParameter(1, tenant.id).setParameter(2, action).getSingleResult()).longValue());
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
