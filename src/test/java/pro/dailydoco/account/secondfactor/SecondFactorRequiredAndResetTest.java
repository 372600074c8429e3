package pro.dailydoco.account.secondfactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import pro.dailydoco.account.Membership;
import pro.dailydoco.account.Role;
import pro.dailydoco.account.User;
import pro.dailydoco.core.web.Formats;
import pro.dailydoco.sso.SsoFlow;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.KeycloakResource;
import pro.dailydoco.support.Browser;
import pro.dailydoco.support.TestClock;
import pro.dailydoco.support.TestTenants;
import pro.dailydoco.tenant.ScopedWork;
import pro.dailydoco.tenant.Tenant;

/**
 * Who must set up two-step sign-in (the operator, owners of paid workspaces), the grace period and what happens after
 * it, and resets by another owner and by the operator.
 */
@QuarkusTest
class SecondFactorRequiredAndResetTest {

    @Inject
    ScopedWork scopedWork;

    @Inject
    EntityManager entityManager;

    @Inject
    TestClock clock;

    @Inject
    SecondFactorRequirement requirement;

    private Tenant ssoTenant;

    @AfterEach
    void realTimeAgain() {
        clock.reset();
        SsoFlow.releaseDomains(ssoTenant);
    }

    @Test
    void aSignInThroughSingleSignOnIsNeitherPromptedNorHeldBack() {
        KeycloakResource.awaitReady();
        String domain = "twostep-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        ssoTenant = TestTenants.withPlan("sso-2fa", "ENTERPRISE");
        SsoFlow.configure(ssoTenant, KeycloakResource.issuer(SsoFlow.REALM_A), "dailydoco", "secret-idp-a", "{}", false, domain);
        String email = Accounts.createMember(ssoTenant, Role.OWNER, "owner@" + domain);
        SsoFlow.createIdpUser(SsoFlow.REALM_A, email);
        // Long past a grace period: a password session would only reach the set-up page.
        Browser withPassword = new Browser();
        Accounts.signIn(withPassword, email, Accounts.PASSWORD);
        setRequiredSince(email, Instant.now().minus(Duration.ofDays(30)));
        assertEquals("/account/two-factor", withPassword.get("/t/" + ssoTenant.slug + "/").getHeader("Location"));

        Browser viaIdp = new Browser();
        Response done = SsoFlow.signIn(viaIdp, ssoTenant.slug, email, SsoFlow.REALM_A);
        assertEquals(303, done.statusCode(), done.asString());
        Document home = Browser.html(viaIdp.get("/t/" + ssoTenant.slug + "/").then().statusCode(200).extract().response());
        assertNull(home.selectFirst("#second-factor-banner"), "the identity provider is in charge of its factors");
    }

    @Test
    void anOwnerOfAPaidWorkspaceGetsAGracePeriodThenOnlyTheSetUpPage() {
        Tenant paid = TestTenants.withPlan("paid-2fa", "PRO");
        String email = Accounts.createMember(paid, Role.OWNER);
        Browser owner = new Browser();
        assertEquals("/workspaces", Accounts.signIn(owner, email, Accounts.PASSWORD).getHeader("Location"),
                "no factor yet: signed in with the password");
        Instant since = requiredSince(email);
        assertNotNull(since, "the grace period starts at the sign-in that finds the requirement");
        assertTrue(Duration.between(since, Instant.now()).abs().toMinutes() < 5);

        Document home = Browser.html(owner.get("/t/" + paid.slug + "/").then().statusCode(200).extract().response());
        Element banner = home.selectFirst("#second-factor-banner");
        assertNotNull(banner, "a prompt on every page");
        assertTrue(banner.text().contains(Formats.dateTime(since.plus(Duration.ofDays(14)))), banner.text());
        assertNotNull(banner.selectFirst("a[href='/account/two-factor']"));

        setRequiredSince(email, Instant.now().minus(Duration.ofDays(15)));
        assertEquals("/account/two-factor", owner.get("/t/" + paid.slug + "/").getHeader("Location"));
        assertEquals("/account/two-factor", owner.get("/account").getHeader("Location"));
        assertEquals("/account/two-factor", owner.get("/operator/tenants").getHeader("Location"));
        Response htmx = owner.request().header("HX-Request", "true").get("/t/" + paid.slug + "/projects");
        assertEquals("/account/two-factor", htmx.getHeader("HX-Redirect"));
        owner.get("/account/two-factor");
        assertEquals(403, owner.post("/account/name", "displayName", "Still here").statusCode());
        assertFalse(Accounts.user(email).displayName.equals("Still here"));
        Document setUp = Browser.html(owner.get("/account/two-factor").then().statusCode(200).extract().response());
        assertTrue(setUp.selectFirst("#second-factor-banner").text().contains("Set up two-step sign-in to continue"));

        SecondFactorTest.Enrolled enrolled = SecondFactorTest.enrol(owner, email);
        owner.get("/t/" + paid.slug + "/").then().statusCode(200);
        assertNull(Browser.html(owner.get("/account")).selectFirst("#second-factor-banner"));
        assertEquals(10, enrolled.recoveryCodes().size());
    }

