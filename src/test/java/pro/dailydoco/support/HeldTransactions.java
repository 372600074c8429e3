package pro.dailydoco.support;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Whether one unit of work can finish while another transaction, having done its own work, is still open: the way
 * to show that two transactions do not queue behind each other's row locks.
 */
public final class HeldTransactions {

    private HeldTransactions() {
    }

    /**
     * Runs {@code holder} on one thread, which does its work and then keeps its transaction open (it calls the given
     * {@code Runnable} where it should wait, inside the transaction) until {@code other}, run on another thread,
     * has finished or {@code seconds} have passed. True when {@code other} finished in time.
     */
    public static boolean finishesWhileHeld(Consumer<Runnable> holder, Runnable other, long seconds) throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> held = threads.submit(() -> holder.accept(() -> {
                holding.countDown();
                try {
                    release.await(seconds * 2, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            if (!holding.await(seconds * 2, TimeUnit.SECONDS)) {
                held.get(); // surfaces the holder's failure
                throw new IllegalStateException("The holding transaction never got to its wait");
            }
            Future<?> second = threads.submit(other);
            boolean finished;
            try {
                second.get(seconds, TimeUnit.SECONDS);
                finished = true;
            } catch (TimeoutException e) {
                finished = false;
            }
            release.countDown();
            held.get(seconds * 2, TimeUnit.SECONDS);
            second.get(seconds * 2, TimeUnit.SECONDS);
            return finished;
        } finally {
            release.countDown();
            threads.shutdown();
        }
    }
}
