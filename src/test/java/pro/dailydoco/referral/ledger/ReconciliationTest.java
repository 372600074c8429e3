package pro.dailydoco.referral.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pro.dailydoco.referral.ReferralFixtures.defaultPlanResult;
import static pro.dailydoco.referral.ReferralFixtures.eligibleChain;

import java.util.Set;

import org.junit.jupiter.api.Test;

import pro.dailydoco.core.Money;
import pro.dailydoco.referral.ReferralFixtures;

class ReconciliationTest {

    @Test
    void reportExplainsEveryCentAsEarnedForfeitedAndRounding() {
        CommissionLedgerModel ledger = new CommissionLedgerModel();
        // 333 cents × 63 % = 209.79 cents; levels 6 and 7 have no ancestor
        ledger.applyInvoicePaid(defaultPlanResult("in_333", 333, eligibleChain(5)));

        Reconciliation report = Reconciliation.forInvoice(ledger, "in_333");

        assertEquals(Money.usd(209), report.potential());
        assertEquals(7_900, report.subCentResidue());
        assertEquals(Money.usd(66 + 49 + 33 + 26 + 16), report.earned());
        assertEquals(Money.usd(9 + 6), report.forfeited());
        assertEquals(Money.usd(4), report.roundingRemainder());
        assertEquals(7, report.levels().size());
        assertEquals(Set.of(), report.levels().get(6).forfeitedBecause());
        assertTrue(report.balanced(), report.summary());
        assertEquals("Invoice in_333: 6300 bp of 333 = 209 + 7900/10000 cents = earned 190 + forfeited 15 + "
                + "rounding 4; clawed back 0 (refunded 0), standing 190; balances", report.summary());
    }

    @Test
    void reportShowsClawbacksAfterARefund() {
        CommissionLedgerModel ledger = new CommissionLedgerModel();
        ledger.applyInvoicePaid(defaultPlanResult("in_99", 9_900, eligibleChain(7)));
        ledger.applyRefund("in_99", Money.usd(4_950), ReferralFixtures.PAID_AT);

        Reconciliation report = Reconciliation.forInvoice(ledger, "in_99");

        assertEquals(Money.usd(6_237), report.earned());
        assertEquals(Money.usd(6_237 - 3_117), report.clawedBack());
        assertEquals(Money.usd(3_117), report.standing());
        assertTrue(report.balanced(), report.summary());
    }
}
