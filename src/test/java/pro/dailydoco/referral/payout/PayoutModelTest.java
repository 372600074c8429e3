package pro.dailydoco.referral.payout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pro.dailydoco.referral.ReferralFixtures.PAID_AT;
import static pro.dailydoco.referral.ReferralFixtures.eligibleChain;
import static pro.dailydoco.referral.ReferralFixtures.person;
import static pro.dailydoco.referral.ReferralFixtures.usdInvoice;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import pro.dailydoco.core.Money;
import pro.dailydoco.referral.CommissionPlan;
import pro.dailydoco.referral.ReferralFixtures;
import pro.dailydoco.referral.ledger.Ancestor;
import pro.dailydoco.referral.ledger.CommissionBalance;
import pro.dailydoco.referral.ledger.CommissionCalculator;
import pro.dailydoco.referral.ledger.CommissionLedgerModel;
import pro.dailydoco.referral.ledger.CommissionLine;
import pro.dailydoco.referral.ledger.CommissionStatus;
import pro.dailydoco.referral.ledger.CommissionableInvoice;

class PayoutModelTest {

    private static final Duration HOLD = Duration.ofDays(30);
    private static final Instant AFTER_HOLD = PAID_AT.plus(HOLD);

    private final CommissionLedgerModel ledger = new CommissionLedgerModel();
    private final PayoutModel payouts = new PayoutModel(ledger);
    private final Ancestor sponsor = Ancestor.eligible(person("sponsor"));
    private final UUID sponsorId = sponsor.person().userId();

    /** An invoice whose only ancestor is the sponsor, who earns 20 % of {@code netCents}. */
    private void pay(String invoiceId, long netCents, Instant paidAt) {
        ledger.applyInvoicePaid(CommissionCalculator.calculate(
                new CommissionableInvoice(invoiceId, person("payer-" + invoiceId), Money.usd(netCents), paidAt),
                List.of(sponsor), CommissionPlan.defaultPlan(1)));
    }

    private CommissionBalance balance() {
        return payouts.balanceOf(sponsorId, Money.USD);
    }

    @Test
    void commissionsStayPendingUntilTheHoldPeriodHasPassed() {
        pay("in_1", 30_000, PAID_AT);
        assertEquals(List.of(), ledger.approveDue(AFTER_HOLD.minusSeconds(1), HOLD));
        assertEquals(Money.usd(6_000), balance().pending());

        assertEquals(1, ledger.approveDue(AFTER_HOLD, HOLD).size());
        assertEquals(Money.usd(6_000), balance().approved());
        assertEquals(Money.usd(0), balance().pending());
        assertEquals(List.of(), ledger.approveDue(AFTER_HOLD, HOLD)); // the job may run twice
    }

    @Test
    void batchPaysOnlyApprovedBalancesAtOrOverTheThreshold() {
        pay("in_small", 24_995, PAID_AT); // earns 4 999: one cent short
        ledger.approveDue(AFTER_HOLD, HOLD);
        assertEquals(List.of(), payouts.runBatch("batch-1", PayoutModel.DEFAULT_THRESHOLD, AFTER_HOLD));

        pay("in_more", 5, PAID_AT); // earns 1 cent: now exactly $50
        ledger.approveDue(AFTER_HOLD, HOLD);
        List<Payout> batch = payouts.runBatch("batch-2", PayoutModel.DEFAULT_THRESHOLD, AFTER_HOLD);
        assertEquals(1, batch.size());
        assertEquals(Money.usd(5_000), batch.get(0).amount());
        assertEquals("batch-2:" + sponsorId, batch.get(0).payoutId());
        assertEquals(Money.usd(5_000), balance().paid());
        assertEquals(Money.usd(0), balance().approved());
        ledger.linesOfEarner(sponsorId).forEach(l -> assertEquals(CommissionStatus.PAID, payouts.displayStatusOf(l)));
    }

