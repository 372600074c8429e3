package pro.dailydoco.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import pro.dailydoco.mail.MailSender;
import pro.dailydoco.support.Browser;

/**
 * A mail the sender gives up on (twelve failed attempts) does not vanish: the log says so once, and the operator's
 * page lists it with the reason until someone looks.
 */
@QuarkusTest
class UndeliveredMailTest {

    @Inject
    MailSender sender;

    @Inject
    EntityManager entityManager;

    @Test
    void aMailGivenUpOnIsLoggedAndListedForTheOperator() {
        String subject = "Undeliverable " + UUID.randomUUID();
        UUID id = UUID.randomUUID();
        // Eleven attempts behind it; the address is one no mail server accepts, so the twelfth fails too.
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                insert into mail_outbox (id, to_address, subject, body_text, created_at, next_attempt_at, attempts, last_error)
                values (?1, 'nobody-at-all@', ?2, 'text', ?3, ?3, 11, 'earlier failure')""")
                .setParameter(1, id).setParameter(2, subject).setParameter(3, Instant.now().minusSeconds(60))
                .executeUpdate());

        CopyOnWriteArrayList<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(MailSender.class.getName());
        logger.addHandler(capture);
        try {
            sender.sendDueNow();
            sender.sendDueNow(); // given up: not tried again, not logged again
        } finally {
            logger.removeHandler(capture);
        }
        long givenUpLines = records.stream().filter(r -> r.getLevel().intValue() >= Level.SEVERE.intValue())
                .filter(r -> String.valueOf(r.getMessage()).contains("given up") || formatted(r).contains(id.toString()))
                .count();
        assertEquals(1, givenUpLines, "one error line when the sender gives up");

        Browser operator = Operators.signedIn();
        Document page = Browser.html(operator.get("/operator/tenants"));
        Element row = page.selectFirst("#undelivered-mail tr:contains(" + subject + ")");
        assertNotNull(row, "the operator's page lists the mail: " + page.select("#undelivered-mail").outerHtml());
        assertTrue(row.text().contains("12"), row.text());
        assertTrue(row.text().contains("invalid email address") || row.text().contains("Unable to send"), row.text());
        assertTrue(row.text().contains("n•••@"), "the address is masked: " + row.text());
        assertTrue(page.selectFirst("#undelivered-mail-count").text().matches("\\d[\\d,]*"));
    }

    private static String formatted(LogRecord record) {
        Object[] parameters = record.getParameters();
        return String.valueOf(record.getMessage()) + (parameters == null ? "" : java.util.Arrays.toString(parameters));
    }
}
