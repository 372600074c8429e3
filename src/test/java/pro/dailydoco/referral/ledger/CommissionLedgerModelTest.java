package pro.dailydoco.referral.ledger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pro.dailydoco.referral.ReferralFixtures.PAID_AT;
import static pro.dailydoco.referral.ReferralFixtures.defaultPlanResult;
import static pro.dailydoco.referral.ReferralFixtures.eligibleChain;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import pro.dailydoco.core.Money;
import pro.dailydoco.referral.CommissionPlan;
import pro.dailydoco.referral.ReferralFixtures;

class CommissionLedgerModelTest {

    private static final Instant LATER = PAID_AT.plusSeconds(3_600);
    private final CommissionLedgerModel ledger = new CommissionLedgerModel();
    private final CommissionResult invoice = defaultPlanResult("in_1", 9_900, eligibleChain(7));

    private long[] lineAmounts() {
        return ledger.linesOf("in_1").stream().mapToLong(line -> ledger.amountOf(line).minor()).toArray();
    }

    @Test
    void paidInvoiceWritesOneEarnedRowPerEligibleLevel() {
        List<LedgerRow> rows = ledger.applyInvoicePaid(invoice);
        assertEquals(7, rows.size());
        assertTrue(rows.stream().allMatch(r -> r.kind() == LedgerRow.Kind.EARNED && r.planVersion() == 1));
        assertArrayEquals(new long[] {1980, 1485, 990, 792, 495, 297, 198}, lineAmounts());
        assertTrue(ledger.linesOf("in_1").stream().allMatch(l -> ledger.statusOf(l) == CommissionStatus.PENDING));
    }

    @Test
    void replayedInvoiceWritesNothingEvenIfTheTreeChangedMeanwhile() {
        ledger.applyInvoicePaid(invoice);
        assertEquals(List.of(), ledger.applyInvoicePaid(defaultPlanResult("in_1", 9_900, eligibleChain(2))));
        assertEquals(7, ledger.rows().size());
    }

    @Test
    void partialRefundLowersEachLevelToItsShareOfTheRemainingAmount() {
        ledger.applyInvoicePaid(invoice);
        List<LedgerRow> adjustments = ledger.applyRefund("in_1", Money.usd(4_950), LATER);
        // floor(4950 × rate): 990, 742, 495, 396, 247, 148, 99
        assertArrayEquals(new long[] {990, 742, 495, 396, 247, 148, 99}, lineAmounts());
        assertEquals(List.of(-990L, -743L, -495L, -396L, -248L, -149L, -99L),
                adjustments.stream().map(r -> r.amount().minor()).toList());
        assertTrue(adjustments.stream().allMatch(r -> r.kind() == LedgerRow.Kind.ADJUSTMENT
                && r.discriminator() == 4_950));
    }

    @Test
    void cumulativeRefundsReplayedOrOutOfOrderChangeNothing() {
        ledger.applyInvoicePaid(invoice);
        ledger.applyRefund("in_1", Money.usd(3_000), LATER);
        ledger.applyRefund("in_1", Money.usd(5_000), LATER);
        int rowsAfterNewest = ledger.rows().size();
        assertEquals(List.of(), ledger.applyRefund("in_1", Money.usd(5_000), LATER)); // replay
        assertEquals(List.of(), ledger.applyRefund("in_1", Money.usd(3_000), LATER)); // older event, late
        assertEquals(rowsAfterNewest, ledger.rows().size());
        assertArrayEquals(new long[] {980, 735, 490, 392, 245, 147, 98}, lineAmounts());
    }

    @Test
    void fullRefundEndsAtZeroEvenWhenTheRefundIncludesTax() {
        ledger.applyInvoicePaid(invoice);
        ledger.applyRefund("in_1", Money.usd(2_000), LATER);
        ledger.applyRefund("in_1", Money.usd(11_880), LATER); // amount paid including tax
        assertArrayEquals(new long[7], lineAmounts());
    }

    @Test
    void refundArrivingBeforeThePaidInvoiceIsAppliedWhenTheInvoiceArrives() {
        assertEquals(List.of(), ledger.applyRefund("in_1", Money.usd(4_950), PAID_AT));
        ledger.applyInvoicePaid(invoice);
        assertArrayEquals(new long[] {990, 742, 495, 396, 247, 148, 99}, lineAmounts());
    }

    @Test
    void lostDisputeClawsBackEverythingLeftAndLaterRefundsChangeNothing() {
        ledger.applyInvoicePaid(invoice);
        ledger.applyRefund("in_1", Money.usd(1_000), LATER);
        ledger.applyDisputeOpened("in_1", "dp_1", LATER);
        assertTrue(ledger.linesOf("in_1").stream().allMatch(l -> ledger.statusOf(l) == CommissionStatus.FROZEN));

        List<LedgerRow> clawbacks = ledger.applyDisputeClosed("in_1", "dp_1", true, LATER);
        assertTrue(clawbacks.stream().allMatch(r -> r.kind() == LedgerRow.Kind.CLAWBACK));
        assertArrayEquals(new long[7], lineAmounts());
        assertEquals(List.of(), ledger.applyRefund("in_1", Money.usd(2_000), LATER));
        assertEquals(List.of(), ledger.applyDisputeClosed("in_1", "dp_1", true, LATER));
    }

    @Test
    void wonDisputeReleasesTheFrozenLinesWithoutChangingAmounts() {
        ledger.applyInvoicePaid(invoice);
        ledger.applyDisputeOpened("in_1", "dp_1", LATER);
        assertEquals(List.of(), ledger.approveDue(PAID_AT.plus(java.time.Duration.ofDays(31)), java.time.Duration.ofDays(30)));

        assertEquals(List.of(), ledger.applyDisputeClosed("in_1", "dp_1", false, LATER));
        assertTrue(ledger.linesOf("in_1").stream().allMatch(l -> ledger.statusOf(l) == CommissionStatus.PENDING));
        assertArrayEquals(new long[] {1980, 1485, 990, 792, 495, 297, 198}, lineAmounts());
        ledger.applyDisputeOpened("in_1", "dp_1", LATER); // a late duplicate of the opening freezes nothing
        assertTrue(ledger.linesOf("in_1").stream().allMatch(l -> ledger.statusOf(l) == CommissionStatus.PENDING));
    }

    @Test
    void invoiceInAnotherCurrencyIsRecordedWithoutRows() {
        CommissionResult eur = CommissionCalculator.calculate(new CommissionableInvoice("in_eur",
                ReferralFixtures.person("payer"), new Money(9_900, "EUR"), PAID_AT), eligibleChain(7),
                CommissionPlan.defaultPlan(1));
        assertEquals(List.of(), ledger.applyInvoicePaid(eur));
        assertTrue(ledger.invoice("in_eur").orElseThrow().isFlagged());
        assertEquals(List.of(), ledger.applyRefund("in_eur", new Money(100, "EUR"), LATER));
    }
}
