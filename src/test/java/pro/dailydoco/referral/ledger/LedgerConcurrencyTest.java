package pro.dailydoco.referral.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pro.dailydoco.referral.ReferralPeople.bean;
import static pro.dailydoco.referral.ReferralPeople.scopedWork;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import pro.dailydoco.core.Money;
import pro.dailydoco.referral.LedgerRows;
import pro.dailydoco.referral.Races;
import pro.dailydoco.referral.ReferralPeople;
import pro.dailydoco.referral.payout.Payout;
import pro.dailydoco.referral.payout.PayoutBatches;

/** Races on the ledger and payouts, made deterministic with {@link Races}. */
@QuarkusTest
class LedgerConcurrencyTest {

    @Inject
    CommissionLedger ledger;

    @Inject
    CommissionApprovalJob job;

    @Inject
    PayoutBatches batches;

    private final Races races = new Races();

    @AfterEach
    void stopRaces() {
        races.close();
    }

    @Test
    void disputeFrozenWhileTheJobApprovesLeavesTheLineFrozen() throws Exception {
        List<UUID> chain = ReferralPeople.chain(2, "race-dispute");
        String invoice = CommissionLedgerDatabaseTest.invoiceId();
        Instant paidAt = now().minus(Duration.ofDays(31));
        CommissionLedgerDatabaseTest.paid(ledger, invoice, chain.get(1), 10_000, paidAt);
        CommissionLine line = new CommissionLine(invoice, chain.get(0), 1);

        // The dispute freezes the line and holds its transaction open; the job, meanwhile, approves that line.
        races.whileHeldOpen(null, () -> ledger.recordDisputeOpened(invoice, chain.get(1), "dp_race", now()),
                () -> scopedWork().call(null, null, () -> job.approve(line, now())));

        assertEquals("FROZEN", LedgerRows.statusOf(chain.get(0), invoice, 1),
                "a disputed commission never becomes payable");
        assertEquals(2_000, LedgerRows.notApprovedFromRawRows(chain.get(0)));
        assertEquals(2_000, LedgerRows.notApprovedFromRollup(chain.get(0)));
    }

    @Test
    void approvalJobRunningBesideADisputeNeverLeavesADisputedLineApproved() throws Exception {
        List<UUID> chain = ReferralPeople.chain(3, "race-job");
        String invoice = CommissionLedgerDatabaseTest.invoiceId();
        Instant paidAt = now().minus(Duration.ofDays(31));
        CommissionLedgerDatabaseTest.paid(ledger, invoice, chain.get(2), 10_000, paidAt);

        races.whileHeldOpen(null, () -> ledger.recordDisputeOpened(invoice, chain.get(2), "dp_job", now()),
                () -> job.approveDue(now()));

        assertEquals("FROZEN", LedgerRows.statusOf(chain.get(1), invoice, 1));
        assertEquals("FROZEN", LedgerRows.statusOf(chain.get(0), invoice, 2));
    }

    @Test
    void aRefundWhileTheJobApprovesTheLineLeavesTheNotApprovedBalanceEqualToTheLedger() throws Exception {
        List<UUID> chain = ReferralPeople.chain(2, "race-approve-refund");
        String invoice = CommissionLedgerDatabaseTest.invoiceId();
        CommissionLedgerDatabaseTest.paid(ledger, invoice, chain.get(1), 10_000, now().minus(Duration.ofDays(31)));
        CommissionLine line = new CommissionLine(invoice, chain.get(0), 1);

        // The job approves and holds its transaction open; the refund's row must wait to learn the line is approved.
        races.whileHeldOpen(null, () -> job.approve(line, now()),
                () -> scopedWork().call(null, null, () -> ledger.recordRefund(invoice, chain.get(1), Money.usd(5_000), now())));

        assertEquals("APPROVED", LedgerRows.statusOf(chain.get(0), invoice, 1));
        assertEquals(Money.usd(1_000), LedgerRows.amountOf(chain.get(0), invoice), "20 % of the $50 left");
        assertEquals(0, LedgerRows.notApprovedFromRawRows(chain.get(0)));
        assertEquals(0, LedgerRows.notApprovedFromRollup(chain.get(0)), "the refund's row belongs to the approved line");
    }

