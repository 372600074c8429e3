package pro.dailydoco.referral.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pro.dailydoco.referral.ReferralPeople.bean;
import static pro.dailydoco.referral.ReferralPeople.scopedWork;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import pro.dailydoco.account.User;
import pro.dailydoco.core.Money;
import pro.dailydoco.referral.CommissionPlan;
import pro.dailydoco.referral.CommissionTiers;
import pro.dailydoco.referral.LedgerRows;
import pro.dailydoco.referral.ReferralPeople;
import pro.dailydoco.referral.TierQualification;
import pro.dailydoco.referral.guards.Ineligibility;
import pro.dailydoco.referral.guards.PersonIdentity;
import pro.dailydoco.referral.leaderboard.Leaderboard;
import pro.dailydoco.referral.payout.Payout;
import pro.dailydoco.referral.payout.PayoutBatches;

/** The PostgreSQL ledger against its specification, the in-memory {@link CommissionLedgerModel}. */
@QuarkusTest
public class CommissionLedgerDatabaseTest {

    @Inject
    CommissionLedger ledger;

    @Inject
    CommissionApprovalJob job;

    @Inject
    PayoutBatches batches;

    @Test
    void chainOfNinePaysLevelsOneToSevenAtTheDefaultRatesAndLevelEightNothing() {
        List<UUID> chain = ReferralPeople.chain(9, "nine");
        UUID payer = chain.get(8);
        String invoice = invoiceId();
        paid(invoice, payer, 10_000, now());
        long[] expected = {2000, 1500, 1000, 800, 500, 300, 200};
        for (int level = 1; level <= 7; level++) {
            assertEquals(Money.usd(expected[level - 1]), LedgerRows.amountOf(chain.get(8 - level), invoice), "level " + level);
        }
        assertEquals(List.of(), LedgerRows.rowsOf(chain.get(0), invoice), "level 8 earns nothing");
        assertEquals(List.of(), LedgerRows.rowsOf(payer, invoice), "the payer earns nothing from their own payment");
    }

    @Test
    void depthComesFromStoredPayingReferralsNeverFromSignUps() {
        List<UUID> chain = ReferralPeople.chain(6, "rank"); // sign-ups below each: 5, 4, …, 0; nobody pays yet
        bean(Leaderboard.class).refresh(Instant.now());
        // Bronze from 0, Silver from 4, Gold from 5 points (a paying referral is 10, a sign-up 1); Bronze and Silver
        // earn to level 2 only.
        TierQualification rule = new TierQualification(new CommissionTiers(List.of("Bronze", "Silver", "Gold", "Platinum"),
                List.of(0L, 4L, 5L, 100L), 10, 1), List.of(2, 2, 7, 7));
        UUID payer = chain.get(5);
        List<UUID> upline = List.of(chain.get(4), chain.get(3), chain.get(2), chain.get(1), chain.get(0));

        CommissionResult recruitedOnly = rankedResult(upline, payer, rule);
        assertEquals(List.of(1, 2), recruitedOnly.entitlements().stream().map(Entitlement::level).toList(),
                "5 sign-ups give the root a Gold badge (score 5) but unlock no level: levels 3–5 forfeit");
        assertEquals(Set.of(Ineligibility.NOT_QUALIFIED_FOR_LEVEL), recruitedOnly.forfeited().get(0).reasons());
        assertEquals(chain.get(0), recruitedOnly.forfeited().get(2).ancestorId());
        assertEquals(List.of(5L, 4L, 3L, 2L, 1L), scoresOf(List.of(chain.get(0), chain.get(1), chain.get(2), chain.get(3),
                chain.get(4))), "the leaderboard's viral score still counts sign-ups");

        paid(invoiceId(), payer, 1_000, now()); // the payer becomes everyone's paying referral
        bean(Leaderboard.class).refresh(Instant.now());
        CommissionResult afterPaying = rankedResult(upline, payer, rule);
        assertEquals(List.of(1, 2, 3, 4, 5), afterPaying.entitlements().stream().map(Entitlement::level).toList(),
                "one paying referral (10 points) reaches Gold: all levels earn");
        // The configured default (7,7,7,7): every tier earns from all 7 levels.
        AncestorProfiles profiles = bean(AncestorProfiles.class);
        assertEquals(List.of(7, 7, 7, 7, 7), scopedWork().call(null, null,
                () -> upline.stream().map(u -> profiles.of(u).qualifiedDepth()).toList()));
    }

    private static CommissionResult rankedResult(List<UUID> upline, UUID payer, TierQualification rule) {
        AncestorProfiles profiles = bean(AncestorProfiles.class);
        List<Ancestor> ranked = scopedWork().call(null, null, () -> upline.stream().map(u -> profiles.of(u, rule)).toList());
        return CommissionCalculator.calculate(new CommissionableInvoice(invoiceId(), PersonIdentity.of(payer, null),
                Money.usd(10_000), now()), ranked, CommissionPlan.defaultPlan(1));
    }

