package pro.dailydoco.billing.metering;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import pro.dailydoco.billing.StripeGateway;
import pro.dailydoco.billing.UsagePrices;
import pro.dailydoco.billing.UsagePricesConfig;
import pro.dailydoco.core.database.Row;
import pro.dailydoco.tenant.ScopedWork;

/**
 * Reports overage units to Stripe's meters (docs/decisions/0201-overage-outbox-to-stripe-meters.md). Any instance
 * may run it, each step in its own short transaction and never with a transaction open during a Stripe call:
 * <ol>
 * <li>seal: open batches older than the batch window (or of a past month) are closed with {@code for update skip
 * locked}, taking the next sequence of their workspace, meter and month and the identifier
 * {@code <workspace>:<meter>:<yyyy-MM>:<sequence>}; usage after that opens a new batch;</li>
 * <li>claim: sealed, unsent batches that are due are leased ({@code for update skip locked}, due time pushed past
 * the call's deadline);</li>
 * <li>send one meter event per batch with its identifier, then record the outcome: sent, or the error and the next
 * attempt after an exponential back-off; past {@code give-up-after} a batch is left for the operator.</li>
 * </ol>
 */
@ApplicationScoped
public class MeterEventSender {

    /** Longer than a meter event call with stripe-java's own retries; a crashed sender's batches come back after it. */
    static final Duration LEASE = Duration.ofMinutes(2);

    private final EntityManager entityManager;
    private final ScopedWork scopedWork;
    private final StripeGateway gateway;
    private final UsagePrices prices;
    private final UsagePricesConfig config;
    private final Clock clock;