    @Test
    void theJobApprovingWhileARefundIsOpenApprovesTheRefundedAmount() throws Exception {
        List<UUID> chain = ReferralPeople.chain(2, "race-refund-approve");
        String invoice = CommissionLedgerDatabaseTest.invoiceId();
        CommissionLedgerDatabaseTest.paid(ledger, invoice, chain.get(1), 10_000, now().minus(Duration.ofDays(31)));
        CommissionLine line = new CommissionLine(invoice, chain.get(0), 1);

        // The refund appends its row and holds its transaction open; the approval must wait and approve $10, not $20.
        races.whileHeldOpen(null, () -> ledger.recordRefund(invoice, chain.get(1), Money.usd(5_000), now()),
                () -> scopedWork().call(null, null, () -> job.approve(line, now())));

        assertEquals("APPROVED", LedgerRows.statusOf(chain.get(0), invoice, 1));
        assertEquals(0, LedgerRows.notApprovedFromRawRows(chain.get(0)));
        assertEquals(0, LedgerRows.notApprovedFromRollup(chain.get(0)), "the approval took the refunded amount");
    }

    @Test
    void twoBatchesAtOnceForTheSameEarnerPayTheBalanceOnce() throws Exception {
        UUID earner = approvedEarnerOf(30_000); // level 1: $60
        Money threshold = Money.usd(5_000);
        Instant at = now();

        Optional<Payout> second = races.whileHeldOpen(earner, () -> batches.payUser("batch-a-" + UUID.randomUUID(), earner, threshold, at),
                () -> scopedWork().call(null, earner,
                        () -> batches.payUser("batch-b-" + UUID.randomUUID(), earner, threshold, at)));

        assertTrue(second.isEmpty(), "the second batch found the balance paid");
        assertEquals(List.of(6_000L), payoutAmountsOf(earner));
    }

    @Test
    void twoBatchesInParallelThreadsPayExactlyOnePayout() throws Exception {
        UUID operator = ReferralPeople.signUpDirectly("payout-operator");
        UUID earner = approvedEarnerOf(30_000);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Payout>>> runs = List.of(
                races.pool().submit(() -> { start.await(); return batches.runBatch(operator, "batch-p1-" + UUID.randomUUID()); }),
                races.pool().submit(() -> { start.await(); return batches.runBatch(operator, "batch-p2-" + UUID.randomUUID()); }));
        start.countDown();
        long paidToEarner = 0;
        for (Future<List<Payout>> run : runs) {
            paidToEarner += run.get(120, TimeUnit.SECONDS).stream().filter(p -> p.userId().equals(earner)).count();
        }
        assertEquals(1, paidToEarner);
        assertEquals(List.of(6_000L), payoutAmountsOf(earner));
    }

    @Test
    void theSameBatchIdSubmittedTwiceAtOnceAnswersTheSamePayout() throws Exception {
        UUID earner = approvedEarnerOf(30_000);
        Money threshold = Money.usd(5_000);
        Instant at = now();
        String batchId = "batch-twice-" + UUID.randomUUID();

        Optional<Payout> second = races.whileHeldOpen(earner, () -> batches.payUser(batchId, earner, threshold, at),
                () -> scopedWork().call(null, earner, () -> batches.payUser(batchId, earner, threshold, at)));

        assertEquals(batchId + ":" + earner, second.orElseThrow().payoutId());
        assertEquals(Money.usd(6_000), second.get().amount());
        assertEquals(List.of(6_000L), payoutAmountsOf(earner));
    }

    /** A user whose level-1 commission on a {@code netCents} invoice is APPROVED; the payer is referred by them. */
    private UUID approvedEarnerOf(long netCents) {
        UUID earner = ReferralPeople.signUpDirectly("race-earner");
        UUID payer = ReferralPeople.signUpThroughLinkOf(earner, "race-payer");
        String invoice = CommissionLedgerDatabaseTest.invoiceId();
        CommissionLedgerDatabaseTest.paid(ledger, invoice, payer, netCents, now().minus(Duration.ofDays(31)));
        scopedWork().call(null, null, () -> job.approve(new CommissionLine(invoice, earner, 1), now()));
        assertEquals("APPROVED", LedgerRows.statusOf(earner, invoice, 1));
        return earner;
    }

    private static List<Long> payoutAmountsOf(UUID earner) {
        return scopedWork().call(null, earner, () -> bean(jakarta.persistence.EntityManager.class).createNativeQuery(
                "select amount_minor from payout where user_id = ?1 order by created_at", Long.class)
                .setParameter(1, earner).getResultList().stream().map(Long.class::cast).toList());
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
