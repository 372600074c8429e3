package pro.dailydoco.mail;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import pro.dailydoco.core.database.Row;
import pro.dailydoco.core.web.Formats;

/**
 * Queues mail in the caller's transaction: a mail exists exactly when the change it announces was committed, and
 * {@link MailSender} delivers it afterwards (a missing SMTP server is retried, never a failed request).
 */
@ApplicationScoped
public class MailOutbox {

    /** Attempts before a mail is given up (the back-off doubles from a minute: about a day and a half in all). */
    public static final int MAX_ATTEMPTS = 12;

    /** A mail the sender gave up on, as the operator sees it: the address masked, the reason of the last failure. */
    public record UndeliveredMail(UUID id, String maskedAddress, String subject, int attempts, String reason,
            Instant queuedAt) {

        /** "3 Dec 2026, 14:05 UTC". */
        public String queued() {
            return Formats.dateTime(queuedAt);
        }
    }

    private final EntityManager entityManager;
    private final Clock clock;

    MailOutbox(EntityManager entityManager, Clock clock) {
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /** How many mails were given up. */
    @Transactional
    public long undeliveredCount() {
        return ((Number) entityManager.createNativeQuery(
                "select count(*) from mail_outbox where sent_at is null and attempts >= ?1")
                .setParameter(1, MAX_ATTEMPTS).getSingleResult()).longValue();
    }

    /** The most recent mails given up, newest first. */
    @Transactional
    public List<UndeliveredMail> undelivered(int limit) {
        return Row.list(entityManager.createNativeQuery("""
                select id as id, to_address as to_address, subject as subject, attempts as attempts,
                       last_error as last_error, created_at as created_at
                from mail_outbox where sent_at is null and attempts >= ?1
                order by created_at desc limit ?2""", Tuple.class)
                .setParameter(1, MAX_ATTEMPTS).setParameter(2, limit))
                .stream().map(row -> new UndeliveredMail(row.uuid("id"), masked(row.string("to_address")),
                        row.string("subject"), row.intValue("attempts"), row.string("last_error"), row.instant("created_at")))
                .toList();
    }

    /** "p•••@example.com": enough to recognise a mail, not to read someone's address off the screen. */
    static String masked(String address) {
        if (address == null || address.isBlank()) {
            return "—";
        }
        int at = address.lastIndexOf('@');
        String local = at < 0 ? address : address.substring(0, at);
        String domain = at < 0 ? "" : address.substring(at);
        return (local.isEmpty() ? "" : local.substring(0, 1)) + "•••" + domain;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(String to, String subject, String bodyText) {
        Instant now = clock.instant();
        entityManager.createNativeQuery("""
                insert into mail_outbox (id, to_address, subject, body_text, created_at, next_attempt_at)
                values (?1, ?2, ?3, ?4, ?5, ?5)""")
                .setParameter(1, UUID.randomUUID())
                .setParameter(2, to)
                .setParameter(3, subject)
                .setParameter(4, bodyText)
                .setParameter(5, now)
                .executeUpdate();
    }
}
