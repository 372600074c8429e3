package pro.dailydoco.billing;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import pro.dailydoco.billing.events.ChargeRefunded;
import pro.dailydoco.billing.events.DisputeClosed;
import pro.dailydoco.billing.events.DisputeOpened;
import pro.dailydoco.billing.events.InvoicePaid;
import pro.dailydoco.billing.events.Plan;
import pro.dailydoco.billing.webhook.StripeEventRetryJob;
import pro.dailydoco.core.Money;
import pro.dailydoco.support.TestClock;
import pro.dailydoco.support.TestTenants;
import pro.dailydoco.tenant.ScopedWork;
import pro.dailydoco.tenant.Tenant;

/**
 * Paid, refunded and disputed invoices in both API families Stripe sends, built from its published objects: the one
 * stripe-java pins (an {@code invoice.paid} without {@code payments}, a charge without {@code invoice}, a dispute
 * whose {@code payment_intent} is null as in the published fixture) and the one before 2025-03-31. In order and
 * reordered, every refund and dispute reaches the invoice it belongs to.
 */
@QuarkusTest
class StripeApiFamiliesTest {

    private static final long PAID = 10_890;
    private static final long TAX = 990;

    @Inject
    RevenueEventsRecorder recorder;

    @Inject
    ScopedWork scopedWork;

    @Inject
    DataSource dataSource;

    @Inject
    StripeEventRetryJob retryJob;

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** One invoice of a tenant, and what Stripe sends about it in {@code family}'s shapes. */
    record Sale(StripeShapes family, Tenant tenant, String customer, String invoice, String charge,
            String paymentIntent) {

        String invoicePaid() {
            return family == StripeShapes.CURRENT
                    ? StripeFixtures.invoice(invoice, customer, "sub_" + invoice, "paid", PAID, TAX, "usd", paymentIntent)
                    : StripeFixtures.legacyInvoice(invoice, customer, "sub_" + invoice, PAID, TAX, charge, paymentIntent);
        }

        String refunded(long total) {
            return family == StripeShapes.CURRENT
                    ? StripeFixtures.charge(charge, customer, paymentIntent, PAID, total)
                    : StripeFixtures.legacyCharge(charge, customer, paymentIntent, invoice, PAID, total);
        }

        /** As published, the dispute names its charge only ({@code payment_intent} null). */
        String dispute(String id, String status) {
            return family == StripeShapes.CURRENT
                    ? StripeFixtures.dispute(id, charge, null, PAID, status)
                    : StripeFixtures.legacyDispute(id, charge, null, PAID, status);
        }

        String send(String type, String object) {
            String eventId = StripeFixtures.unique("evt");
            StripeWebhookSender.post(StripeFixtures.event(eventId, type, Instant.now(), object, family.apiVersion()))
                    .then().statusCode(200);
            return eventId;
        }
    }

    private Sale sale(StripeShapes family, String prefix) {
        Tenant tenant = TestTenants.create(prefix + "-" + family.name().toLowerCase());
        String customer = TestCustomers.customerFor(tenant, Plan.TEAM);
        String charge = StripeFixtures.unique("ch");
        String paymentIntent = StripeFixtures.unique("pi");
        // Stripe knows the charge (GET /v1/charges/{id}); the payment intent's card is not looked up here.
        StripeWireMock.instance().putCharge(charge, family == StripeShapes.CURRENT
                ? StripeFixtures.charge(charge, customer, paymentIntent, PAID, 0)
                : StripeFixtures.legacyCharge(charge, customer, paymentIntent, null, PAID, 0));
        return new Sale(family, tenant, customer, StripeFixtures.unique("in"), charge, paymentIntent);
    }

    private Invoice invoiceOf(Sale sale) {
        return scopedWork.asTenant(sale.tenant().id, () -> Invoice.findByStripeId(sale.invoice()).orElseThrow());
    }

    private void retryLater() {
        clock.advance(Duration.ofHours(1));
        retryJob.retryDue();
    }

    @ParameterizedTest
    @EnumSource(StripeShapes.class)
    void aPaidInvoiceIsRecordedWithThePaymentThatPaidIt(StripeShapes family) {
        Sale sale = sale(family, "fam-paid");
        String event = sale.send("invoice.paid", sale.invoicePaid());

        assertEquals("DONE", BillingTestData.eventStatus(dataSource, event));
        InvoicePaid paid = recorder.of(InvoicePaid.class, sale.tenant().id).get(0);
        assertEquals(Money.usd(PAID - TAX), paid.net());
        assertEquals(sale.paymentIntent(), paid.paymentIntentId());
        assertEquals(sale.paymentIntent(), invoiceOf(sale).paymentIntentId);
        // Only an invoice of the current family, which names no payment, is looked up in the Invoice Payments API.
        StripeWireMock.instance().verify(family == StripeShapes.CURRENT ? 1 : 0, getRequestedFor(
                urlPathEqualTo("/v1/invoice_payments")).withQueryParam("invoice", equalTo(sale.invoice())));
    }

