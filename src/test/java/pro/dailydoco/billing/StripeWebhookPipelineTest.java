package pro.dailydoco.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import pro.dailydoco.billing.events.ChargeRefunded;
import pro.dailydoco.billing.events.InvoicePaid;
import pro.dailydoco.billing.events.Plan;
import pro.dailydoco.billing.webhook.StripeEventRetryJob;
import pro.dailydoco.core.Money;
import pro.dailydoco.support.TestClock;
import pro.dailydoco.support.TestTenants;
import pro.dailydoco.tenant.ScopedWork;
import pro.dailydoco.tenant.Tenant;

/** Store, then process exactly once; failures are kept and retried; nothing is ever dropped. */
@QuarkusTest
class StripeWebhookPipelineTest {

    @Inject
    DataSource dataSource;

    @Inject
    ScopedWork scopedWork;

    @Inject
    RevenueEventsRecorder recorder;

    @Inject
    StripeEventRetryJob retryJob;

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private String customerFor(Tenant tenant) {
        return TestCustomers.customerFor(tenant, Plan.TEAM);
    }

    private String invoicePaid(String eventId, String customer, String invoice, String paymentIntent) {
        return StripeFixtures.event(eventId, "invoice.paid", Instant.now(), StripeFixtures.invoice(invoice, customer,
                StripeFixtures.unique("sub"), "paid", 9900, 900, "usd", paymentIntent));
    }

    @Test
    void aReplayedEventHasNoSecondEffect() {
        Tenant tenant = TestTenants.create("hook-replay");
        String customer = customerFor(tenant);
        String payload = invoicePaid(StripeFixtures.unique("evt"), customer, StripeFixtures.unique("in"),
                StripeFixtures.unique("pi"));
        StripeWebhookSender.post(payload).then().statusCode(200);
        StripeWebhookSender.post(payload).then().statusCode(200);
        StripeWebhookSender.post(payload).then().statusCode(200);
        assertEquals(1, recorder.of(InvoicePaid.class, tenant.id).size());
    }

    @Test
    void eightConcurrentCopiesOfOneEventHaveOneEffect() throws Exception {
        Tenant tenant = TestTenants.create("hook-race");
        String customer = customerFor(tenant);
        String eventId = StripeFixtures.unique("evt");
        String payload = invoicePaid(eventId, customer, StripeFixtures.unique("in"), StripeFixtures.unique("pi"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Callable<Integer> send = () -> {
                    start.await();
                    return StripeWebhookSender.post(payload).statusCode();
                };
                answers.add(pool.submit(send));
            }
            start.countDown();
            for (Future<Integer> answer : answers) {
                assertEquals(200, answer.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, recorder.of(InvoicePaid.class, tenant.id).size());
        assertEquals("DONE", BillingTestData.eventStatus(dataSource, eventId));
        assertEquals(1, BillingTestData.eventAttempts(dataSource, eventId));
        assertEquals(1L, scopedWork.asTenant(tenant.id, () -> Invoice.count()));
    }

    @Test
    void anEventForAnUnknownCustomerIsKeptRetriedThenFlaggedAndStillAcknowledged() {
        String eventId = StripeFixtures.unique("evt");
        StripeWebhookSender.post(invoicePaid(eventId, StripeFixtures.unique("cus"), StripeFixtures.unique("in"),
                StripeFixtures.unique("pi"))).then().statusCode(200);
        assertEquals("PENDING", BillingTestData.eventStatus(dataSource, eventId));
        assertEquals(1, BillingTestData.eventAttempts(dataSource, eventId));
        assertTrue(BillingTestData.eventError(dataSource, eventId).contains("unknown customer"));

        retryJob.retryDue();
        assertEquals(1, BillingTestData.eventAttempts(dataSource, eventId), "not due yet: no retry");

        for (int i = 0; i < 10 && "PENDING".equals(BillingTestData.eventStatus(dataSource, eventId)); i++) {
            clock.advance(Duration.ofHours(2));
            retryJob.retryDue();
        }
        assertEquals("FLAGGED", BillingTestData.eventStatus(dataSource, eventId));
        assertEquals(8, BillingTestData.eventAttempts(dataSource, eventId));
    }

    @Test
    void aFailureIsRecordedAndTheRetryJobCompletesItLater() {
        Tenant tenant = TestTenants.create("hook-retry");
        String customer = customerFor(tenant);
        String paymentIntent = StripeFixtures.unique("pi");
        String charge = StripeFixtures.unique("ch");
        // The refund overtakes the invoice it refunds: nothing to refund yet, so processing fails and is kept.
        String refundEvent = StripeFixtures.unique("evt");
        StripeWebhookSender.post(StripeFixtures.event(refundEvent, "charge.refunded", Instant.now(),
                StripeFixtures.charge(charge, customer, paymentIntent, 9900, 9900))).then().statusCode(200);
        assertEquals("PENDING", BillingTestData.eventStatus(dataSource, refundEvent));
        assertTrue(BillingTestData.eventError(dataSource, refundEvent).contains("No paid invoice"));

        StripeWebhookSender.post(invoicePaid(StripeFixtures.unique("evt"), customer, StripeFixtures.unique("in"),
                paymentIntent)).then().statusCode(200);
        clock.advance(Duration.ofMinutes(2));
        retryJob.retryDue();

        assertEquals("DONE", BillingTestData.eventStatus(dataSource, refundEvent));
        assertEquals(2, BillingTestData.eventAttempts(dataSource, refundEvent));
        assertEquals(9900, recorder.of(ChargeRefunded.class, tenant.id).get(0).amountRefunded().minor());
    }

    @Test
    void anEventInAnotherApiVersionIsProcessedFromItsRawJson() {
        Tenant tenant = TestTenants.create("hook-version");
        String customer = customerFor(tenant);
        String invoice = StripeFixtures.unique("in");
        String charge = StripeFixtures.unique("ch");
        String eventId = StripeFixtures.unique("evt");
        StripeWebhookSender.post(StripeFixtures.event(eventId, "invoice.paid", Instant.now(),
                StripeFixtures.legacyInvoice(invoice, customer, StripeFixtures.unique("sub"), 2900, 0, charge,
                        StripeFixtures.unique("pi")), "2024-06-20")).then().statusCode(200);

        assertEquals("DONE", BillingTestData.eventStatus(dataSource, eventId));
        InvoicePaid paid = recorder.of(InvoicePaid.class, tenant.id).get(0);
        assertEquals(charge, paid.chargeId());
        assertEquals(Money.usd(2900), paid.amountPaid());
    }
}