    @Test
    void signingOutAndSigningInStayOpenAfterTheGracePeriod() {
        Tenant paid = TestTenants.withPlan("paid-2fa-out", "TEAM");
        String email = Accounts.createMember(paid, Role.OWNER);
        Browser owner = new Browser();
        Accounts.signIn(owner, email, Accounts.PASSWORD);
        setRequiredSince(email, Instant.now().minus(Duration.ofDays(30)));
        owner.get("/account/two-factor");
        Response out = owner.post("/logout");
        assertEquals("/login", out.getHeader("Location"));
        assertNull(owner.cookie("dd_session"));
        owner.get("/login").then().statusCode(200);
    }

    @Test
    void thePlatformOperatorIsPromptedToo() {
        Browser operator = Accounts.signedInOperator();
        assertNotNull(Browser.html(operator.get("/operator/tenants")).selectFirst("#second-factor-banner"));
    }

    @Test
    void anOperatorNamedAfterSigningInIsPromptedFromTheNextStartAndNoPageWritesMeanwhile() {
        Browser operator = Accounts.signedInOperator();
        // As if the configuration named them after their session began: nothing is recorded yet.
        setRequiredSince("operator@platform.test", null);
        // The account pages are read-only: the prompt on them reads and never records the requirement itself.
        assertNull(Browser.html(operator.get("/account").then().statusCode(200).extract().response())
                .selectFirst("#second-factor-banner"));
        operator.get("/account/two-factor").then().statusCode(200);
        assertNull(requiredSince("operator@platform.test"));

        requirement.markOperators(); // what every start does
        assertNotNull(requiredSince("operator@platform.test"));
        assertNotNull(Browser.html(operator.get("/account").then().statusCode(200).extract().response())
                .selectFirst("#second-factor-banner"));
    }

    @Test
    void theRequirementEndsWithThePaidPlanAndStartsAfreshIfItReturns() {
        Tenant tenant = TestTenants.withPlan("downgraded-2fa", "PRO");
        String email = Accounts.createMember(tenant, Role.OWNER);
        Accounts.signIn(new Browser(), email, Accounts.PASSWORD);
        assertNotNull(requiredSince(email));
        QuarkusTransaction.requiringNew().run(() -> Tenant.update("planOverride = null where id = ?1", tenant.id));
        Browser later = new Browser();
        Accounts.signIn(later, email, Accounts.PASSWORD);
        assertNull(requiredSince(email));
        assertNull(Browser.html(later.get("/account")).selectFirst("#second-factor-banner"));
    }

    @Test
    void anotherOwnerResetsAMembersSecondFactorAndTheMemberIsToldByMail() {
        Tenant tenant = TestTenants.withPlan("reset-2fa", "TEAM");
        String ownerEmail = Accounts.createMember(tenant, Role.OWNER);
        String memberEmail = Accounts.createMember(tenant, Role.MEMBER);
        Browser member = new Browser();
        Accounts.signIn(member, memberEmail, Accounts.PASSWORD);
        SecondFactorTest.Enrolled enrolled = SecondFactorTest.enrol(member, memberEmail);
        UUID membershipId = membershipId(tenant, enrolled.userId());

        Browser admin = Accounts.signedInMember(tenant, Role.ADMIN);
        Document adminsView = Browser.html(admin.get("/t/" + tenant.slug + "/members"));
        assertNull(adminsView.selectFirst("#reset-second-factor-" + membershipId), "only owners see the reset");
        assertEquals(403, admin.post("/t/" + tenant.slug + "/members/" + membershipId + "/second-factor/reset").statusCode());
        assertTrue(confirmed(enrolled.userId()));

        Browser owner = new Browser();
        Accounts.signIn(owner, ownerEmail, Accounts.PASSWORD);
        Document team = Browser.html(owner.get("/t/" + tenant.slug + "/members"));
        Element reset = team.selectFirst("#reset-second-factor-" + membershipId);
        assertNotNull(reset);
        assertTrue(reset.attr("data-confirm").contains("Turn off two-step sign-in"), "asks before resetting");
        UUID ownerId = Accounts.user(ownerEmail).id;
        assertEquals(400, owner.post("/t/" + tenant.slug + "/members/" + membershipId(tenant, ownerId)
                + "/second-factor/reset").statusCode(), "not one's own: that is the account page");
        Response done = owner.post("/t/" + tenant.slug + "/members/" + membershipId + "/second-factor/reset");
        assertEquals(303, done.statusCode());
        assertFalse(confirmed(enrolled.userId()));
        assertEquals(409, owner.post("/t/" + tenant.slug + "/members/" + membershipId + "/second-factor/reset").statusCode(),
                "nothing left to reset");

        List<String> audit = tenantAudit(tenant, "member.second-factor-reset");
        assertEquals(List.of("USER " + ownerId + " user " + enrolled.userId()), audit);
        assertTrue(mailSubjects(memberEmail).contains("Two-step sign-in was turned off on your DailyDoco Pro account"));
        Browser again = new Browser();
        Accounts.signIn(again, memberEmail, Accounts.PASSWORD);
        assertNotNull(again.cookie("dd_session"), "the password alone signs in again");
    }

