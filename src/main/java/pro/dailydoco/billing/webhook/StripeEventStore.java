package pro.dailydoco.billing.webhook;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import pro.dailydoco.billing.BillingConfig;
import pro.dailydoco.billing.StripeUnavailable;
import pro.dailydoco.core.database.Row;

/**
 * Verified Stripe events, stored before processing (platform scope). The event id is the primary key, so a
 * repeated delivery — also two at the same moment — stores one row; claiming with {@code for update skip locked}
 * lets exactly one worker (request thread or retry job, on any instance) process it.
 * <p>
 * {@code next_attempt_at} is also a lease: storing an event leases it to the receiving instance for
 * {@code webhook-claim-lease} (it processes it at once), and the retry job claims due events in batches by moving
 * their {@code next_attempt_at} a lease ahead, with {@code for update skip locked}, so instances share the backlog
 * instead of queueing behind each other; an instance that dies leaves its events due again when the lease ends
 * (docs/decisions/0106-stripe-event-claims-and-back-off.md).
 */
@ApplicationScoped
public class StripeEventStore {

    public record StoredEvent(String eventId, String type, String apiVersion, Instant created, String payload) {
    }

    /**
     * An event the operator should know about: pending after at least one attempt (failing, or waiting for Stripe)
     * or flagged. {@code reason} is the last error or what it waits for.
     */
    public record Unfinished(String eventId, String type, String status, int attempts, int failures, String reason,
            Instant receivedAt, Instant nextAttemptAt) {

        public boolean waitsForStripe() {
            return "PENDING".equals(status) && reason != null && reason.startsWith(StripeUnavailable.WAITING);
        }
    }

    private final EntityManager entityManager;
    private final BillingConfig config;
    private final Clock clock;

    StripeEventStore(EntityManager entityManager, BillingConfig config, Clock clock) {
        this.entityManager = entityManager;
        this.config = config;
        this.clock = clock;
    }

    /** Stores a verified event unless its id is already stored; true when this call stored it. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean store(StoredEvent event) {
        Instant now = clock.instant();
        return entityManager.createNativeQuery("""
                insert into stripe_event (event_id, type, api_version, stripe_created, payload, received_at, next_attempt_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                on conflict (event_id) do nothing""")
                .setParameter(1, event.eventId()).setParameter(2, event.type()).setParameter(3, event.apiVersion())
                .setParameter(4, Timestamp.from(event.created())).setParameter(5, event.payload())
                .setParameter(6, Timestamp.from(now)).setParameter(7, Timestamp.from(now.plus(config.webhookClaimLease())))
                .executeUpdate() == 1;
    }

    @Transactional(Transactional.TxType.REQUIRED)
    public Optional<StoredEvent> pending(String eventId) {
        return Row.list(entityManager.createNativeQuery("""
                select event_id as event_id, type as type, api_version as api_version, stripe_created as stripe_created,
                       payload as payload
                from stripe_event
                where event_id = ?1 and status = 'PENDING'""", Tuple.class).setParameter(1, eventId))
                .stream().findFirst()
                .map(row -> new StoredEvent(row.string("event_id"), row.string("type"), row.string("api_version"),
                        row.instant("stripe_created"), row.string("payload")));
    }

    /** Locks a pending event for this transaction; false when it is done or another worker holds it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean claim(String eventId) {
        return !entityManager.createNativeQuery(
                "select event_id from stripe_event where event_id = ?1 and status = 'PENDING' for update skip locked")
                .setParameter(1, eventId).getResultList().isEmpty();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void markDone(String eventId) {
        entityManager.createNativeQuery("""
                update stripe_event set status = 'DONE', attempts = attempts + 1, processed_at = ?2, last_error = null
                where event_id = ?1""").setParameter(1, eventId).setParameter(2, Timestamp.from(clock.instant()))
                .executeUpdate();
    }

    /**
     * Records a failed attempt and when to try again (doubling delays); after the configured number of failures the
     * event is flagged for the operator instead. It is never deleted.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordFailure(String eventId, String error) {
        recordAttempt(eventId, error, true);
    }

    /**
     * Records that the event waits for Stripe (not configured, or not answering): it stays pending with the reason,
     * shown to the operator, and is tried again with the same doubling delays — but waiting is not failing, so it is
     * never flagged for it (docs/decisions/0105-stripe-look-ups-before-the-transaction.md).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordWait(String eventId, String reason) {
        recordAttempt(eventId, reason, false);
    }

    private void recordAttempt(String eventId, String error, boolean failed) {
        Optional<Row> row = Row.first(entityManager.createNativeQuery("""
                select attempts as attempts, failures as failures from stripe_event
                where event_id = ?1 and status = 'PENDING' for update""", Tuple.class).setParameter(1, eventId));
        if (row.isEmpty()) {
            return;
        }
        int attempts = (int) row.get().longValue("attempts") + 1;
        int failures = (int) row.get().longValue("failures") + (failed ? 1 : 0);
        String status = failed && failures >= config.webhookMaxAttempts() ? "FLAGGED" : "PENDING";
        if (status.equals("FLAGGED")) {
            Log.errorf("Stripe event %s failed %d times and is flagged for the operator: %s", eventId, failures, error);
        }
        entityManager.createNativeQuery("""
                update stripe_event set attempts = ?2, failures = ?3, status = ?4, last_error = ?5, next_attempt_at = ?6
                where event_id = ?1""")
                .setParameter(1, eventId).setParameter(2, attempts).setParameter(3, failures).setParameter(4, status)
                .setParameter(5, error.length() > 1000 ? error.substring(0, 1000) : error)
                .setParameter(6, Timestamp.from(clock.instant().plus(retryDelay(attempts))))
                .executeUpdate();
    }

    /** The stored body of an event, to tell a redelivery from another event under the same id. */
    @Transactional(Transactional.TxType.REQUIRED)
    public Optional<String> payloadOf(String eventId) {
        return entityManager.createNativeQuery("select payload from stripe_event where event_id = ?1")
                .setParameter(1, eventId).getResultList().stream().map(String.class::cast).findFirst();
    }

