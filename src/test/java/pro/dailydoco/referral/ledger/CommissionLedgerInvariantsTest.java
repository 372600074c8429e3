package pro.dailydoco.referral.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import pro.dailydoco.core.Money;
import pro.dailydoco.referral.CommissionPlan;
import pro.dailydoco.referral.LedgerScenario;
import pro.dailydoco.referral.LedgerScenarios;
import pro.dailydoco.referral.guards.PersonIdentity;
import pro.dailydoco.referral.guards.SamePersonCheck;
import pro.dailydoco.referral.payout.Payout;
import pro.dailydoco.referral.payout.PayoutModel;
import pro.dailydoco.support.CaseNameInFailures;

/**
 * The ledger invariants (docs/decisions/0018-money-in-integer-minor-units.md, 0019-append-only-commission-ledger.md)
 * over random forests, plans, invoices, cumulative refunds, disputes, shuffled deliveries and webhook replays.
 * Expected amounts are recomputed here with BigInteger, independently of Money. Each invariant runs on the same fixed
 * edge cases and {@value LedgerScenarios#RANDOM_CASES} seeded random scenarios ({@link LedgerScenarios}); a failing
 * case names its seed, and {@code -Dproperty.seed=<seed>} runs it first.
 */
@ExtendWith(CaseNameInFailures.class)
class CommissionLedgerInvariantsTest {

    static Stream<Named<LedgerScenario>> scenarios() {
        return LedgerScenarios.cases();
    }

    private static CommissionLedgerModel applyAll(List<LedgerScenario.Event> events) {
        CommissionLedgerModel ledger = new CommissionLedgerModel();
        PayoutModel payouts = new PayoutModel(ledger);
        events.forEach(e -> LedgerScenario.apply(e, ledger, payouts, PayoutModel.DEFAULT_THRESHOLD));
        return ledger;
    }

    /**
     * floor((net − min(net, refunded)) × rate / 10000), or 0 after a lost dispute
     * (docs/decisions/0018-money-in-integer-minor-units.md).
     */
    private static long expectedLineAmount(LedgerScenario s, int invoice, int rate) {
        LedgerScenario.InvoiceSpec spec = s.invoices().get(invoice);
        if (spec.dispute() == LedgerScenario.DisputeOutcome.LOST) {
            return 0;
        }
        long remaining = spec.netCents() - Math.min(spec.netCents(), s.finalRefunded(invoice));
        return BigInteger.valueOf(remaining).multiply(BigInteger.valueOf(rate))
                .divide(BigInteger.valueOf(10_000)).longValueExact();
    }

