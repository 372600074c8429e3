package pro.dailydoco.referral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pro.dailydoco.referral.ReferralPeople.bean;
import static pro.dailydoco.referral.ReferralPeople.scopedWork;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import pro.dailydoco.billing.Money;

/**
 * Races between two transactions made deterministic: the first does its work and keeps its transaction open until
 * the second is seen waiting for a lock in PostgreSQL, then commits; the assertions say what the second must have
 * seen once the wait was over.
 */
@QuarkusTest
class LedgerConcurrencyTest {

    @Inject
    CommissionLedger ledger;

    @Inject
    CommissionApprovalJob job;

    @Inject
    PayoutBatches batches;

    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void disputeFrozenWhileTheJobApprovesLeavesTheLineFrozen() throws Exception {
        List<UUID> chain = ReferralPeople.chain(2, "race-dispute");
        String invoice = CommissionLedgerDatabaseTest.invoiceId();
        Instant paidAt = now().minus(Duration.ofDays(31));
        CommissionLedgerDatabaseTest.paid(ledger, invoice, chain.get(1), 10_000, paidAt);
        CommissionLine line = new CommissionLine(invoice, chain.get(0), 1);

        // The dispute freezes the line and holds its transaction open; the job, meanwhile, approves that line.
        whileHeldOpen(null, () -> ledger.recordDisputeOpened(invoice, chain.get(1), "dp_race", now()),
                () -> scopedWork().call(null, null, () -> job.approve(line, now())));

        assertEquals("FROZEN", LedgerRows.statusOf(chain.get(0), invoice, 1),
                "a disputed commission never becomes payable");
    }

    @Test
    void approvalJobRunningBesideADisputeNeverLeavesADisputedLineApproved() throws Exception {
        List<UUID> chain = ReferralPeople.chain(3, "race-job");
        String invoice = CommissionLedgerDatabaseTest.invoiceId();
        Instant paidAt = now().minus(Duration.ofDays(31));
        CommissionLedgerDatabaseTest.paid(ledger, invoice, chain.get(2), 10_000, paidAt);

        whileHeldOpen(null, () -> ledger.recordDisputeOpened(invoice, chain.get(2), "dp_job", now()),
                () -> job.approveDue(now()));

        assertEquals("FROZEN", LedgerRows.statusOf(chain.get(1), invoice, 1));
        assertEquals("FROZEN", LedgerRows.statusOf(chain.get(0), invoice, 2));
    }

    @Test
    void twoBatchesAtOnceForTheSameEarnerPayTheBalanceOnce() throws Exception {
        UUID earner = approvedEarnerOf(30_000); // level 1: $60
        Money threshold = Money.usd(5_000);
        Instant at = now();

        Optional<Payout> second = whileHeldOpen(earner, () -> batches.payUser("batch-a-" + UUID.randomUUID(), earner, threshold, at),
                () -> scopedWork().call(null, earner,
                        () -> batches.payUser("batch-b-" + UUID.randomUUID(), earner, threshold, at)));

        assertTrue(second.isEmpty(), "the second batch found the balance paid");
        assertEquals(List.of(6_000L), payoutAmountsOf(earner));
    }

    @Test
    void twoBatchesInParallelThreadsPayExactlyOnePayout() throws Exception {
        UUID earner = approvedEarnerOf(30_000);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Payout>>> runs = List.of(
                pool.submit(() -> { start.await(); return batches.runBatch("batch-p1-" + UUID.randomUUID()); }),
                pool.submit(() -> { start.await(); return batches.runBatch("batch-p2-" + UUID.randomUUID()); }));
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

        Optional<Payout> second = whileHeldOpen(earner, () -> batches.payUser(batchId, earner, threshold, at),
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

    /**
     * Runs {@code first} in its own transaction, as {@code user} (null: none, the ledger sets it per row), and keeps it open until
     * {@code second}, started on another thread once {@code first} is done, waits for a lock; then commits and
     * returns what {@code second} returned.
     */
    private <T> T whileHeldOpen(UUID user, Runnable first, Supplier<T> second) throws Exception {
        CountDownLatch firstDone = new CountDownLatch(1);
        CompletableFuture<T> secondResult = new CompletableFuture<>();
        Future<?> holder = pool.submit(() -> scopedWork().run(null, user, () -> {
            first.run();
            firstDone.countDown();
            awaitLockWaiter();
        }));
        assertTrue(firstDone.await(60, TimeUnit.SECONDS), "the first transaction did its work");
        pool.submit(() -> {
            try {
                secondResult.complete(second.get());
            } catch (Throwable e) {
                secondResult.completeExceptionally(e);
            }
        });
        holder.get(60, TimeUnit.SECONDS);
        return secondResult.get(60, TimeUnit.SECONDS);
    }

    /** Waits (up to 10 s) until some session waits for a lock; the caller then lets go of its own. */
    private static void awaitLockWaiter() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Connection c = bean(DataSource.class).getConnection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select count(*) from pg_locks where not granted")) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    return;
                }
                Thread.sleep(20);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
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