    /**
     * Claims up to {@code limit} due pending events, oldest first, for this worker: their next attempt moves a lease
     * ahead, so no other worker (on this or another instance) claims them meanwhile. Rows another worker is claiming
     * at this moment are skipped, not waited for.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<String> claimDue(int limit) {
        Instant now = clock.instant();
        List<Row> rows = Row.list(entityManager.createNativeQuery("""
                with due as (
                    select event_id from stripe_event
                    where status = 'PENDING' and next_attempt_at <= ?1
                    order by next_attempt_at, received_at
                    limit ?2
                    for update skip locked)
                update stripe_event set next_attempt_at = ?3
                from due where stripe_event.event_id = due.event_id
                returning stripe_event.event_id as event_id, stripe_event.received_at as received_at""", Tuple.class)
                .setParameter(1, Timestamp.from(now)).setParameter(2, limit)
                .setParameter(3, Timestamp.from(now.plus(config.webhookClaimLease()))));
        return rows.stream()
                .sorted(Comparator.comparing((Row row) -> row.instant("received_at")))
                .map(row -> row.string("event_id")).toList();
    }

    /** Flagged events and pending ones that were tried at least once, oldest first (at most {@code limit}). */
    @Transactional(Transactional.TxType.REQUIRED)
    public List<Unfinished> unfinished(int limit) {
        return Row.list(entityManager.createNativeQuery("""
                select event_id as event_id, type as type, status as status, attempts as attempts, failures as failures,
                       last_error as last_error, received_at as received_at, next_attempt_at as next_attempt_at
                from stripe_event
                where status = 'FLAGGED' or (status = 'PENDING' and attempts > 0)
                order by received_at limit ?1""", Tuple.class).setParameter(1, limit))
                .stream().map(row -> new Unfinished(row.string("event_id"), row.string("type"), row.string("status"),
                        row.intValue("attempts"), row.intValue("failures"), row.string("last_error"),
                        row.instant("received_at"), row.instant("next_attempt_at")))
                .toList();
    }

    Duration retryDelay(int attempts) {
        Duration delay = config.webhookRetryDelay().multipliedBy(1L << Math.min(attempts - 1, 20));
        return delay.compareTo(config.webhookRetryMaxDelay()) > 0 ? config.webhookRetryMaxDelay() : delay;
    }
}
