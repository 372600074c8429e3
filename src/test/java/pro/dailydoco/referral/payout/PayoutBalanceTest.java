package pro.dailydoco.referral.payout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static pro.dailydoco.referral.ReferralPeople.scopedWork;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import pro.dailydoco.core.Money;
import pro.dailydoco.referral.ReferralPeople;
import pro.dailydoco.referral.ledger.CommissionApprovalJob;
import pro.dailydoco.referral.ledger.CommissionLedger;
import pro.dailydoco.referral.ledger.CommissionLedgerDatabaseTest;

/**
 * A negative balance (a refund after the payout) carries forward into the next batches
 * (docs/decisions/0026-payout-threshold-and-negative-balances.md).
 */
@QuarkusTest
class PayoutBalanceTest {

    @Inject
    CommissionLedger ledger;

    @Inject
    CommissionApprovalJob job;

    @Inject
    PayoutBatches batches;

    @Test
    void aRefundAfterThePayoutIsADebtTheNextBatchesPayOffFirst() {
        UUID earner = ReferralPeople.signUpDirectly("debt-earner");
        UUID payer = ReferralPeople.signUpThroughLinkOf(earner, "debt-payer");
        String first = paidAndApproved(payer, 30_000); // level 1: $60
        assertEquals(List.of(Money.usd(6_000)), amountsPaid(earner, "first"));

        scopedWork().call(null, null, () -> ledger.recordRefund(first, payer, Money.usd(30_000), now()));
        assertEquals(List.of(), amountsPaid(earner, "after-refund"), "the balance is −$60: nothing to pay");

        paidAndApproved(payer, 40_000); // +$80: the balance is $20, below the $50 threshold
        assertEquals(List.of(), amountsPaid(earner, "below-threshold"), "only $20 above the debt");

        paidAndApproved(payer, 30_000); // +$60: the balance is $80
        assertEquals(List.of(Money.usd(8_000)), amountsPaid(earner, "above-debt"),
                "the batch pays $80 + $60 earned minus the $60 clawed back after the first payout");
        assertEquals(List.of(), amountsPaid(earner, "settled"), "nothing is paid twice");
    }

    private String paidAndApproved(UUID payer, long netCents) {
        String invoice = CommissionLedgerDatabaseTest.invoiceId();
        CommissionLedgerDatabaseTest.paid(ledger, invoice, payer, netCents, now().minus(Duration.ofDays(31)));
        job.approveDue(now());
        return invoice;
    }

    private List<Money> amountsPaid(UUID earner, String batch) {
        return batches.runBatch(ReferralPeople.signUpDirectly("payout-operator"), "batch-" + batch + "-" + UUID.randomUUID()).stream()
                .filter(p -> p.userId().equals(earner)).map(Payout::amount).toList();
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
