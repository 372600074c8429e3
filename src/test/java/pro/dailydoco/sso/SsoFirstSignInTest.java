package pro.dailydoco.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pro.dailydoco.sso.SsoFlow.REALM_A;

import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import pro.dailydoco.account.Role;
import pro.dailydoco.account.User;
import pro.dailydoco.account.UserSignedUp;
import pro.dailydoco.referral.attribution.ReferralAttribution;
import pro.dailydoco.referral.attribution.ReferralCodes;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;
import pro.dailydoco.support.KeycloakResource;
import pro.dailydoco.support.TestTenants;
import pro.dailydoco.tenant.ScopedWork;
import pro.dailydoco.tenant.Tenant;

/**
 * A person's first SSO sign-in: how it meets an account that already has their email, and that it counts as a
 * sign-up. Each test uses its own domain and a person created at the IdP for it.
 */
@QuarkusTest
class SsoFirstSignInTest {

    private Tenant tenant;

    @AfterEach
    void release() {
        SsoFlow.releaseDomains(tenant);
    }

    /** A workspace with SSO (not enforced) for a fresh domain; returns a fresh IdP person's email in that domain. */
    private String idpPersonInFreshDomain(String prefix) {
        String domain = prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        tenant = TestTenants.withPlan("sso-first", "ENTERPRISE");
        SsoFlow.configure(tenant, KeycloakResource.issuer(REALM_A), "dailydoco", "secret-idp-a", "{}", false, domain);
        String email = "person-" + UUID.randomUUID().toString().substring(0, 6) + "@" + domain;
        SsoFlow.createIdpUser(REALM_A, email);
        return email;
    }

    @Test
    void anUnverifiedAccountWithTheSameEmailIsTakenBackFromWhoeverCreatedIt() {
        String victim = idpPersonInFreshDomain("takeover");
        Browser attacker = new Browser();
        String attackersWorkspace = Accounts.signUp(attacker, victim, "Lookalike workspace");
        assertEquals(200, attacker.get("/t/" + attackersWorkspace + "/").statusCode(), "signed in, email unverified");

        Browser person = new Browser();
        Response done = SsoFlow.signIn(person, tenant.slug, victim, REALM_A);
        assertEquals(303, done.statusCode(), done.asString());
        assertEquals(200, person.get("/t/" + tenant.slug + "/").statusCode());
        assertEquals(Role.MEMBER, SsoFlow.roleIn(tenant, victim));

        Response afterwards = attacker.get("/account");
        assertEquals(303, afterwards.statusCode(), "the earlier session was revoked");
        assertTrue(afterwards.getHeader("Location").startsWith("/login"), afterwards.getHeader("Location"));
        assertEquals(401, Accounts.signIn(new Browser(), victim, Accounts.PASSWORD).statusCode(), "the password is gone");
        User user = Accounts.user(victim);
        assertNotNull(user.emailVerifiedAt);
        List<String> reclaimed = platformAudit(user.id, "account.unverified-account-reclaimed");
        assertEquals(1, reclaimed.size(), reclaimed.toString());
        assertTrue(reclaimed.get(0).contains("\"via\":\"sso\"") && reclaimed.get(0).contains("\"sessionsRevoked\":\"1\""),
                reclaimed.toString());
    }

    @Test
    void aVerifiedAccountWithTheSameEmailIsLinkedAndKeepsItsSessionsAndPassword() {
        String email = idpPersonInFreshDomain("linked");
        Accounts.createMember(TestTenants.create("own"), Role.OWNER, email); // verified email, password
        Browser withPassword = new Browser();
        assertEquals(303, Accounts.signIn(withPassword, email, Accounts.PASSWORD).statusCode());

        assertEquals(303, SsoFlow.signIn(new Browser(), tenant.slug, email, REALM_A).statusCode());
        assertEquals(Role.MEMBER, SsoFlow.roleIn(tenant, email));
        assertEquals(200, withPassword.get("/workspaces").statusCode(), "still signed in");
        assertEquals(303, Accounts.signIn(new Browser(), email, Accounts.PASSWORD).statusCode(), "password still works");
        assertEquals(List.of(), platformAudit(Accounts.user(email).id, "account.unverified-account-reclaimed"));
    }

    @Test
    void aFirstSsoSignInCountsAsASignUpButIsNotAttributedByAReferralCookie() {
        String email = idpPersonInFreshDomain("signup");
        String sponsorEmail = Accounts.uniqueEmail("sponsor");
        Accounts.signUp(new Browser(), sponsorEmail, "Sponsor workspace");
        UUID sponsorId = Accounts.user(sponsorEmail).id;
        String code = scopedWork().call(null, sponsorId, () -> bean(ReferralCodes.class).codesOf(sponsorId).generated());
        Browser person = new Browser();
        person.get("/r/" + code);
        assertNotNull(person.cookie(UserSignedUp.ATTRIBUTION_COOKIE), "the browser carries a referral cookie");
        long signUpsBefore = platformSignUpsThisMonth();

        assertEquals(303, SsoFlow.signIn(person, tenant.slug, email, REALM_A).statusCode());

        UUID userId = Accounts.user(email).id;
        assertEquals(signUpsBefore + 1, platformSignUpsThisMonth(), "counted in the platform's sign-ups");
        assertNotNull(scopedWork().call(null, userId, () -> bean(ReferralCodes.class).codesOf(userId).generated()));
        assertNull(scopedWork().call(null, userId, () -> bean(ReferralAttribution.class).sponsorOf(userId).orElse(null)),
                "provisioned by the employer's IdP, not by a referral link");
        List<String> signedUp = platformAudit(userId, "account.signed-up");
        assertEquals(1, signedUp.size(), signedUp.toString());
        assertTrue(signedUp.get(0).contains("\"via\":\"sso\""), signedUp.toString());
    }

    private static long platformSignUpsThisMonth() {
        return scopedWork().asTenant(null, () -> ((Number) Tenant.getEntityManager()
                .createNativeQuery("select coalesce(sum(sign_ups), 0) from referral_platform_month where month = ?1")
                .setParameter(1, YearMonth.now(ZoneOffset.UTC).atDay(1)).getSingleResult()).longValue());
    }

    @SuppressWarnings("unchecked")
    private static List<String> platformAudit(UUID userId, String action) {
        return scopedWork().asTenant(null, () -> Tenant.getEntityManager().createNativeQuery("""
                select action || ' ' || details from platform_audit_entry
                where action = ?1 and (actor_user_id = ?2 or target_id = ?3) order by seq""")
                .setParameter(1, action).setParameter(2, userId).setParameter(3, userId.toString()).getResultList());
    }

    private static ScopedWork scopedWork() {
        return bean(ScopedWork.class);
    }

    private static <T> T bean(Class<T> type) {
        return Arc.container().instance(type).get();
    }
}
