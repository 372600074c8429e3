package pro.dailydoco.integration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import pro.dailydoco.core.database.Row;
import pro.dailydoco.tenant.ScopedWork;

/**
 * Sends due deliveries. Any instance may run it: a batch is claimed from the platform index with
 * {@code for update skip locked} and leased (its due time pushed past the send's deadline) in a short transaction;
 * each delivery is then read in its workspace's scope, posted with no transaction open, and its outcome recorded in
 * a new transaction. A failure is retried with exponential back-off and jitter until its event is
 * {@code give-up-after} old; an endpoint that has failed that long without a success is disabled and its owners and
 * admins are mailed ({@link WebhookFailures}; docs/decisions/0193-webhook-retries-ssrf-and-disabling.md).
 */
@ApplicationScoped
public class WebhookSender {

    private static final int BATCH = 20;

    private final EntityManager entityManager;
    private final ScopedWork scopedWork;
    private final WebhookDeliveries deliveries;
    private final WebhookHttp http;
    private final WebhookConfig config;
    private final Clock clock;

    WebhookSender(EntityManager entityManager, ScopedWork scopedWork, WebhookDeliveries deliveries, WebhookHttp http,
            WebhookConfig config, Clock clock) {
        this.entityManager = entityManager;
        this.scopedWork = scopedWork;
        this.deliveries = deliveries;
        this.http = http;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${dailydoco.webhooks.send-every:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sendDue() {
        sendDueNow();
    }

    /** Tries every due delivery; returns how many were tried. */
    public int sendDueNow() {
        int tried = 0;
        while (true) {
            // Through ScopedWork (no workspace): a request context and a new transaction, whoever calls.
            List<Claim> claims = scopedWork.call(null, null, this::claim);
            for (Claim claim : claims) {
                try {
                    send(claim);
                } catch (RuntimeException e) {
                    // Left leased: it comes due again after the lease. Logged without the body or the URL.
                    Log.errorf(e, "Webhook delivery %s could not be processed", claim.deliveryId());
                }
            }
            tried += claims.size();
            if (claims.size() < BATCH) {
                return tried;
            }
        }
    }

    record Claim(UUID deliveryId, UUID tenantId) {
    }

    private List<Claim> claim() {
        Instant now = clock.instant();
        List<Claim> claims = Row.list(entityManager.createNativeQuery("""
                select delivery_id as delivery_id, subject_tenant_id as subject_tenant_id from webhook_delivery_due
                where due_at <= ?1 order by due_at limit ?2 for update skip locked""", Tuple.class)
                .setParameter(1, now).setParameter(2, BATCH))
                .stream().map(row -> new Claim(row.uuid("delivery_id"), row.uuid("subject_tenant_id"))).toList();
        if (!claims.isEmpty()) {
            // The lease: another instance does not pick these up while this one is sending.
            entityManager.createNativeQuery("update webhook_delivery_due set due_at = ?1 where delivery_id = any(cast(?2 as uuid[]))")
                    .setParameter(1, now.plus(config.timeout().multipliedBy(3)))
                    .setParameter(2, claims.stream().map(c -> c.deliveryId().toString()).toArray(String[]::new)).executeUpdate();
        }
        return claims;
    }

    private void send(Claim claim) {
        WebhookDeliveries.Prepared prepared = scopedWork.call(claim.tenantId(), null, () -> deliveries.prepare(claim.deliveryId()));
        if (prepared == null) {
            return;
        }
        long sentAt = clock.instant().getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "DailyDoco-Webhooks/1");
        headers.put("DailyDoco-Event-Id", prepared.eventId().toString());
        headers.put("DailyDoco-Event-Type", prepared.eventType());
        headers.put(WebhookSignature.HEADER, WebhookSignature.header(sentAt, prepared.payload(), prepared.secrets()));
        WebhookHttp.Outcome outcome = http.post(prepared.url(), headers, prepared.payload());
        String logged = headers.entrySet().stream().map(h -> h.getKey() + ": " + h.getValue()).collect(Collectors.joining("\n"));
        scopedWork.run(claim.tenantId(), null, () -> deliveries.record(claim.deliveryId(), logged, outcome, nextWait(prepared.attempts() + 1)));
    }

    /** Exponential back-off from {@code first-retry-wait}, capped, with ±20 % jitter so failures don't retry in step. */
    Duration nextWait(int attempts) {
        Duration base = config.firstRetryWait().multipliedBy(1L << Math.min(attempts - 1, 20));
        if (base.compareTo(config.maxRetryWait()) > 0 || base.isNegative()) {
            base = config.maxRetryWait();
        }
        double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
        return Duration.ofMillis((long) (base.toMillis() * jitter));
    }

}
