package pro.dailydoco.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import pro.dailydoco.billing.events.Plan;
import pro.dailydoco.billing.events.SubscriptionStatus;
import pro.dailydoco.core.DomainException;
import pro.dailydoco.support.TestTenants;
import pro.dailydoco.tenant.Tenant;

/** Limits are refused on the server with a message naming the limit, the plan and the way up. */
@QuarkusTest
class BillingEntitlementsTest {

    @Inject
    Entitlements entitlements;

    @Test
    void aFreeWorkspaceMayHaveThreeProjectsAndIsShownTheUpgradePathForAFourth() {
        Tenant tenant = TestTenants.create("ent-free");
        entitlements.requireWithin(tenant.id, Limit.PROJECTS, 2, 1);
        LimitExceeded refused = assertThrows(LimitExceeded.class,
                () -> entitlements.requireWithin(tenant.id, Limit.PROJECTS, 3, 1));
        assertEquals(402, refused.status());
        assertEquals(Plan.PRO, refused.upgradeTo().orElseThrow());
        assertTrue(refused.detail().contains("Free plan includes 3 documentation projects"), refused.detail());
        assertTrue(refused.detail().contains("Upgrade to Pro (up to 20 documentation projects)"), refused.detail());
    }

    @Test
    void theSmallestPlanThatFitsIsSuggested() {
        Tenant tenant = TestTenants.create("ent-seats");
        LimitExceeded refused = assertThrows(LimitExceeded.class,
                () -> entitlements.requireWithin(tenant.id, Limit.SEATS, 1, 1));
        assertEquals(Plan.TEAM, refused.upgradeTo().orElseThrow(), "Pro has one seat too");
    }

    @Test
    void anEnterpriseOverrideIsUnlimitedAndIncludesSso() {
        Tenant tenant = TestTenants.create("ent-override");
        QuarkusTransaction.requiringNew().run(() -> Tenant.<Tenant> findById(tenant.id).planOverride = "ENTERPRISE");
        entitlements.requireWithin(tenant.id, Limit.VIDEO_MINUTES_PER_MONTH, 1_000_000, 60);
        entitlements.requireSso(tenant.id);
    }

    @Test
    void ssoNeedsEnterprise() {
        Tenant tenant = TestTenants.create("ent-sso");
        DomainException refused = assertThrows(FeatureNotInPlan.class, () -> entitlements.requireSso(tenant.id));
        assertEquals(403, refused.status());
    }

    @Test
    void onlyLiveSubscriptionsGrantTheirPlan() {
        Instant now = Instant.parse("2026-11-25T12:00:00Z");
        Duration grace = Duration.ofDays(7);
        Subscription s = new Subscription();
        s.plan = Plan.TEAM;
        for (SubscriptionStatus status : SubscriptionStatus.values()) {
            s.status = status;
            s.pastDueSince = now.minus(Duration.ofDays(1));
            Plan expected = status == SubscriptionStatus.ACTIVE || status == SubscriptionStatus.TRIALING
                    || status == SubscriptionStatus.PAST_DUE ? Plan.TEAM : Plan.FREE;
            assertEquals(expected, Entitlements.planOf(s, now, grace), status.name());
        }
        s.status = SubscriptionStatus.PAST_DUE;
        s.pastDueSince = now.minus(grace);
        assertEquals(Plan.FREE, Entitlements.planOf(s, now, grace), "grace ends exactly after the period");
    }
}
