package pro.dailydoco.referral;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static pro.dailydoco.referral.ReferralPeople.scopedWork;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import pro.dailydoco.support.LockWaits;

/**
 * Races between two transactions made deterministic: the first does its work and keeps its transaction open until
 * the second is seen waiting for a lock in PostgreSQL, then commits; the test then asserts what the second must
 * have seen once the wait was over. Without the lock under test the second does not wait for the first and works
 * from the state before it, which is the bug the test catches.
 */
public final class Races implements AutoCloseable {

    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    public ExecutorService pool() {
        return pool;
    }

    /**
     * Runs {@code first} in its own transaction, as {@code user} (null: none, the code sets it per row), and keeps
     * it open until {@code second}, started on another thread once {@code first} is done, waits for a lock; then
     * commits and returns what {@code second} returned (or throws what it threw).
     */
    public <T> T whileHeldOpen(UUID user, Runnable first, Supplier<T> second) throws Exception {
        CountDownLatch firstDone = new CountDownLatch(1);
        CompletableFuture<T> secondResult = new CompletableFuture<>();
        Future<?> holder = pool.submit(() -> scopedWork().run(null, user, () -> {
            first.run();
            firstDone.countDown();
            LockWaits.awaitLockWaiter();
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

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
