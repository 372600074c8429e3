package pro.dailydoco.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;

/**
 * Two nodes running the same scheduled job at the same moment over one database: two threads released together, each
 * in a request context of its own as the scheduler gives a job. The job's state is all in PostgreSQL, and the
 * scheduler's "skip if running" holds only inside one JVM, so two threads are two nodes to the job.
 */
public final class TwoNodes {

    private TwoNodes() {
    }

    /** Runs {@code job} on both nodes at once; answers what each returned. */
    public static <T> List<T> runAtOnce(Callable<T> job) throws Exception {
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            Callable<T> node = () -> {
                start.await();
                ManagedContext context = Arc.container().requestContext();
                context.activate();
                try {
                    return job.call();
                } finally {
                    context.terminate();
                }
            };
            Future<T> first = nodes.submit(node);
            Future<T> second = nodes.submit(node);
            start.countDown();
            List<T> results = new ArrayList<>();
            results.add(first.get(120, TimeUnit.SECONDS));
            results.add(second.get(120, TimeUnit.SECONDS));
            return results;
        } finally {
            nodes.shutdownNow();
        }
    }
}
