package pro.dailydoco.billing.webhook;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import pro.dailydoco.billing.BillingConfig;
import pro.dailydoco.core.database.Row;

/**
 * Verified Stripe events, stored before processing (platform scope). The event id is the primary key, so a
 * repeated delivery — also two at the same moment — stores one row; claiming with {@code for update skip locked}
 * lets exactly one worker (request thread or retry job, on any instance) process it.
 */
@ApplicationScoped
public class StripeEventStore {

    public record StoredEvent(String eventId, String type, String apiVersion, Instant created, String payload) {
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
                values (?1, ?2, ?3, ?4, ?5, ?6, ?6)
                on conflict (event_id) do nothing""")
                .setParameter(1, event.eventId()).setParameter(2, event.type()).setParameter(3, event.apiVersion())
                .setParameter(4, Timestamp.from(event.created())).setParameter(5, event.payload())
                .setParameter(6, Timestamp.from(now))
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
     * Records a failed attempt and when to try again (doubling delays); after the configured number of attempts the
     * event is flagged for the operator instead. It is never deleted.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordFailure(String eventId, String error) {
        List<?> rows = entityManager.createNativeQuery(
                "select attempts from stripe_event where event_id = ?1 and status = 'PENDING' for update")
                .setParameter(1, eventId).getResultList();
        if (rows.isEmpty()) {
            return;
        }
        int attempts = ((Number) rows.get(0)).intValue() + 1;
        String status = attempts >= config.webhookMaxAttempts() ? "FLAGGED" : "PENDING";
        if (status.equals("FLAGGED")) {
            Log.errorf("Stripe event %s failed %d times and is flagged for the operator: %s", eventId, attempts, error);
        }
        entityManager.createNativeQuery("""
                update stripe_event set attempts = ?2, status = ?3, last_error = ?4, next_attempt_at = ?5
                where event_id = ?1""")
                .setParameter(1, eventId).setParameter(2, attempts).setParameter(3, status)
                .setParameter(4, error.length() > 1000 ? error.substring(0, 1000) : error)
                .setParameter(5, Timestamp.from(clock.instant().plus(retryDelay(attempts))))
                .executeUpdate();
    }

    /** The stored body of an event, to tell a redelivery from another event under the same id. */
    @Transactional(Transactional.TxType.REQUIRED)
    public Optional<String> payloadOf(String eventId) {
        return entityManager.createNativeQuery("select payload from stripe_event where event_id = ?1")
                .setParameter(1, eventId).getResultList().stream().map(String.class::cast).findFirst();
    }

    /** Pending events whose next attempt is due, oldest first. */
    @Transactional(Transactional.TxType.REQUIRED)
    public List<String> due(int limit) {
        return entityManager.createNativeQuery("""
                select event_id from stripe_event where status = 'PENDING' and next_attempt_at <= ?1
                order by next_attempt_at limit ?2""")
                .setParameter(1, Timestamp.from(clock.instant())).setParameter(2, limit).getResultList();
    }

    Duration retryDelay(int attempts) {
        Duration delay = config.webhookRetryDelay().multipliedBy(1L << Math.min(attempts - 1, 20));
        return delay.compareTo(config.webhookRetryMaxDelay()) > 0 ? config.webhookRetryMaxDelay() : delay;
    }
}