    @Test
    void theOperatorResetsAnyonesSecondFactor() {
        Tenant tenant = TestTenants.create("op-reset-2fa");
        String email = Accounts.createMember(tenant, Role.MEMBER);
        Browser person = new Browser();
        Accounts.signIn(person, email, Accounts.PASSWORD);
        SecondFactorTest.Enrolled enrolled = SecondFactorTest.enrol(person, email);

        Browser stranger = Accounts.signedInMember(tenant, Role.OWNER);
        assertEquals(404, stranger.get("/operator/second-factor?email=" + email).statusCode());
        assertEquals(404, stranger.post("/operator/second-factor/" + enrolled.userId() + "/reset").statusCode());

        Browser operator = Accounts.signedInOperator();
        Document found = Browser.html(operator.get("/operator/second-factor?email=" + email).then().statusCode(200)
                .extract().response());
        Element form = found.selectFirst("#person form[action='/operator/second-factor/" + enrolled.userId() + "/reset']");
        assertNotNull(form);
        assertFalse(form.attr("data-confirm").isBlank());
        assertNotNull(Browser.html(operator.get("/operator/second-factor?email=nobody-" + UUID.randomUUID() + "@x.test"))
                .selectFirst("#no-person"));

        assertEquals(303, operator.post("/operator/second-factor/" + enrolled.userId() + "/reset").statusCode());
        assertFalse(confirmed(enrolled.userId()));
        UUID operatorId = Accounts.user("operator@platform.test").id;
        @SuppressWarnings("unchecked")
        List<String> audit = scopedWork.call(null, null, () -> entityManager.createNativeQuery("""
                select actor_kind || ' ' || actor_user_id || ' ' || target_id from platform_audit_entry
                where action = 'account.second-factor-reset' and target_id = ?1""")
                .setParameter(1, enrolled.userId().toString()).getResultList());
        assertEquals(List.of("OPERATOR " + operatorId + " " + enrolled.userId()), audit);
        assertTrue(mailSubjects(email).contains("Two-step sign-in was turned off on your DailyDoco Pro account"));
        assertEquals(400, operator.post("/operator/second-factor/" + operatorId + "/reset").statusCode());
    }

    // --- helpers -----------------------------------------------------------------------------------------

    private Instant requiredSince(String email) {
        return QuarkusTransaction.requiringNew().call(() -> User.findByEmail(email).orElseThrow().secondFactorRequiredSince);
    }

    private void setRequiredSince(String email, Instant since) {
        QuarkusTransaction.requiringNew().run(() -> User.update("secondFactorRequiredSince = ?1 where email = ?2", since, email));
    }

    private UUID membershipId(Tenant tenant, UUID userId) {
        return scopedWork.call(tenant.id, userId, () -> Membership.find(tenant.id, userId).orElseThrow().id);
    }

    private boolean confirmed(UUID userId) {
        return scopedWork.call(null, null, () -> ((Number) entityManager.createNativeQuery(
                "select count(*) from second_factor where owner_user_id = ?1 and confirmed_at is not null")
                .setParameter(1, userId).getSingleResult()).longValue() == 1);
    }

    @SuppressWarnings("unchecked")
    private List<String> tenantAudit(Tenant tenant, String action) {
        return scopedWork.call(tenant.id, null, () -> entityManager.createNativeQuery("""
                select actor_kind || ' ' || actor_user_id || ' ' || target_type || ' ' || target_id from audit_entry
                where tenant_id = ?1 and action = ?2""").setParameter(1, tenant.id).setParameter(2, action).getResultList());
    }

    @SuppressWarnings("unchecked")
    private List<String> mailSubjects(String to) {
        return scopedWork.call(null, null, () -> entityManager
                .createNativeQuery("select subject from mail_outbox where to_address = ?1").setParameter(1, to).getResultList());
    }
}
