package pro.dailydoco.referral.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import pro.dailydoco.billing.StripeFixtures;
import pro.dailydoco.billing.StripeWebhookSender;
import pro.dailydoco.billing.TestCustomers;
import pro.dailydoco.billing.events.Plan;
import pro.dailydoco.referral.CommissionPlan;
import pro.dailydoco.referral.CommissionPlans;
import pro.dailydoco.referral.LedgerRows;
import pro.dailydoco.referral.ReferralPeople;
import pro.dailydoco.tenant.Tenant;

/**
 * A refund of an invoice paid in the API version stripe-java pins — whose {@code invoice.paid} names no payment and
 * whose charge names no invoice — claws back the seven levels' commissions to
 * {@code floor((net − refunded) × rate / 10000)}, end to end through signed webhooks in Stripe's published shapes.
 */
@QuarkusTest
class CurrentStripeRefundTest {

    private static final long PAID = 10_890;
    private static final long TAX = 990;
    private static final long REFUNDED = 4_000;

    @Test
    void aPartialRefundOfACurrentInvoiceLeavesEachLevelItsShareOfWhatWasKept() {
        List<UUID> chain = ReferralPeople.chain(CommissionPlan.LEVELS + 1, "current-refund");
        Tenant payerWorkspace = ReferralPeople.workspaceCreatedBy(chain.get(CommissionPlan.LEVELS));
        String customer = TestCustomers.customerFor(payerWorkspace, Plan.TEAM);
        String invoice = StripeFixtures.unique("in");
        String paymentIntent = StripeFixtures.unique("pi");
        send("invoice.paid", StripeFixtures.invoice(invoice, customer, StripeFixtures.unique("sub"), "paid", PAID, TAX,
                "usd", paymentIntent));
        CommissionPlan plan = ReferralPeople.bean(CommissionPlans.class).current();
        List<UUID> earners = chain.subList(0, CommissionPlan.LEVELS);
        assertEquals(entitlement(plan, PAID - TAX), total(earners, invoice));

        send("charge.refunded", StripeFixtures.charge(StripeFixtures.unique("ch"), customer, paymentIntent, PAID,
                REFUNDED));

        // 9,900 net with 4,000 refunded at the default 63 %: 3,717, not the 6,237 of the unrefunded invoice.
        assertEquals(entitlement(plan, PAID - TAX - REFUNDED), total(earners, invoice));
        for (int level = 1; level <= CommissionPlan.LEVELS; level++) {
            UUID earner = chain.get(CommissionPlan.LEVELS - level);
            assertEquals((PAID - TAX - REFUNDED) * plan.rateOfLevel(level) / 10_000,
                    LedgerRows.amountOf(earner, invoice).minor(), "level " + level);
        }
    }

    /** Σ over the levels of floor(amount × rate / 10000). */
    private static long entitlement(CommissionPlan plan, long amount) {
        long sum = 0;
        for (int level = 1; level <= CommissionPlan.LEVELS; level++) {
            sum += amount * plan.rateOfLevel(level) / 10_000;
        }
        return sum;
    }

    private static long total(List<UUID> earners, String invoice) {
        return earners.stream().mapToLong(earner -> LedgerRows.amountOf(earner, invoice).minor()).sum();
    }

    private static void send(String type, String object) {
        StripeWebhookSender.post(StripeFixtures.event(StripeFixtures.unique("evt"), type, Instant.now(), object))
                .then().statusCode(200);
    }
}
