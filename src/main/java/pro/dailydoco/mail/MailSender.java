package pro.dailydoco.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.quarkus.logging.Log;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import pro.dailydoco.core.database.Row;

/**
 * Delivers queued mail. Several instances may run this job: each claims due rows with {@code for update skip
 * locked}, so a mail is sent by one of them. Failures back off and are retried; after
 * {@link MailOutbox#MAX_ATTEMPTS} the mail is given up and shown to the operator ({@link MailOutbox#undelivered}).
 */
@ApplicationScoped
public class MailSender {

    private static final int BATCH = 20;

    private final EntityManager entityManager;
    private final Mailer mailer;
    private final Clock clock;

    MailSender(EntityManager entityManager, Mailer mailer, Clock clock) {
        this.entityManager = entityManager;
        this.mailer = mailer;
        this.clock = clock;
    }

    @Scheduled(every = "${dailydoco.mail.send-every:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sendDue() {
        sendDueNow();
    }

    /** Tries every due mail; returns how many were tried (failures are rescheduled). */
    public int sendDueNow() {
        int tried = 0;
        while (true) {
            int batch = QuarkusTransaction.requiringNew().call(this::sendBatch);
            tried += batch;
            if (batch < BATCH) {
                return tried;
            }
        }
    }

    /** A queued mail claimed for sending, with the attempts made so far. */
    private record DueMail(UUID id, String toAddress, String subject, String bodyText, int attempts) {
    }

    private int sendBatch() {
        Instant now = clock.instant();
        List<DueMail> due = Row.list(entityManager.createNativeQuery("""
                select id as id, to_address as to_address, subject as subject, body_text as body_text,
                       attempts as attempts
                from mail_outbox
                where sent_at is null and next_attempt_at <= ?1 and attempts < ?2
                order by next_attempt_at limit ?3 for update skip locked""", Tuple.class)
                .setParameter(1, now).setParameter(2, MailOutbox.MAX_ATTEMPTS).setParameter(3, BATCH))
                .stream().map(row -> new DueMail(row.uuid("id"), row.string("to_address"), row.string("subject"),
                        row.string("body_text"), row.intValue("attempts")))
                .toList();
        for (DueMail mail : due) {
            UUID id = mail.id();
            int attempts = mail.attempts() + 1;
            try {
                mailer.send(Mail.withText(mail.toAddress(), mail.subject(), mail.bodyText()));
                entityManager.createNativeQuery("update mail_outbox set sent_at = ?2, attempts = ?3 where id = ?1")
                        .setParameter(1, id).setParameter(2, now).setParameter(3, attempts).executeUpdate();
            } catch (RuntimeException e) {
                Duration wait = Duration.ofSeconds(30L << Math.min(attempts, 10));
                if (attempts >= MailOutbox.MAX_ATTEMPTS) {
                    // The last try: the row stays, never retried, and is listed on the operator's page until someone
                    // looks (docs/decisions/0099-undelivered-mail-is-shown-to-the-operator.md). Logged once, here.
                    Log.errorf("Mail %s given up after %d attempts; listed as undelivered on /operator/tenants: %s", id,
                            attempts, e.getMessage());
                } else {
                    Log.warnf("Mail %s not sent (attempt %d), retrying in %s: %s", id, attempts, wait, e.getMessage());
                }
                entityManager.createNativeQuery(
                        "update mail_outbox set attempts = ?2, last_error = ?3, next_attempt_at = ?4 where id = ?1")
                        .setParameter(1, id).setParameter(2, attempts)
                        .setParameter(3, String.valueOf(e.getMessage())).setParameter(4, now.plus(wait))
                        .executeUpdate();
            }
        }
        return due.size();
    }
}
