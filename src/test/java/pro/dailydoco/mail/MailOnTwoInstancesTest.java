package pro.dailydoco.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.arc.Arc;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Every node runs the mail sender. Two of them at the same moment over the same queue (two threads calling the job
 * at once: the job's state is all in PostgreSQL, and the scheduler's own "skip if running" holds only inside one
 * JVM) must send each mail exactly once: rows are claimed with {@code for update skip locked}.
 */
@io.quarkus.test.junit.QuarkusTest
class MailOnTwoInstancesTest {

    @Inject
    MailSender sender;

    @Inject
    MailOutbox outbox;

    @Inject
    MockMailbox mailbox;

    @Inject
    EntityManager entityManager;

    @Test
    void twoSendersRacingOverOneQueueSendEveryMailOnce() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> recipients = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            recipients.add("two-nodes-" + run + "-" + i + "@example.test");
        }
        // Mail other tests queued (the scheduler is off in tests) goes first, so the race is over this run's rows only.
        sender.sendDueNow();
        QuarkusTransaction.requiringNew().run(() -> recipients.forEach(to -> outbox.enqueue(to, "Hello " + run, "text")));

        ExecutorService nodes = Executors.newFixedThreadPool(2);
        int tried;
        try {
            CountDownLatch start = new CountDownLatch(1);
            Callable<Integer> node = () -> {
                start.await();
                // As the scheduler runs a job: in a request context of its own.
                var context = Arc.container().requestContext();
                context.activate();
                try {
                    return sender.sendDueNow();
                } finally {
                    context.terminate();
                }
            };
            Future<Integer> first = nodes.submit(node);
            Future<Integer> second = nodes.submit(node);
            start.countDown();
            tried = first.get(60, TimeUnit.SECONDS) + second.get(60, TimeUnit.SECONDS);
        } finally {
            nodes.shutdownNow();
        }

        // Each row claimed by exactly one node, once: what `for update skip locked` guarantees.
        assertEquals(recipients.size(), tried, "the two nodes together tried each mail once");
        Number triedTwice = (Number) QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                "select count(*) from mail_outbox where subject = ?1 and attempts <> 1")
                .setParameter(1, "Hello " + run).getSingleResult());
        assertEquals(0, triedTwice.intValue(), "no row tried twice");
        // Quarkus' mock mailbox keeps its mail in a plain HashMap and ArrayList: two threads sending at the same
        // moment can make it throw, and the sender then reschedules that mail as it would a refused SMTP send. Such a
        // mail is retried now, by one node, so every person still gets exactly one mail and every row ends sent.
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                "update mail_outbox set next_attempt_at = now() where subject = ?1 and sent_at is null")
                .setParameter(1, "Hello " + run).executeUpdate());
        sender.sendDueNow();
        for (String to : recipients) {
            assertEquals(1, mailbox.getMailsSentTo(to).size(), "one mail to " + to);
        }
        Number unsent = (Number) QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                "select count(*) from mail_outbox where subject = ?1 and sent_at is null")
                .setParameter(1, "Hello " + run).getSingleResult());
        assertEquals(0, unsent.intValue(), "every row sent");
    }
}
