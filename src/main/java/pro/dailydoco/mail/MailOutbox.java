package pro.dailydoco.mail;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Queues mail in the caller's transaction: a mail exists exactly when the change it announces was committed, and
 * {@link MailSender} delivers it afterwards (a missing SMTP server is retried, never a failed request).
 */
@ApplicationScoped
public class MailOutbox {

    private final EntityManager entityManager;
    private final Clock clock;

    MailOutbox(EntityManager entityManager, Clock clock) {
        this.entityManager = entityManager;
        this.clock = clock;
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
