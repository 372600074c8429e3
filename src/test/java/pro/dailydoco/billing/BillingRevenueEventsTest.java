package pro.dailydoco.billing;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import pro.dailydoco.billing.events.ChargeRefunded;
import pro.dailydoco.billing.events.DisputeClosed;
import pro.dailydoco.billing.events.DisputeOpened;
import pro.dailydoco.billing.events.InvoicePaid;
import pro.dailydoco.billing.events.Plan;
import pro.dailydoco.core.Money;
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

    @Inject
    EntityManager entityManager;

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

    private List<?> cardsOf(Tenant tenant) {
        return scopedWork.asTenant(tenant.id, () -> entityManager.createNativeQuery(
                "select fingerprint from billing_card_fingerprint order by fingerprint").getResultList());
    }

    @Test
    void theCardThatPaidIsLookedUpOnThePaymentIntentRecordedForTheTenantAndPublished() {
        Tenant tenant = TestTenants.create("rev-card");
        String customer = TestCustomers.customerFor(tenant, Plan.TEAM);
        String card = StripeFixtures.unique("fp");
        String paymentIntent = TestPayments.cardPayment(customer, 10_890, card);
        String invoice = StripeFixtures.unique("in");
        send("invoice.paid", StripeFixtures.invoice(invoice, customer, "sub_x", "paid", 10_890, 990, "usd", paymentIntent));

        assertEquals(card, recorder.of(InvoicePaid.class, tenant.id).get(0).cardFingerprint());
        assertEquals(List.of(card), cardsOf(tenant));
        // One look-up, with the charge expanded.
        StripeWireMock.instance().verify(1, anyRequestedFor(urlPathEqualTo("/v1/payment_intents/" + paymentIntent)));
        StripeWireMock.instance().verify(1, getRequestedFor(urlPathEqualTo("/v1/payment_intents/" + paymentIntent))
                .withQueryParam("expand[0]", equalTo("latest_charge")));

        // A replay of the invoice neither asks Stripe again nor records anything twice.
        send("invoice.paid", StripeFixtures.invoice(invoice, customer, "sub_x", "paid", 10_890, 990, "usd", paymentIntent));
        StripeWireMock.instance().verify(1, anyRequestedFor(urlPathEqualTo("/v1/payment_intents/" + paymentIntent)));
        assertEquals(List.of(card), cardsOf(tenant));
        // Another tenant never sees this tenant's cards.
        assertEquals(List.of(), cardsOf(TestTenants.create("rev-card-other")));
    }

    @Test
    void anInvoiceInTheOlderShapeHasItsCardLookedUpOnItsCharge() {
        Tenant tenant = TestTenants.create("rev-card-legacy");
        String customer = TestCustomers.customerFor(tenant, Plan.TEAM);
        String charge = StripeFixtures.unique("ch");
        String paymentIntent = StripeFixtures.unique("pi");
        String card = StripeFixtures.unique("fp");
        StripeWireMock.instance().putCharge(charge, StripeFixtures.cardCharge(charge, customer, paymentIntent, 9_900, card));
        send("invoice.paid", StripeFixtures.legacyInvoice(StripeFixtures.unique("in"), customer, "sub_x", 9_900, 0,
                charge, paymentIntent));
        assertEquals(card, recorder.of(InvoicePaid.class, tenant.id).get(0).cardFingerprint());
        assertEquals(List.of(card), cardsOf(tenant));
    }

    @Test
    void aPaymentWithoutACardOrWhoseCardStripeCannotGiveIsRecordedWithoutAFingerprint() {
        Tenant bank = TestTenants.create("rev-card-bank");
        String customer = TestCustomers.customerFor(bank, Plan.TEAM);
        String paymentIntent = StripeFixtures.unique("pi");
        StripeWireMock.instance().putPaymentIntent(paymentIntent, StripeFixtures.paymentIntent(paymentIntent, customer,
                9_900, StripeFixtures.bankDebitCharge(StripeFixtures.unique("ch"), customer, paymentIntent, 9_900)));
        send("invoice.paid", StripeFixtures.invoice(StripeFixtures.unique("in"), customer, "sub_x", "paid", 9_900, 0,
                "usd", paymentIntent));
        assertNull(recorder.of(InvoicePaid.class, bank.id).get(0).cardFingerprint());
        assertEquals(List.of(), cardsOf(bank));

        // Stripe answers 404 for a payment intent it does not know, like Stripe: the invoice is paid regardless.
        Paid unknown = paidInvoice("rev-card-404", "usd");
        InvoicePaid event = recorder.of(InvoicePaid.class, unknown.tenant().id).get(0);
        assertNull(event.cardFingerprint());
        assertEquals(Invoice.Status.PAID, scopedWork.asTenant(unknown.tenant().id,
                () -> Invoice.findByStripeId(unknown.invoice()).orElseThrow().status));
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
        String unknownCharge = StripeFixtures.unique("ch");
        send("charge.dispute.closed", StripeFixtures.dispute(dispute, unknownCharge, paid.paymentIntent(), 10_890, "won"));
        send("charge.dispute.created", StripeFixtures.dispute(dispute, unknownCharge, paid.paymentIntent(), 10_890,
                "needs_response"));
        assertEquals(1, recorder.of(DisputeOpened.class, paid.tenant().id).size());
        assertTrue(recorder.of(DisputeClosed.class, paid.tenant().id).get(0).won());
    }
}
