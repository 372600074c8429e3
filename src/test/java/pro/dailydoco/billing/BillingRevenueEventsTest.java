package pro.dailydoco.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import pro.dailydoco.support.TestTenants;
import pro.dailydoco.tenant.ScopedWork;
import pro.dailydoco.tenant.Tenant;

/** Paid invoices, refunds and disputes are stored and published once, inside the processing transaction. */
@QuarkusTest
class BillingRevenueEventsTest {

    @Inject
    ScopedWork scopedWork;

    @Inject
    RevenueEventsRecorder recorder;

    private record Paid(Tenant tenant, String customer, String invoice, String paymentIntent) {
    }

    private Paid paidInvoice(String prefix, String currency) {
        Tenant tenant = TestTenants.create(prefix);
        String customer = TestCustomers.customerFor(tenant, Plan.TEAM);
        String invoice = StripeFixtures.unique("in");
        String paymentIntent = StripeFixtures.unique("pi");
        StripeWebhookSender.post(StripeFixtures.event(StripeFixtures.unique("evt"), "invoice.paid", Instant.now(),
                StripeFixtures.invoice(invoice, customer, "sub_x", "paid", 10_890, 990, currency, paymentIntent)))
                .then().statusCode(200);
        return new Paid(tenant, customer, invoice, paymentIntent);
    }

    private void send(String type, String object) {
        StripeWebhookSender.post(StripeFixtures.event(StripeFixtures.unique("evt"), type, Instant.now(), object))
                .then().statusCode(200);
    }

    @Test
    void invoicePaidStoresTheInvoiceAndPublishesInvoicePaidOnce() {
        Paid paid = paidInvoice("rev-paid", "usd");
        Invoice invoice = scopedWork.asTenant(paid.tenant().id, () -> Invoice.findByStripeId(paid.invoice()).orElseThrow());
        assertEquals(Invoice.Status.PAID, invoice.status);
        assertEquals(10_890, invoice.amountPaid);
        assertEquals(990, invoice.tax);
        assertEquals("USD", invoice.currency);
        assertEquals(paid.paymentIntent(), invoice.paymentIntentId);
        assertTrue(invoice.hostedInvoiceUrl.startsWith("https://invoice.stripe.com/"));
        assertTrue(invoice.periodStart.isBefore(invoice.periodEnd));

        List<InvoicePaid> events = recorder.of(InvoicePaid.class, paid.tenant().id);
        assertEquals(1, events.size());
        InvoicePaid event = events.get(0);
        assertEquals(Money.usd(10_890), event.amountPaid());
        assertEquals(Money.usd(9_900), event.net());
        assertEquals(paid.customer(), event.customerId());
        assertEquals("sub_x", event.subscriptionId());
        assertTrue(recorder.allInTransaction(), "observers run inside the processing transaction");

        // A second invoice.paid for the same invoice (another event id) publishes nothing more.
        send("invoice.paid", StripeFixtures.invoice(paid.invoice(), paid.customer(), "sub_x", "paid", 10_890, 990, "usd",
                paid.paymentIntent()));
        assertEquals(1, recorder.of(InvoicePaid.class, paid.tenant().id).size());
    }

    @Test
    void aNonUsdInvoiceIsStoredFlaggedAndPublishedWithItsCurrency() {
        Paid paid = paidInvoice("rev-eur", "eur");
        Invoice invoice = scopedWork.asTenant(paid.tenant().id, () -> Invoice.findByStripeId(paid.invoice()).orElseThrow());
        assertFalse(invoice.supportedCurrency);
        InvoicePaid event = recorder.of(InvoicePaid.class, paid.tenant().id).get(0);
        assertEquals("EUR", event.amountPaid().currency());
        assertFalse(event.supportedCurrency());
    }

    @Test
    void refundsPublishStripesCumulativeAmountOnlyWhenItGrows() {
        Paid paid = paidInvoice("rev-refund", "usd");
        String charge = StripeFixtures.unique("ch");
        send("charge.refunded", StripeFixtures.charge(charge, paid.customer(), paid.paymentIntent(), 10_890, 3_000));
        send("charge.refunded", StripeFixtures.charge(charge, paid.customer(), paid.paymentIntent(), 10_890, 10_890));
        // An older state delivered late changes nothing.
        send("charge.refunded", StripeFixtures.charge(charge, paid.customer(), paid.paymentIntent(), 10_890, 3_000));

        List<ChargeRefunded> refunds = recorder.of(ChargeRefunded.class, paid.tenant().id);
        assertEquals(List.of(Money.usd(3_000), Money.usd(10_890)),
                refunds.stream().map(ChargeRefunded::amountRefunded).toList());
        assertEquals(paid.invoice(), refunds.get(1).invoiceId());
        assertEquals(10_890, scopedWork.asTenant(paid.tenant().id,
                () -> Invoice.findByStripeId(paid.invoice()).orElseThrow().amountRefunded));
    }

    @Test
    void aDisputeIsPublishedWhenOpenedAndOnceWhenClosed() {
        Paid paid = paidInvoice("rev-dispute", "usd");
        String dispute = StripeFixtures.unique("dp");
        String charge = StripeFixtures.unique("ch");
        send("charge.dispute.created", StripeFixtures.dispute(dispute, charge, paid.paymentIntent(), 10_890,
                "needs_response"));
        send("charge.dispute.closed", StripeFixtures.dispute(dispute, charge, paid.paymentIntent(), 10_890, "lost"));
        send("charge.dispute.closed", StripeFixtures.dispute(dispute, charge, paid.paymentIntent(), 10_890, "lost"));

        List<DisputeOpened> opened = recorder.of(DisputeOpened.class, paid.tenant().id);
        List<DisputeClosed> closed = recorder.of(DisputeClosed.class, paid.tenant().id);
        assertEquals(1, opened.size());
        assertEquals(paid.invoice(), opened.get(0).invoiceId());
        assertEquals(1, closed.size());
        assertFalse(closed.get(0).won());
        assertEquals(Money.usd(10_890), closed.get(0).amount());
    }

    @Test
    void aDisputeClosedBeforeItsOpeningArrivedPublishesBothInOrder() {
        Paid paid = paidInvoice("rev-dispute-late", "usd");
        String dispute = StripeFixtures.unique("dp");
        send("charge.dispute.closed", StripeFixtures.dispute(dispute, "ch_unknown", paid.paymentIntent(), 10_890, "won"));
        send("charge.dispute.created", StripeFixtures.dispute(dispute, "ch_unknown", paid.paymentIntent(), 10_890,
                "needs_response"));
        assertEquals(1, recorder.of(DisputeOpened.class, paid.tenant().id).size());
        assertTrue(recorder.of(DisputeClosed.class, paid.tenant().id).get(0).won());
    }
}
