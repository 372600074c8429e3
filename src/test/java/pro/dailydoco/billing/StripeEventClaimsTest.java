package pro.dailydoco.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import pro.dailydoco.billing.events.InvoicePaid;
import pro.dailydoco.billing.events.Plan;
import pro.dailydoco.billing.webhook.StripeEventRetryJob;
import pro.dailydoco.billing.webhook.StripeEventStore;
import pro.dailydoco.support.TestClock;
import pro.dailydoco.support.TestTenants;
import pro.dailydoco.tenant.Tenant;

/**
 * The retry job keeps up with a backlog: events stored but not processed (a burst, an instance that died) are
 * claimed in batches with {@code for update skip locked} by every worker until none is due, oldest first; no event
 * is processed twice, none is left behind, and failing events back off on their own without holding up the rest.
 */
@QuarkusTest
class StripeEventClaimsTest {

    @Inject
    StripeEventStore store;

    @Inject
    StripeEventRetryJob retryJob;

    @Inject
    RevenueEventsRecorder recorder;

    @Inject
    DataSource dataSource;

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** Stores a signed-and-verified event the way the webhook does, without processing it (as if the sender died). */
    private String storeOnly(String type, String object) {
        String eventId = StripeFixtures.unique("evt");
        Instant created = clock.instant();
        String payload = StripeFixtures.event(eventId, type, created, object, StripeShapes.LEGACY.apiVersion());
        assertTrue(store.store(new StripeEventStore.StoredEvent(eventId, type, StripeShapes.LEGACY.apiVersion(),
                created, payload)));
        return eventId;
    }

    /** A paid invoice of the older shape (it names its payment, so nothing waits for Stripe). */
    private String storedInvoicePaid(String customer) {
        return storeOnly("invoice.paid", StripeFixtures.legacyInvoice(StripeFixtures.unique("in"), customer,
                "sub_claims", 9_900, 0, StripeFixtures.unique("ch"), StripeFixtures.unique("pi")));
    }

    private String status(String eventId) {
        return BillingTestData.eventStatus(dataSource, eventId);
    }

    @Test
    void twoWorkersRacingOverABacklogProcessEveryEventExactlyOnce() throws Exception {
        Tenant tenant = TestTenants.create("claims-race");
        String customer = TestCustomers.customerFor(tenant, Plan.TEAM);
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            events.add(storedInvoicePaid(customer));
            events.add(storeOnly("customer.created", StripeFixtures.customer(StripeFixtures.unique("cus"))));
        }
        clock.advance(Duration.ofMinutes(10));

        ExecutorService workers = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(workers.submit(() -> {
                    start.await();
                    return retryJob.retryDue();
                }));
            }
            start.countDown();
            for (Future<Integer> run : runs) {
                run.get();
            }
        } finally {
            workers.shutdownNow();
        }

        for (String event : events) {
            assertEquals("DONE", status(event), event + " left behind");
            assertEquals(1, BillingTestData.eventAttempts(dataSource, event), event + " attempted twice");
        }
        List<InvoicePaid> paid = recorder.of(InvoicePaid.class, tenant.id);
        assertEquals(70, paid.size());
        assertEquals(70, paid.stream().map(InvoicePaid::invoiceId).distinct().count(), "each invoice published once");
    }

    @Test
    void failingEventsBackOffWithoutHoldingUpTheOthers() {
        Tenant tenant = TestTenants.create("claims-poison");
        String customer = TestCustomers.customerFor(tenant, Plan.TEAM);
        List<String> poisoned = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            // A customer no tenant owns: fails until flagged.
            poisoned.add(storedInvoicePaid(StripeFixtures.unique("cus")));
        }
        clock.advance(Duration.ofSeconds(1));
        List<String> healthy = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            healthy.add(storedInvoicePaid(customer));
        }
        clock.advance(Duration.ofMinutes(10));

        retryJob.retryDue();

        healthy.forEach(event -> assertEquals("DONE", status(event), "a healthy event waited behind failing ones"));
        poisoned.forEach(event -> assertEquals(1, BillingTestData.eventAttempts(dataSource, event)));
        // Each failing event waits out its own back-off: running again at once attempts none of them.
        retryJob.retryDue();
        poisoned.forEach(event -> {
            assertEquals("PENDING", status(event));
            assertEquals(1, BillingTestData.eventAttempts(dataSource, event));
        });
    }

    @Test
    void anEventStoredByAWorkerThatDiedIsClaimedOnceItsLeaseEnds() {
        Tenant tenant = TestTenants.create("claims-lease");
        String event = storedInvoicePaid(TestCustomers.customerFor(tenant, Plan.TEAM));

        retryJob.retryDue();
        assertEquals("PENDING", status(event), "the receiving worker still owns it");
        assertEquals(0, BillingTestData.eventAttempts(dataSource, event));

        clock.advance(Duration.ofMinutes(3));
        retryJob.retryDue();
        assertEquals("DONE", status(event));
        assertEquals(1, recorder.of(InvoicePaid.class, tenant.id).size());
    }
}