    private static List<Long> scoresOf(List<UUID> users) {
        return users.stream().map(u -> scopedWork().call(null, u, () -> bean(Leaderboard.class).standingOf(u).score()))
                .toList();
    }

    @Test
    void replayedInvoicePaidWritesOneSetOfRows() {
        List<UUID> chain = ReferralPeople.chain(3, "replay");
        String invoice = invoiceId();
        Instant at = now();
        assertEquals(2, paid(invoice, chain.get(2), 9_999, at));
        assertEquals(0, paid(invoice, chain.get(2), 9_999, at), "a replay writes nothing");
        assertEquals(List.of(new LedgerRows.Row(chain.get(1), 1, "EARNED", 0, 1999),
                new LedgerRows.Row(chain.get(0), 2, "EARNED", 0, 1499)), LedgerRows.rowsOf(List.of(chain.get(1), chain.get(0)), invoice));
    }

    @Test
    void duplicateDeliveriesInParallelWriteExactlyOnce() throws Exception {
        List<UUID> chain = ReferralPeople.chain(3, "parallel");
        String invoice = invoiceId();
        Instant at = now();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return paid(invoice, chain.get(2), 5_000, at);
                }));
            }
            start.countDown();
            int written = 0;
            for (Future<Integer> result : results) {
                written += result.get(60, TimeUnit.SECONDS);
            }
            assertEquals(2, written, "one delivery wrote both levels, the seven others nothing");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of(new LedgerRows.Row(chain.get(1), 1, "EARNED", 0, 1000)), LedgerRows.rowsOf(chain.get(1), invoice));
        assertEquals(List.of(new LedgerRows.Row(chain.get(0), 2, "EARNED", 0, 750)), LedgerRows.rowsOf(chain.get(0), invoice));
    }

    @Test
    void partialAndFullRefundsMoveTheLedgerExactlyAsTheModel() {
        List<UUID> chain = ReferralPeople.chain(4, "refund");
        UUID payer = chain.get(3);
        String invoice = invoiceId();
        Instant at = now();
        CommissionLedgerModel model = paidInBoth(invoice, chain, 9_999, at);

        long[] cumulativeRefunds = {3_333, 3_333, 1_000, 7_777, 12_000};
        for (long refunded : cumulativeRefunds) {
            model.applyRefund(invoice, Money.usd(refunded), at);
            scopedWork().call(null, null, () -> ledger.recordRefund(invoice, payer, Money.usd(refunded), at));
            assertSameRows(model, invoice, chain.subList(0, 3));
        }
        for (UUID earner : chain.subList(0, 3)) {
            assertEquals(Money.usd(0), LedgerRows.amountOf(earner, invoice), "a full refund ends at zero");
        }
    }

    @Test
    void refundArrivingBeforeThePaymentIsAppliedWhenThePaymentArrives() {
        List<UUID> chain = ReferralPeople.chain(2, "early-refund");
        String invoice = invoiceId();
        Instant at = now();
        scopedWork().call(null, null, () -> ledger.recordRefund(invoice, chain.get(1), Money.usd(2_500), at));
        assertEquals(List.of(), LedgerRows.rowsOf(chain.get(0), invoice), "nothing to adjust before the payment");
        CommissionLedgerModel model = new CommissionLedgerModel();
        model.applyRefund(invoice, Money.usd(2_500), at);
        model.applyInvoicePaid(CommissionCalculator.calculate(new CommissionableInvoice(invoice, identity(chain.get(1)),
                Money.usd(10_000), at), List.of(Ancestor.eligible(identity(chain.get(0)))), CommissionPlan.defaultPlan(1)));
        paid(invoice, chain.get(1), 10_000, at);
        assertSameRows(model, invoice, chain.subList(0, 1));
        assertEquals(Money.usd(1_500), LedgerRows.amountOf(chain.get(0), invoice), "20 % of the $75 left");
    }

    @Test
    void lostDisputeFreezesThenClawsBackLikeTheModel() {
        List<UUID> chain = ReferralPeople.chain(2, "dispute");
        UUID payer = chain.get(1);
        String invoice = invoiceId();
        Instant at = now();
        CommissionLedgerModel model = paidInBoth(invoice, chain, 4_321, at);
        model.applyRefund(invoice, Money.usd(1_000), at);
        scopedWork().call(null, null, () -> ledger.recordRefund(invoice, payer, Money.usd(1_000), at));

        scopedWork().run(null, null, () -> ledger.recordDisputeOpened(invoice, payer, "dp_1", at));
        assertEquals("FROZEN", LedgerRows.statusOf(chain.get(0), invoice, 1));
        model.applyDisputeClosed(invoice, "dp_1", true, at);
        scopedWork().call(null, null, () -> ledger.recordDisputeClosed(invoice, payer, "dp_1", true, at));
        scopedWork().call(null, null, () -> ledger.recordDisputeClosed(invoice, payer, "dp_1", true, at));
        assertSameRows(model, invoice, chain.subList(0, 1));
        assertEquals(Money.usd(0), LedgerRows.amountOf(chain.get(0), invoice));
    }

    @Test
    void approvalJobApprovesPendingLinesOnceTheHoldHasPassed() {
        List<UUID> chain = ReferralPeople.chain(2, "hold");
        String invoice = invoiceId();
        Instant paidAt = now();
        paid(invoice, chain.get(1), 2_000, paidAt);
        assertEquals("PENDING", LedgerRows.statusOf(chain.get(0), invoice, 1));
        job.approveDue(paidAt.plus(Duration.ofDays(30)).minusSeconds(1));
        assertEquals("PENDING", LedgerRows.statusOf(chain.get(0), invoice, 1), "still inside the 30-day hold");
        assertTrue(job.approveDue(paidAt.plus(Duration.ofDays(30))) >= 1);
        assertEquals("APPROVED", LedgerRows.statusOf(chain.get(0), invoice, 1));
    }

    @Test
    void payoutBatchPaysApprovedBalancesAtTheThresholdOnce() {
        UUID operator = ReferralPeople.signUpDirectly("payout-operator");
        List<UUID> chain = ReferralPeople.chain(3, "payout");
        String invoice = invoiceId();
        Instant paidAt = now().minus(Duration.ofDays(31));
        paid(invoice, chain.get(2), 30_000, paidAt);
        job.approveDue(now());
        String batchId = "batch-" + UUID.randomUUID();

        List<Payout> payouts = mine(batches.runBatch(operator, batchId), chain);
        assertEquals(1, payouts.size(), "level 2's $45 stays below the $50 threshold");
        assertEquals(chain.get(1), payouts.get(0).userId());
        assertEquals(Money.usd(6_000), payouts.get(0).amount());
        assertEquals(payouts.get(0).payoutId(), mine(batches.runBatch(operator, batchId), chain).get(0).payoutId(), "a rerun pays nothing new");
        assertEquals(List.of(), mine(batches.runBatch(operator, batchId + "-next"), chain), "nothing is paid twice");
        String csv = batches.csv(payouts);
        assertTrue(csv.contains(payouts.get(0).payoutId() + "," + chain.get(1) + ",") && csv.contains(",60.00,USD"), csv);
    }

    private int paid(String invoice, UUID payer, long netCents, Instant at) {
        return paid(ledger, invoice, payer, netCents, at);
    }

    public static int paid(CommissionLedger ledger, String invoice, UUID payer, long netCents, Instant at) {
        return scopedWork().call(null, null, () -> ledger.recordInvoicePaid(invoice, payer, "cus_" + payer, null, Money.usd(netCents), at));
    }

    public static String invoiceId() {
        return "in_" + UUID.randomUUID();
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private static List<Payout> mine(List<Payout> payouts, List<UUID> users) {
        return payouts.stream().filter(p -> users.contains(p.userId())).toList();
    }

    /** Pays the invoice of the chain's last user in the database and in a fresh in-memory model. */
    private CommissionLedgerModel paidInBoth(String invoice, List<UUID> chain, long netCents, Instant at) {
        UUID payer = chain.get(chain.size() - 1);
        List<Ancestor> ancestors = new ArrayList<>();
        for (int i = chain.size() - 2; i >= 0; i--) {
            ancestors.add(Ancestor.eligible(identity(chain.get(i))));
        }
        CommissionLedgerModel model = new CommissionLedgerModel();
        model.applyInvoicePaid(CommissionCalculator.calculate(new CommissionableInvoice(invoice, identity(payer),
                Money.usd(netCents), at), ancestors, CommissionPlan.defaultPlan(1)));
        paid(invoice, payer, netCents, at);
        return model;
    }

    private static PersonIdentity identity(UUID userId) {
        User user = scopedWork().call(null, null, () -> User.<User>findById(userId));
        return new PersonIdentity(userId, user.email, Set.of("cus_" + userId), Set.of());
    }

    private static void assertSameRows(CommissionLedgerModel model, String invoice, List<UUID> earners) {
        List<LedgerRows.Row> expected = new ArrayList<>(model.rowsOfInvoice(invoice).stream()
                .map(r -> new LedgerRows.Row(r.line().earnerId(), r.line().level(), r.kind().name(), r.discriminator(),
                        r.amount().minor()))
                .toList());
        List<LedgerRows.Row> actual = new ArrayList<>(LedgerRows.rowsOf(earners, invoice));
        sort(expected);
        sort(actual);
        assertEquals(expected, actual);
    }

    private static void sort(List<LedgerRows.Row> rows) {
        Collections.sort(rows, (a, b) -> a.level() != b.level() ? Integer.compare(a.level(), b.level())
                : a.kind().equals(b.kind()) ? Long.compare(a.discriminator(), b.discriminator()) : a.kind().compareTo(b.kind()));
    }
}
