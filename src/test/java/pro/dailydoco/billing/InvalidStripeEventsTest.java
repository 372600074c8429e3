package pro.dailydoco.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import pro.dailydoco.billing.events.InvoicePaid;
import pro.dailydoco.billing.events.Plan;
import pro.dailydoco.billing.webhook.StripeEventRetryJob;
import pro.dailydoco.referral.ReferralPeople;
import pro.dailydoco.support.Browser;
import pro.dailydoco.support.TestTenants;
import pro.dailydoco.tenant.ScopedWork;
import pro.dailydoco.tenant.Tenant;

/**
 * Signed events whose content breaks Stripe's own rules are kept for the operator, marked invalid with the reason,
 * never processed, never retried and never answered 500 (docs/decisions/0100-invalid-stripe-events-are-kept-apart.md).
 */
@QuarkusTest
class InvalidStripeEventsTest {

    @Inject
    DataSource dataSource;

    @Inject
    RevenueEventsRecorder recorder;

    @Inject
    StripeEventRetryJob retryJob;

    @Inject
    ScopedWork scopedWork;

    @Inject
    EntityManager entityManager;

    private static String invoiceObject(String invoice, String customer, String amountPaid, String tax) {
        return StripeFixtures.invoice(invoice, customer, StripeFixtures.unique("sub"), "paid", 10_890, 990, "usd",
                StripeFixtures.unique("pi"))
                .replaceFirst("\"amount_paid\":\\s*10890", "\"amount_paid\": " + amountPaid)
                .replaceFirst("\"total_taxes\":\\s*\\[\\{\"amount\":\\s*990", "\"total_taxes\": [{\"amount\": " + tax);
    }

    @Test
    void aNegativeTaxNeverMakesTheNetLargerThanThePayment() {
        List<UUID> chain = ReferralPeople.chain(2, "neg-tax");
        Tenant tenant = ReferralPeople.workspaceCreatedBy(chain.get(1));
        String customer = TestCustomers.customerFor(tenant, Plan.TEAM);
        String invoice = StripeFixtures.unique("in");
        String eventId = StripeFixtures.unique("evt");
        StripeWebhookSender.post(StripeFixtures.event(eventId, "invoice.paid", Instant.now(),
                invoiceObject(invoice, customer, "10890", "-990"))).then().statusCode(200);

        assertTrue(recorder.of(InvoicePaid.class, tenant.id).stream().noneMatch(p -> p.invoiceId().equals(invoice)),
                "no payment is published from it");
        assertEquals(0L, commissionRows(chain.get(0), invoice), "and nobody earns from it");
        assertEquals(0L, BillingTestData.storedEvents(dataSource, eventId), "not queued for processing");
        assertInvalidOnOperatorPage(eventId, "tax");

        String legacy = StripeFixtures.unique("evt");
        String legacyInvoice = StripeFixtures.unique("in");
        StripeWebhookSender.post(StripeFixtures.event(legacy, "invoice.paid", Instant.now(),
                StripeFixtures.legacyInvoice(legacyInvoice, customer, StripeFixtures.unique("sub"), 10_890, -990,
                        StripeFixtures.unique("ch"), StripeFixtures.unique("pi")), "2024-06-20")).then().statusCode(200);
        assertTrue(recorder.of(InvoicePaid.class, tenant.id).stream().noneMatch(p -> p.invoiceId().equals(legacyInvoice)));
        assertInvalidOnOperatorPage(legacy, "tax");

        String tooMuchTax = StripeFixtures.unique("evt");
        StripeWebhookSender.post(StripeFixtures.event(tooMuchTax, "invoice.paid", Instant.now(),
                invoiceObject(StripeFixtures.unique("in"), customer, "10890", "10891"))).then().statusCode(200);
        assertInvalidOnOperatorPage(tooMuchTax, "tax");
    }

    @Test
    void amountsAsStringsOrFractionsAreNeverTruncated() {
        Tenant tenant = TestTenants.create("amount-shape");
        String customer = TestCustomers.customerFor(tenant, Plan.TEAM);
        for (String amount : List.of("\"10890\"", "10890.5", "1e4", "-10890", "99999999999999999999")) {
            String eventId = StripeFixtures.unique("evt");
            String invoice = StripeFixtures.unique("in");
            StripeWebhookSender.post(StripeFixtures.event(eventId, "invoice.paid", Instant.now(),
                    invoiceObject(invoice, customer, amount, "990"))).then().statusCode(200);
            assertTrue(recorder.of(InvoicePaid.class, tenant.id).stream().noneMatch(p -> p.invoiceId().equals(invoice)),
                    amount + " is not an amount in cents");
            assertInvalidOnOperatorPage(eventId, "amount_paid");
        }
        String refund = StripeFixtures.unique("evt");
        StripeWebhookSender.post(StripeFixtures.event(refund, "charge.refunded", Instant.now(),
                StripeFixtures.charge(StripeFixtures.unique("ch"), customer, StripeFixtures.unique("pi"), 9_900, 500)
                        .replaceFirst("\"amount_refunded\":\\s*500", "\"amount_refunded\": \"500\""))).then().statusCode(200);
        assertInvalidOnOperatorPage(refund, "amount_refunded");
        String overRefund = StripeFixtures.unique("evt");
        StripeWebhookSender.post(StripeFixtures.event(overRefund, "charge.refunded", Instant.now(),
                StripeFixtures.charge(StripeFixtures.unique("ch"), customer, StripeFixtures.unique("pi"), 9_900, 9_901)))
                .then().statusCode(200);
        assertInvalidOnOperatorPage(overRefund, "amount_refunded");
    }

