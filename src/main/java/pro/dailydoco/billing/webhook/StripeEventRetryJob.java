package pro.dailydoco.billing.webhook;

import java.time.Duration;
import java.util.List;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import pro.dailydoco.billing.BillingConfig;

/**
 * Processes the Stripe events that are due: failed ones whose back-off has passed, and ones the receiving instance
 * did not finish (it died, or its lease ran out). Every instance runs it: each claims batches with
 * {@code for update skip locked} ({@link StripeEventStore#claimDue}) and keeps claiming until nothing is due, so the
 * backlog is shared and drains as fast as events can be processed, not a fixed number per minute
 * (docs/decisions/0106-stripe-event-claims-and-back-off.md). A failing event backs off on its own and never holds up
 * the others.
 */
@ApplicationScoped
public class StripeEventRetryJob {

    /** One run stops claiming after this long (the next run carries on), well inside the claim lease. */
    static final Duration RUN_BUDGET = Duration.ofSeconds(45);

    private final StripeEventStore store;
    private final StripeEventProcessor processor;
    private final BillingConfig config;

    StripeEventRetryJob(StripeEventStore store, StripeEventProcessor processor, BillingConfig config) {
        this.store = store;
        this.processor = processor;
        this.config = config;
    }

    @Scheduled(every = "${dailydoco.billing.webhook-retry-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        retryDue();
    }

    /**
     * Claims and processes due events, batch after batch, until none is due; returns how many were attempted. Runs
     * from any thread (the scheduler's, or a caller's): it brings its own request context.
     */
    @ActivateRequestContext
    public int retryDue() {
        long deadline = System.nanoTime() + RUN_BUDGET.toNanos();
        int attempted = 0;
        while (System.nanoTime() < deadline) {
            List<String> claimed = store.claimDue(config.webhookClaimBatch());
            if (claimed.isEmpty()) {
                break;
            }
            claimed.forEach(processor::process);
            attempted += claimed.size();
        }
        return attempted;
    }
}
