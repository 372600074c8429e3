package pro.dailydoco.referral.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import pro.dailydoco.billing.StripeFixtures;
import pro.dailydoco.billing.StripeWebhookSender;
import pro.dailydoco.billing.TestCustomers;
import pro.dailydoco.billing.events.Plan;
import pro.dailydoco.billing.events.RevenueStream;
import pro.dailydoco.referral.CommissionPlans;
import pro.dailydoco.referral.CommissionStreams;
import pro.dailydoco.referral.LedgerRows;
import pro.dailydoco.referral.ReferralPeople;
import pro.dailydoco.tenant.Tenant;

/**
 * Commissions apply only to the revenue streams the operator chose: a premium-support line earns nothing while that
 * stream is excluded (the default) and earns its rate once it is included, exact to the cent under the one rounding
 * rule, floor(commissionable × rate / 10000) per level.
 */
@QuarkusTest
class CommissionStreamsTest {

    private static final long PLAN_LINE = 9_900;
    private static final long SUPPORT_LINE = 4_900;
    private static final long TAX = 1_480;

    private final CommissionStreams streams = ReferralPeople.bean(CommissionStreams.class);

    @AfterEach
    void restoreTheDefault() {
        streams.change(null, EnumSet.of(RevenueStream.PLAN, RevenueStream.USAGE, RevenueStream.OTHER));
    }

    @Test
    void aPremiumSupportLineEarnsNoCommissionWhileExcludedAndItsRateOnceIncluded() {
        assertEquals(Set.of(RevenueStream.PLAN, RevenueStream.USAGE, RevenueStream.OTHER), streams.current().streams(),
                "default: plans, usage and other");
        List<UUID> chain = ReferralPeople.chain(2, "streams");
        UUID sponsor = chain.get(0);
        Tenant workspace = ReferralPeople.workspaceCreatedBy(chain.get(1));
        String customer = TestCustomers.customerFor(workspace, Plan.TEAM);
        int rate = ReferralPeople.bean(CommissionPlans.class).current().rateOfLevel(1);

        String excluded = payPlanAndPremiumSupport(customer);
        // Only the plan's 9,900 is commissionable.
        assertEquals(PLAN_LINE * rate / 10_000, LedgerRows.amountOf(sponsor, excluded).minor());

        int before = streams.current().version();
        streams.change(null, EnumSet.of(RevenueStream.PLAN, RevenueStream.USAGE, RevenueStream.OTHER,
                RevenueStream.PREMIUM_SUPPORT));
        assertEquals(before + 1, streams.current().version());
        assertTrue(streams.current().includes(RevenueStream.PREMIUM_SUPPORT));

        String included = payPlanAndPremiumSupport(customer);
        assertEquals((PLAN_LINE + SUPPORT_LINE) * rate / 10_000, LedgerRows.amountOf(sponsor, included).minor());
        // The invoice recorded before the change keeps its amount.
        assertEquals(PLAN_LINE * rate / 10_000, LedgerRows.amountOf(sponsor, excluded).minor());
    }

    @Test
    void onlyPremiumSupportChosenPaysOnItsShareAlone() {
        List<UUID> chain = ReferralPeople.chain(2, "streams-only");
        Tenant workspace = ReferralPeople.workspaceCreatedBy(chain.get(1));
        String customer = TestCustomers.customerFor(workspace, Plan.TEAM);
        int rate = ReferralPeople.bean(CommissionPlans.class).current().rateOfLevel(1);
        streams.change(null, EnumSet.of(RevenueStream.PREMIUM_SUPPORT));

        String invoice = payPlanAndPremiumSupport(customer);
        assertEquals(SUPPORT_LINE * rate / 10_000, LedgerRows.amountOf(chain.get(0), invoice).minor());
    }

    /** An invoice of a plan line and a premium-support line, with tax on top. */
    private static String payPlanAndPremiumSupport(String customer) {
        String invoice = StripeFixtures.unique("in");
        String object = pro.dailydoco.billing.AddOnInvoices.paid(invoice, customer, PLAN_LINE + SUPPORT_LINE + TAX, TAX,
                "price_team_monthly", PLAN_LINE, "price_premium_support", SUPPORT_LINE);
        StripeWebhookSender.post(StripeFixtures.event(StripeFixtures.unique("evt"), "invoice.paid", Instant.now(), object))
                .then().statusCode(200);
        return invoice;
    }
}