    @Test
    void aMissingCurrencyOrInvoiceIdIsInvalidNotRetried() {
        Tenant tenant = TestTenants.create("missing-fields");
        String customer = TestCustomers.customerFor(tenant, Plan.TEAM);
        String noCurrency = StripeFixtures.unique("evt");
        StripeWebhookSender.post(StripeFixtures.event(noCurrency, "invoice.paid", Instant.now(),
                invoiceObject(StripeFixtures.unique("in"), customer, "10890", "990").replaceFirst("\"currency\":\\s*\"usd\",", "")))
                .then().statusCode(200);
        String noId = StripeFixtures.unique("evt");
        StripeWebhookSender.post(StripeFixtures.event(noId, "invoice.paid", Instant.now(),
                invoiceObject(StripeFixtures.unique("in"), customer, "10890", "990").replaceFirst("\"id\":\\s*\"in_[0-9a-f]+\",", "")))
                .then().statusCode(200);
        retryJob.retryDue();
        assertEquals(0L, BillingTestData.storedEvents(dataSource, noCurrency), "nothing to retry");
        assertEquals(0L, BillingTestData.storedEvents(dataSource, noId), "nothing to retry");
        assertInvalidOnOperatorPage(noCurrency, "currency");
        assertInvalidOnOperatorPage(noId, "id");
    }

    @Test
    void anUnusableEnvelopeIsRefusedWith400AndStillKeptForTheOperator() {
        String customer = "cus_" + UUID.randomUUID().toString().replace("-", "");
        String farFuture = StripeFixtures.unique("evt");
        String object = invoiceObject(StripeFixtures.unique("in"), customer, "10890", "990");
        StripeWebhookSender.post(StripeFixtures.event(farFuture, "invoice.paid", Instant.now(), object)
                .replaceFirst("\"created\":\\s*[0-9]+", "\"created\": 10000000000000000000")).then().statusCode(400);
        assertInvalidOnOperatorPage(farFuture, "created");
        String farPast = StripeFixtures.unique("evt");
        StripeWebhookSender.post(StripeFixtures.event(farPast, "invoice.paid", Instant.now(), object)
                .replaceFirst("\"created\":\\s*[0-9]+", "\"created\": -1000000000000")).then().statusCode(400);
        assertInvalidOnOperatorPage(farPast, "created");
        String withNul = StripeFixtures.unique("evt");
        StripeWebhookSender.post(StripeFixtures.event(withNul + "\\u0000x", "invoice.paid", Instant.now(), object))
                .then().statusCode(400);
        assertInvalidOnOperatorPage(withNul + "\\u0000x", "id");
    }

    @Test
    void theSameEventIdWithAnotherBodyIsKeptAsInvalidAndTheFirstStands() {
        Tenant tenant = TestTenants.create("same-id");
        String customer = TestCustomers.customerFor(tenant, Plan.TEAM);
        String eventId = StripeFixtures.unique("evt");
        String invoice = StripeFixtures.unique("in");
        Instant created = Instant.now();
        String first = StripeFixtures.event(eventId, "invoice.paid", created, invoiceObject(invoice, customer, "10890", "990"));
        StripeWebhookSender.post(first).then().statusCode(200);
        // A redelivery differs only in what Stripe counts per delivery: it is the same event.
        StripeWebhookSender.post(first.replaceFirst("\"pending_webhooks\":\\s*1", "\"pending_webhooks\": 2")).then().statusCode(200);
        assertNull(invalidRow(eventId), "a redelivery is not a conflict");
        StripeWebhookSender.post(first.replace("10890", "20890")).then().statusCode(200);

        List<InvoicePaid> paid = recorder.of(InvoicePaid.class, tenant.id).stream()
                .filter(p -> p.invoiceId().equals(invoice)).toList();
        assertEquals(1, paid.size());
        assertEquals(10_890, paid.get(0).amountPaid().minor(), "the first body stands");
        assertInvalidOnOperatorPage(eventId, "different body");
    }

    @Test
    void aSignatureFromMoreThanFiveMinutesAheadIsRefusedLikeAStaleOne() {
        String payload = StripeFixtures.event(StripeFixtures.unique("evt"), "customer.created", Instant.now(),
                StripeFixtures.customer("cus_x"));
        StripeWebhookSender.post(payload, StripeWebhookSender.signature(payload, Instant.now().plus(Duration.ofMinutes(6)),
                StripeWebhookSender.TEST_SECRET)).then().statusCode(400);
        StripeWebhookSender.post(payload, StripeWebhookSender.signature(payload, Instant.now().plus(Duration.ofMinutes(4)),
                StripeWebhookSender.TEST_SECRET)).then().statusCode(200);
    }

    private long commissionRows(UUID earner, String invoice) {
        return scopedWork.call(null, earner, () -> ((Number) entityManager.createNativeQuery(
                "select count(*) from commission_entry where invoice_id = ?1").setParameter(1, invoice)
                .getSingleResult()).longValue());
    }

    private Browser operator;

    private Element invalidRow(String eventId) {
        if (operator == null) {
            operator = pro.dailydoco.operator.Operators.signedIn();
        }
        Document page = Browser.html(operator
                .get("/operator/stripe-events/invalid?event=" + eventId) // the client encodes the query
                .then().statusCode(200).extract().response());
        return page.select("#invalid-events tbody tr").stream()
                .filter(row -> row.selectFirst("td.event-id").text().equals(eventId)).findFirst().orElse(null);
    }

    private void assertInvalidOnOperatorPage(String eventId, String reasonMentions) {
        Element row = invalidRow(eventId);
        assertTrue(row != null, "the operator sees " + eventId + " as invalid");
        assertTrue(row.selectFirst("td.reason").text().contains(reasonMentions), row.text());
    }
}
