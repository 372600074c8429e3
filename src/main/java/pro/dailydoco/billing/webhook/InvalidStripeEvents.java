package pro.dailydoco.billing.webhook;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import pro.dailydoco.core.database.Row;

/**
 * Signed Stripe events that break Stripe's own rules, kept apart from the events billing processes: stored with the
 * reason and the answer Stripe got, shown to the operator, never processed and never retried
 * (docs/decisions/0100-invalid-stripe-events-are-kept-apart.md).
 */
@ApplicationScoped
public class InvalidStripeEvents {

    static final int PAGE_SIZE = 100;

    /** One invalid event as the operator sees it; {@code eventId} with control characters written out. */
    public record Invalid(Instant receivedAt, String eventId, String type, String reason, int answered) {
    }

    private final EntityManager entityManager;
    private final Clock clock;

    InvalidStripeEvents(EntityManager entityManager, Clock clock) {
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /** Keeps the event with its reason (once per distinct event); {@code answered} is the status Stripe gets. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(StripeEventEnvelope envelope, String payload, String reason, int answered) {
        String eventId = StripeEventEnvelope.printable(envelope.id());
        Log.warnf("Stripe event %s is invalid and kept for the operator, not processed: %s", eventId, reason);
        entityManager.createNativeQuery("""
                insert into stripe_event_invalid (dedupe_key, event_id, type, reason, payload, answered, received_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7) on conflict (dedupe_key) do nothing""")
                .setParameter(1, envelope.dedupeKey(payload)).setParameter(2, eventId)
                .setParameter(3, StripeEventEnvelope.printable(envelope.type()))
                .setParameter(4, reason.length() > 1000 ? reason.substring(0, 1000) : reason)
                // PostgreSQL text cannot hold NUL; everything else of the body is kept as received.
                .setParameter(5, payload.replace("\u0000", "\\u0000")).setParameter(6, answered)
                .setParameter(7, Timestamp.from(clock.instant())).executeUpdate();
    }

    /** The newest invalid events, or those of one event id (as shown, control characters written out). */
    @Transactional
    public List<Invalid> newest(String eventId) {
        boolean all = eventId == null || eventId.isBlank();
        return Row.list(entityManager.createNativeQuery("""
                select received_at as received_at, event_id as event_id, type as type, reason as reason,
                    answered as answered from stripe_event_invalid
                where ?1 or event_id = ?2 order by received_at desc, id desc limit ?3""", Tuple.class)
                .setParameter(1, all).setParameter(2, all ? "" : eventId.trim()).setParameter(3, PAGE_SIZE)).stream()
                .map(r -> new Invalid(r.instant("received_at"), r.string("event_id"), r.string("type"), r.string("reason"),
                        r.intValue("answered")))
                .toList();
    }
}