    private static Map<CommissionLine, Money> lineAmounts(CommissionLedgerModel ledger) {
        Map<CommissionLine, Money> amounts = new HashMap<>();
        ledger.rows().forEach(r -> amounts.merge(r.line(), r.amount(), Money::plus));
        return amounts;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void everyLineEndsAtItsEntitlementWhateverTheOrderAndReplaysOfEvents(LedgerScenario s) {
        List<LedgerScenario.Event> inOrder = s.moneyEventsInOrder();
        CommissionLedgerModel ordered = applyAll(inOrder);
        CommissionLedgerModel shuffled = applyAll(s.shuffledWithReplays(inOrder));

        assertEquals(lineAmounts(ordered), lineAmounts(shuffled));
        for (int i = 0; i < s.invoices().size(); i++) {
            CommissionResult result = ordered.invoice(s.invoiceId(i)).orElseThrow();
            for (Entitlement e : result.entitlements()) {
                CommissionLine line = new CommissionLine(e.invoiceId(), e.earnerId(), e.level());
                assertEquals(expectedLineAmount(s, i, e.rateBasisPoints()), shuffled.amountOf(line).minor());
                assertEquals(ordered.statusOf(line), shuffled.statusOf(line));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void replayingAnyEventChangesNothing(LedgerScenario s) {
        List<LedgerScenario.Event> events = s.withJobs(s.shuffledWithReplays(s.moneyEventsInOrder()));
        CommissionLedgerModel ledger = new CommissionLedgerModel();
        PayoutModel payouts = new PayoutModel(ledger);
        events.forEach(e -> LedgerScenario.apply(e, ledger, payouts, PayoutModel.DEFAULT_THRESHOLD));
        int rows = ledger.rows().size();
        int statusEvents = ledger.statusEvents().size();

        for (LedgerScenario.Event event : events) {
            if (!(event instanceof LedgerScenario.Approve)) { // a later approval run may legitimately approve more
                LedgerScenario.apply(event, ledger, payouts, PayoutModel.DEFAULT_THRESHOLD);
            }
        }
        assertEquals(rows, ledger.rows().size());
        assertEquals(statusEvents, ledger.statusEvents().size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void commissionsNeverExceedAmountTimesSumOfRatesAndClawbacksNeverExceedEarnings(LedgerScenario s) {
        CommissionLedgerModel ledger = applyAll(s.shuffledWithReplays(s.moneyEventsInOrder()));
        for (int i = 0; i < s.invoices().size(); i++) {
            long earned = 0;
            Map<CommissionLine, Long> earnedPerLine = new HashMap<>();
            Map<CommissionLine, Long> takenBackPerLine = new HashMap<>();
            for (LedgerRow row : ledger.rowsOfInvoice(s.invoiceId(i))) {
                if (row.kind() == LedgerRow.Kind.EARNED) {
                    earned += row.amount().minor();
                    earnedPerLine.merge(row.line(), row.amount().minor(), Long::sum);
                } else {
                    assertTrue(row.amount().isNegative(), "refunds and clawbacks only ever take back");
                    takenBackPerLine.merge(row.line(), -row.amount().minor(), Long::sum);
                }
            }
            BigInteger ceiling = BigInteger.valueOf(s.invoices().get(i).netCents())
                    .multiply(BigInteger.valueOf(s.plan().totalBasisPoints()));
            assertTrue(BigInteger.valueOf(earned).multiply(BigInteger.valueOf(10_000)).compareTo(ceiling) <= 0);
            takenBackPerLine.forEach((line, taken) -> assertTrue(taken <= earnedPerLine.getOrDefault(line, 0L)));
        }
    }

    /** Scenario people are numbered by their user id (see {@link LedgerScenario.Person#identity}). */
    private static int indexOf(Ancestor ancestor) {
        return (int) ancestor.person().userId().getLeastSignificantBits();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void noOneEarnsFromTheirOwnPaymentOrDeeperThanSevenLevelsOrTheirTier(LedgerScenario s) {
        CommissionLedgerModel ledger = applyAll(s.shuffledWithReplays(s.moneyEventsInOrder()));
        for (int i = 0; i < s.invoices().size(); i++) {
            PersonIdentity payer = s.payerOf(i);
            List<Ancestor> chain = s.chainOf(i);
            for (LedgerRow row : ledger.rowsOfInvoice(s.invoiceId(i))) {
                int level = row.line().level();
                assertTrue(level >= 1 && level <= CommissionPlan.LEVELS);
                Ancestor earner = chain.get(level - 1);
                assertEquals(earner.person().userId(), row.line().earnerId());
                assertFalse(row.line().earnerId().equals(payer.userId()));
                assertFalse(SamePersonCheck.isSamePerson(earner.person(), payer));
                assertTrue(earner.active() && !earner.suspended() && level <= earner.qualifiedDepth());
                assertTrue(level <= s.rank().depthForPayingReferrals(s.people().get(indexOf(earner)).payingReferrals()),
                        "nobody earns deeper than their tier's depth");
                assertEquals(s.plan().rateOfLevel(level), row.rateBasisPoints());
                assertEquals(s.plan().version(), row.planVersion());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void fullRefundOrLostDisputeEndsAtZero(LedgerScenario s) {
        CommissionLedgerModel ledger = applyAll(s.shuffledWithReplays(s.moneyEventsInOrder()));
        for (int i = 0; i < s.invoices().size(); i++) {
            LedgerScenario.InvoiceSpec spec = s.invoices().get(i);
            if (s.finalRefunded(i) >= spec.netCents() || spec.dispute() == LedgerScenario.DisputeOutcome.LOST) {
                for (CommissionLine line : ledger.linesOf(s.invoiceId(i))) {
                    assertTrue(ledger.amountOf(line).isZero(), line + " still holds " + ledger.amountOf(line));
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void reconciliationBalancesForEveryInvoice(LedgerScenario s) {
        CommissionLedgerModel ledger = applyAll(s.shuffledWithReplays(s.moneyEventsInOrder()));
        for (int i = 0; i < s.invoices().size(); i++) {
            Reconciliation report = Reconciliation.forInvoice(ledger, s.invoiceId(i));
            assertTrue(report.balanced(), report.summary());
            BigInteger exact = BigInteger.valueOf(report.net().minor())
                    .multiply(BigInteger.valueOf(report.totalBasisPoints()));
            long explained = report.earned().minor() + report.forfeited().minor() + report.roundingRemainder().minor();
            if (report.flag() == null) {
                assertEquals(exact, BigInteger.valueOf(explained).multiply(BigInteger.valueOf(10_000))
                        .add(BigInteger.valueOf(report.subCentResidue())));
            }
            assertEquals(report.earned().minus(report.clawedBack()), report.standing());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void balancesAccountForEveryCentThroughApprovalsAndPayouts(LedgerScenario s) {
        CommissionLedgerModel ledger = new CommissionLedgerModel();
        PayoutModel payouts = new PayoutModel(ledger);
        Money threshold = Money.usd(1_000);
        Map<UUID, Money> paidOut = new HashMap<>();
        int batch = 0;
        for (LedgerScenario.Event e : s.withJobs(s.shuffledWithReplays(s.moneyEventsInOrder()))) {
            LedgerScenario.apply(e, ledger, payouts, threshold);
            for (Payout p : payouts.runBatch("extra-" + batch++, threshold, LedgerScenario.START)) {
                assertTrue(p.amount().compareTo(threshold) >= 0, "a payout reaches the threshold");
                paidOut.merge(p.userId(), p.amount(), Money::plus);
            }
        }
        for (UUID user : ledger.rows().stream().map(r -> r.line().earnerId()).distinct().toList()) {
            CommissionBalance b = payouts.balanceOf(user, Money.USD);
            assertEquals(b.earned(), b.pending().plus(b.frozen()).plus(b.approved()).plus(b.paid())
                    .plus(b.clawedBack()));
            assertTrue(b.clawedBack().compareTo(b.earned()) <= 0);
            assertTrue(b.paid().compareTo(paidOut.getOrDefault(user, Money.usd(0))) >= 0);
        }
    }
}
