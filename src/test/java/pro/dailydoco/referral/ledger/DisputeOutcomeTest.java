package pro.dailydoco.referral.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import pro.dailydoco.billing.StripeFixtures;
import pro.dailydoco.billing.StripeWebhookSender;
import pro.dailydoco.billing.TestPayments;
import pro.dailydoco.billing.events.Plan;
import pro.dailydoco.core.Money;
import pro.dailydoco.referral.LedgerRows;
import pro.dailydoco.referral.ReferralPeople;

/**
 * How a dispute's close moves the sponsor's commission, end to end through signed webhooks: {@code won} and
 * {@code warning_closed} (an inquiry closed with the money kept) release it, only {@code lost} claws it back, and a
 * close with any other status leaves it frozen.
 */
@QuarkusTest
class DisputeOutcomeTest {

    private static final Money LEVEL_ONE = Money.usd(Plan.TEAM.monthlyPrice().minor() * 2000 / 10_000);

    @Test
    void aWonDisputeReleasesTheCommission() {
        Disputed disputed = disputedInvoice("dispute-won");
        disputed.close("won");
        assertEquals("PENDING", disputed.status());
        assertEquals(LEVEL_ONE, disputed.amount());
    }

    @Test
    void anInquiryClosedWithTheMoneyKeptReleasesTheCommission() {
        Disputed disputed = disputedInvoice("dispute-warning");
        disputed.close("warning_closed");
        assertEquals("PENDING", disputed.status(), "warning_closed keeps the money: nothing is clawed back");
        assertEquals(LEVEL_ONE, disputed.amount());
    }

    @Test
    void onlyALostDisputeClawsTheCommissionBack() {
        Disputed disputed = disputedInvoice("dispute-lost");
        disputed.close("lost");
        assertEquals(Money.usd(0), disputed.amount());
    }

    @Test
    void aCloseWithAStatusThatIsNoOutcomeLeavesTheCommissionFrozen() {
        Disputed disputed = disputedInvoice("dispute-odd");
        disputed.close("under_review");
        assertEquals("FROZEN", disputed.status());
        assertEquals(LEVEL_ONE, disputed.amount());
        disputed.close("warning_closed");
        assertEquals("PENDING", disputed.status(), "the real outcome, when it comes, still applies");
    }

    /** The sponsor's level-1 line of an invoice the payer paid and then disputed (frozen). */
    private record Disputed(UUID sponsor, String invoice, String paymentIntent, String disputeId) {

        void close(String status) {
            send("charge.dispute.closed", StripeFixtures.dispute(disputeId, StripeFixtures.unique("ch"), paymentIntent,
                    Plan.TEAM.monthlyPrice().minor(), status));
        }

        String status() {
            return LedgerRows.statusOf(sponsor, invoice, 1);
        }

        Money amount() {
            return LedgerRows.amountOf(sponsor, invoice);
        }
    }

    private static Disputed disputedInvoice(String prefix) {
        List<UUID> chain = ReferralPeople.chain(2, prefix);
        String paymentIntent = StripeFixtures.unique("pi");
        String invoice = TestPayments.payInvoice(ReferralPeople.workspaceCreatedBy(chain.get(1)), Plan.TEAM, paymentIntent);
        Disputed disputed = new Disputed(chain.get(0), invoice, paymentIntent, StripeFixtures.unique("dp"));
        send("charge.dispute.created", StripeFixtures.dispute(disputed.disputeId(), StripeFixtures.unique("ch"),
                paymentIntent, Plan.TEAM.monthlyPrice().minor(), "needs_response"));
        assertEquals("FROZEN", disputed.status());
        assertEquals(LEVEL_ONE, disputed.amount());
        return disputed;
    }

    private static void send(String type, String object) {
        StripeWebhookSender.post(StripeFixtures.event(StripeFixtures.unique("evt"), type, Instant.now(), object))
                .then().statusCode(200);
    }
}