    @ParameterizedTest
    @EnumSource(StripeShapes.class)
    void refundsPartialRepeatedAndGrowingReachTheInvoice(StripeShapes family) {
        Sale sale = sale(family, "fam-refund");
        sale.send("invoice.paid", sale.invoicePaid());
        List<String> events = new ArrayList<>();
        events.add(sale.send("charge.refunded", sale.refunded(3_000)));
        events.add(sale.send("charge.refunded", sale.refunded(3_000)));
        events.add(sale.send("charge.refunded", sale.refunded(5_000)));
        // An older cumulative total delivered late changes nothing.
        events.add(sale.send("charge.refunded", sale.refunded(3_000)));

        events.forEach(event -> assertEquals("DONE", BillingTestData.eventStatus(dataSource, event), event));
        assertEquals(List.of(Money.usd(3_000), Money.usd(5_000)), recorder.of(ChargeRefunded.class, sale.tenant().id)
                .stream().map(ChargeRefunded::amountRefunded).toList());
        assertEquals(5_000, invoiceOf(sale).amountRefunded);
        assertTrue(recorder.of(ChargeRefunded.class, sale.tenant().id).stream()
                .allMatch(refund -> refund.invoiceId().equals(sale.invoice())));
    }

    @ParameterizedTest
    @EnumSource(StripeShapes.class)
    void aRefundThatOvertakesItsInvoiceIsAppliedOnceTheInvoiceIsPaid(StripeShapes family) {
        Sale sale = sale(family, "fam-refund-early");
        String refund = sale.send("charge.refunded", sale.refunded(4_000));
        assertEquals("PENDING", BillingTestData.eventStatus(dataSource, refund));
        assertTrue(recorder.of(ChargeRefunded.class, sale.tenant().id).isEmpty());

        sale.send("invoice.paid", sale.invoicePaid());
        retryLater();

        assertEquals("DONE", BillingTestData.eventStatus(dataSource, refund));
        assertEquals(List.of(Money.usd(4_000)), recorder.of(ChargeRefunded.class, sale.tenant().id).stream()
                .map(ChargeRefunded::amountRefunded).toList());
        // A charge of the current family names no invoice: its payment intent's invoice is asked of Stripe once,
        // while the invoice is still unknown; once it is paid, billing matches the charge itself.
        StripeWireMock.instance().verify(family == StripeShapes.CURRENT ? 1 : 0, getRequestedFor(
                urlPathEqualTo("/v1/invoice_payments")).withQueryParam("payment[type]", equalTo("payment_intent"))
                .withQueryParam("payment[payment_intent]", equalTo(sale.paymentIntent())));
    }

    static Stream<Arguments> outcomes() {
        return Stream.of(StripeShapes.values()).flatMap(family -> Stream.of("won", "lost", "warning_closed")
                .map(status -> Arguments.of(family, status)));
    }

    @ParameterizedTest
    @MethodSource("outcomes")
    void aDisputeOfTheChargeOpensAndClosesOnItsInvoice(StripeShapes family, String outcome) {
        Sale sale = sale(family, "fam-dispute");
        sale.send("invoice.paid", sale.invoicePaid());
        String dispute = StripeFixtures.unique("dp");
        String opened = sale.send("charge.dispute.created", sale.dispute(dispute, "needs_response"));
        String closed = sale.send("charge.dispute.closed", sale.dispute(dispute, outcome));
        sale.send("charge.dispute.closed", sale.dispute(dispute, outcome));

        assertEquals("DONE", BillingTestData.eventStatus(dataSource, opened));
        assertEquals("DONE", BillingTestData.eventStatus(dataSource, closed));
        assertEquals(List.of(sale.invoice()), recorder.of(DisputeOpened.class, sale.tenant().id).stream()
                .map(DisputeOpened::invoiceId).toList());
        List<DisputeClosed> closes = recorder.of(DisputeClosed.class, sale.tenant().id);
        assertEquals(1, closes.size());
        assertEquals(!outcome.equals("lost"), closes.get(0).won(), outcome);
        assertEquals(outcome, invoiceOf(sale).disputeStatus);
    }

    @ParameterizedTest
    @EnumSource(StripeShapes.class)
    void aDisputeClosedBeforeItOpenedAndBeforeItsInvoiceIsAppliedInFull(StripeShapes family) {
        Sale sale = sale(family, "fam-dispute-early");
        String dispute = StripeFixtures.unique("dp");
        String closed = sale.send("charge.dispute.closed", sale.dispute(dispute, "lost"));
        sale.send("invoice.paid", sale.invoicePaid());
        String opened = sale.send("charge.dispute.created", sale.dispute(dispute, "needs_response"));
        retryLater();

        assertEquals("DONE", BillingTestData.eventStatus(dataSource, opened));
        assertEquals("DONE", BillingTestData.eventStatus(dataSource, closed));
        assertEquals(1, recorder.of(DisputeOpened.class, sale.tenant().id).size());
        List<DisputeClosed> closes = recorder.of(DisputeClosed.class, sale.tenant().id);
        assertEquals(1, closes.size());
        assertFalse(closes.get(0).won());
    }
}