    @Test
    void rerunningABatchReturnsTheSamePayoutsAndPaysNothingTwice() {
        pay("in_1", 30_000, PAID_AT);
        ledger.approveDue(AFTER_HOLD, HOLD);
        List<Payout> first = payouts.runBatch("batch-1", PayoutModel.DEFAULT_THRESHOLD, AFTER_HOLD);
        assertSame(first, payouts.runBatch("batch-1", PayoutModel.DEFAULT_THRESHOLD, AFTER_HOLD));
        assertEquals(List.of(), payouts.runBatch("batch-2", PayoutModel.DEFAULT_THRESHOLD, AFTER_HOLD));
        assertEquals(Money.usd(6_000), balance().paid());
    }

    @Test
    void refundAfterPayoutLeavesANegativeBalanceThatCarriesForward() {
        pay("in_1", 30_000, PAID_AT);
        ledger.approveDue(AFTER_HOLD, HOLD);
        payouts.runBatch("batch-1", PayoutModel.DEFAULT_THRESHOLD, AFTER_HOLD);
        ledger.applyRefund("in_1", Money.usd(30_000), AFTER_HOLD);
        assertEquals(Money.usd(-6_000), balance().approved());
        assertEquals(Money.usd(6_000), balance().clawedBack());

        pay("in_2", 50_000, AFTER_HOLD); // earns 10 000
        ledger.approveDue(AFTER_HOLD.plus(HOLD), HOLD);
        assertEquals(List.of(), payouts.runBatch("batch-2", PayoutModel.DEFAULT_THRESHOLD, AFTER_HOLD.plus(HOLD)));
        assertEquals(Money.usd(4_000), balance().approved());

        pay("in_3", 5_000, AFTER_HOLD); // earns 1 000: 5 000 approved after the debt
        ledger.approveDue(AFTER_HOLD.plus(HOLD), HOLD);
        List<Payout> batch = payouts.runBatch("batch-3", PayoutModel.DEFAULT_THRESHOLD, AFTER_HOLD.plus(HOLD));
        assertEquals(Money.usd(5_000), batch.get(0).amount());
        assertEquals(Money.usd(-6_000), batch.get(0).lines().get(new CommissionLine("in_1", sponsorId, 1)));
    }

    @Test
    void frozenCommissionsAreNeitherApprovedNorPaidUntilTheDisputeCloses() {
        pay("in_1", 30_000, PAID_AT);
        ledger.applyDisputeOpened("in_1", "dp_1", PAID_AT);
        ledger.approveDue(AFTER_HOLD, HOLD);
        assertEquals(Money.usd(6_000), balance().frozen());
        assertEquals(List.of(), payouts.runBatch("batch-1", PayoutModel.DEFAULT_THRESHOLD, AFTER_HOLD));

        ledger.applyDisputeClosed("in_1", "dp_1", false, AFTER_HOLD);
        ledger.approveDue(AFTER_HOLD, HOLD);
        assertEquals(1, payouts.runBatch("batch-2", PayoutModel.DEFAULT_THRESHOLD, AFTER_HOLD).size());
    }

    @Test
    void balanceAccountsForEveryEarnedCent() {
        for (int i = 0; i < 5; i++) {
            ledger.applyInvoicePaid(CommissionCalculator.calculate(usdInvoice("in_" + i, person("payer"), 12_345L * i),
                    eligibleChain(7), CommissionPlan.defaultPlan(1)));
        }
        ledger.applyRefund("in_2", Money.usd(5_000), PAID_AT);
        ledger.approveDue(AFTER_HOLD, HOLD);
        payouts.runBatch("batch-1", Money.usd(1_000), AFTER_HOLD);
        ledger.applyRefund("in_3", Money.usd(37_035), AFTER_HOLD);
        ledger.applyDisputeOpened("in_4", "dp", AFTER_HOLD);
        for (Ancestor a : eligibleChain(7)) {
            CommissionBalance b = payouts.balanceOf(a.person().userId(), Money.USD);
            assertEquals(b.earned(), b.pending().plus(b.frozen()).plus(b.approved()).plus(b.paid()).plus(b.clawedBack()));
            assertTrue(b.clawedBack().compareTo(b.earned()) <= 0);
        }
    }
}