    MeterEventSender(EntityManager entityManager, ScopedWork scopedWork, StripeGateway gateway, UsagePrices prices,
            UsagePricesConfig config, Clock clock) {
        this.entityManager = entityManager;
        this.scopedWork = scopedWork;
        this.gateway = gateway;
        this.prices = prices;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${dailydoco.billing.usage.send-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sendDue() {
        if (gateway.isConfigured()) {
            sendDueNow();
        }
    }

    /** Seals the batches that are ready, then sends every due batch; returns how many sends were tried. */
    public int sendDueNow() {
        while (scopedWork.call(null, null, this::sealReady) == config.claimBatch()) {
            // A full round: more may be ready.
        }
        int tried = 0;
        while (true) {
            List<Claim> claims = scopedWork.call(null, null, this::claimDue);
            for (Claim claim : claims) {
                send(claim);
            }
            tried += claims.size();
            if (claims.size() < config.claimBatch()) {
                return tried;
            }
        }
    }

    record Claim(UUID id, String meter, String customerId, long units, String identifier, Instant lastUsageAt,
            int attempts, Instant sealedAt) {
    }

    /** Seals ready open batches; returns how many. */
    int sealReady() {
        Instant now = clock.instant();
        LocalDate thisMonth = LocalDate.ofInstant(now, ZoneOffset.UTC).withDayOfMonth(1);
        List<Row> ready = Row.list(entityManager.createNativeQuery("""
                select id as id, subject_tenant_id as tenant_id, meter as meter, period as period
                from usage_meter_batch
                where sealed_at is null and (opened_at <= ?1 or period < ?2)
                order by opened_at limit ?3 for update skip locked""", Tuple.class)
                .setParameter(1, now.minus(config.batchWindow())).setParameter(2, thisMonth)
                .setParameter(3, config.claimBatch()));
        for (Row batch : ready) {
            LocalDate period = batch.date("period");
            UUID tenantId = batch.uuid("tenant_id");
            String meter = batch.string("meter");
            // One open batch per workspace, meter and month, and it is locked here: nobody else takes this number.
            int sequence = ((Number) entityManager.createNativeQuery("""
                    select coalesce(max(sequence), 0) + 1 from usage_meter_batch
                    where subject_tenant_id = ?1 and meter = ?2 and period = ?3""")
                    .setParameter(1, tenantId).setParameter(2, meter).setParameter(3, period).getSingleResult()).intValue();
            entityManager.createNativeQuery("""
                    update usage_meter_batch set sealed_at = ?2, sequence = ?3, identifier = ?4, next_attempt_at = ?2
                    where id = ?1""")
                    .setParameter(1, batch.uuid("id")).setParameter(2, now).setParameter(3, sequence)
                    .setParameter(4, identifier(tenantId, meter, period, sequence)).executeUpdate();
        }
        return ready.size();
    }

    /** The identifier Stripe deduplicates on: the same for every send of a batch, different for every batch. */
    static String identifier(UUID tenantId, String meter, LocalDate period, int sequence) {
        return tenantId + ":" + meter + ":" + period.toString().substring(0, 7) + ":" + sequence;
    }

    private List<Claim> claimDue() {
        Instant now = clock.instant();
        List<Claim> claims = Row.list(entityManager.createNativeQuery("""
                select id as id, meter as meter, stripe_customer_id as customer, units as units, identifier as identifier,
                       last_usage_at as last_usage_at, attempts as attempts, sealed_at as sealed_at
                from usage_meter_batch
                where sent_at is null and gave_up_at is null and next_attempt_at <= ?1
                order by next_attempt_at limit ?2 for update skip locked""", Tuple.class)
                .setParameter(1, now).setParameter(2, config.claimBatch()))
                .stream().map(row -> new Claim(row.uuid("id"), row.string("meter"), row.string("customer"),
                        row.longValue("units"), row.string("identifier"), row.instant("last_usage_at"),
                        row.intValue("attempts") + 1, row.instant("sealed_at")))
                .toList();
        if (!claims.isEmpty()) {
            entityManager.createNativeQuery("""
                    update usage_meter_batch set next_attempt_at = ?1, attempts = attempts + 1
                    where id = any(cast(?2 as uuid[]))""")
                    .setParameter(1, now.plus(LEASE))
                    .setParameter(2, claims.stream().map(c -> c.id().toString()).toArray(String[]::new)).executeUpdate();
        }
        return claims;
    }

    private void send(Claim claim) {
        String failure = null;
        try {
            UsagePrices.Meter meter = prices.meter(claim.meter())
                    .orElseThrow(() -> new StripeGateway.CallFailed("No meter is configured for " + claim.meter()));
            gateway.sendMeterEvent(meter.eventName(), claim.customerId(), claim.units(), claim.identifier(),
                    claim.lastUsageAt());
        } catch (RuntimeException e) {
            failure = e instanceof StripeGateway.CallFailed ? e.getMessage() : e.getClass().getSimpleName();
            Log.warnf("Meter event %s not sent (attempt %d): %s", claim.identifier(), claim.attempts(), failure);
        }
        String error = failure;
        Instant now = clock.instant();
        scopedWork.run(null, null, () -> {
            if (error == null) {
                entityManager.createNativeQuery("""
                        update usage_meter_batch set sent_at = ?2, next_attempt_at = null, last_error = null where id = ?1""")
                        .setParameter(1, claim.id()).setParameter(2, now).executeUpdate();
            } else {
                boolean giveUp = !now.isBefore(claim.sealedAt().plus(config.giveUpAfter()));
                entityManager.createNativeQuery("""
                        update usage_meter_batch set last_error = ?2, next_attempt_at = ?3, gave_up_at = ?4 where id = ?1""")
                        .setParameter(1, claim.id()).setParameter(2, error)
                        .setParameter(3, giveUp ? null : now.plus(nextWait(claim.attempts())))
                        .setParameter(4, giveUp ? now : null).executeUpdate();
            }
        });
    }

    /** Exponential back-off from {@code first-retry-wait}, doubling per attempt, capped at {@code max-retry-wait}. */
    Duration nextWait(int attempts) {
        Duration wait = config.firstRetryWait().multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 20));
        return wait.compareTo(config.maxRetryWait()) > 0 ? config.maxRetryWait() : wait;
    }
}
