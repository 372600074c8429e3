package pro.dailydoco.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import pro.dailydoco.billing.events.ChargeRefunded;
import pro.dailydoco.billing.events.Plan;
import pro.dailydoco.referral.ReferralPeople;
import pro.dailydoco.support.LockWaits;
import pro.dailydoco.tenant.ScopedWork;
import pro.dailydoco.tenant.Tenant;

/**
 * Stripe's {@code amount_refunded} is cumulative and only grows: however concurrent refund events commit, the
 * invoice keeps the largest figure (docs/decisions/0101-cumulative-refunds-only-grow.md).
 */
@QuarkusTest
class ConcurrentRefundsTest {

    @Inject
    ScopedWork scopedWork;

    @Inject
    EntityManager entityManager;

    @Inject
    RevenueEventsRecorder recorder;

    @Test
    void tenConcurrentRefundEventsLeaveTheInvoiceAtTheLargestCumulativeTotal() throws Exception {
        List<UUID> chain = ReferralPeople.chain(2, "refund-race");
        UUID payer = chain.get(1);
        Tenant tenant = ReferralPeople.workspaceCreatedBy(payer);
        String customer = TestCustomers.customerFor(tenant, Plan.TEAM);
        String paymentIntent = StripeFixtures.unique("pi");
        String charge = StripeFixtures.unique("ch");
        String invoice = StripeFixtures.unique("in");
        long paid = 9_900;
        StripeWebhookSender.post(StripeFixtures.event(StripeFixtures.unique("evt"), "invoice.paid", Instant.now(),
                StripeFixtures.invoice(invoice, customer, StripeFixtures.unique("sub"), "paid", paid, 0, "usd",
                        paymentIntent))).then().statusCode(200);

        // The payer's commission header is locked here while the ten deliveries arrive, so every one of them is inside
        // its transaction at once; the largest total is sent first, so a last-writer-wins update would end below it.
        ExecutorService senders = Executors.newFixedThreadPool(10);
        List<Future<Response>> deliveries = new ArrayList<>();
        try {
            scopedWork.run(null, payer, () -> {
                entityManager.createNativeQuery("select invoice_id from commission_invoice where invoice_id = ?1 for update")
                        .setParameter(1, invoice).getResultList();
                deliveries.add(senders.submit(() -> refund(customer, charge, paymentIntent, paid, 5_000)));
                LockWaits.awaitLockWaiters(1);
                for (long total = 500; total < 5_000; total += 500) {
                    long cumulative = total;
                    deliveries.add(senders.submit(() -> refund(customer, charge, paymentIntent, paid, cumulative)));
                }
                LockWaits.awaitLockWaiters(10);
            });
            for (Future<Response> delivery : deliveries) {
                assertEquals(200, delivery.get(60, TimeUnit.SECONDS).statusCode());
            }
        } finally {
            senders.shutdownNow();
        }

        Invoice stored = scopedWork.asTenant(tenant.id, () -> Invoice.findByStripeId(invoice).orElseThrow());
        assertEquals(5_000, stored.amountRefunded, "the invoices page shows the largest cumulative refund");
        List<Long> published = recorder.of(ChargeRefunded.class, tenant.id).stream()
                .filter(r -> r.invoiceId().equals(invoice)).map(r -> r.amountRefunded().minor()).toList();
        assertEquals(5_000L, published.stream().mapToLong(Long::longValue).max().orElseThrow(), published.toString());
        for (int i = 1; i < published.size(); i++) {
            assertTrue(published.get(i) > published.get(i - 1), "each published total is larger than the last: " + published);
        }
        Object[] level1 = scopedWork.call(null, chain.get(0), () -> (Object[]) entityManager.createNativeQuery(
                "select sum(amount_minor), max(rate_bp) from commission_entry where invoice_id = ?1")
                .setParameter(1, invoice).getSingleResult());
        assertEquals((paid - 5_000) * ((Number) level1[1]).longValue() / 10_000, ((Number) level1[0]).longValue(),
                "level 1 stands at its rate of what was not refunded");
    }

    private static Response refund(String customer, String charge, String paymentIntent, long amount, long cumulative) {
        return StripeWebhookSender.post(StripeFixtures.event(StripeFixtures.unique("evt"), "charge.refunded",
                Instant.now(), StripeFixtures.charge(charge, customer, paymentIntent, amount, cumulative)));
    }
}
