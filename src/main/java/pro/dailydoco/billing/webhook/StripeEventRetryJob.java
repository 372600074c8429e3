package pro.dailydoco.billing.webhook;

import java.util.List;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Retries Stripe events whose processing failed, when their next attempt is due. Safe on several instances at
 * once: each event is claimed with {@code for update skip locked}, so two instances never process the same one.
 */
@ApplicationScoped
public class StripeEventRetryJob {

    static final int BATCH = 50;

    private final StripeEventStore store;
    private final StripeEventProcessor processor;

    StripeEventRetryJob(StripeEventStore store, StripeEventProcessor processor) {
        this.store = store;
        this.processor = processor;
    }

    @Scheduled(every = "${dailydoco.billing.webhook-retry-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        retryDue();
    }

    /** Processes the due events; returns how many were attempted. */
    public int retryDue() {
        List<String> due = store.due(BATCH);
        due.forEach(processor::process);
        return due.size();
    }
}
