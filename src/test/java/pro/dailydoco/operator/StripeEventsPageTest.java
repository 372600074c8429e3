package pro.dailydoco.operator;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import pro.dailydoco.billing.Invoice;
import pro.dailydoco.billing.RevenueEventsRecorder;
import pro.dailydoco.billing.StripeFixtures;
import pro.dailydoco.billing.StripeWebhookSender;
import pro.dailydoco.billing.StripeWireMock;
import pro.dailydoco.billing.TestCustomers;
import pro.dailydoco.billing.events.InvoicePaid;
import pro.dailydoco.billing.events.Plan;
import pro.dailydoco.billing.webhook.StripeEventRetryJob;
import pro.dailydoco.support.Browser;
import pro.dailydoco.support.TestClock;
import pro.dailydoco.support.TestTenants;
import pro.dailydoco.tenant.ScopedWork;
import pro.dailydoco.tenant.Tenant;

/**
 * An invoice.paid whose payment only Stripe can name waits while Stripe fails: pending with the reason on the
 * operator's page, retried with back-off, never flagged for waiting, nothing of it applied — then applied in full
 * once Stripe answers.
 */
@QuarkusTest
class StripeEventsPageTest {

    @Inject
    DataSource dataSource;

    @Inject
    StripeEventRetryJob retryJob;

    @Inject
    RevenueEventsRecorder recorder;

    @Inject
    ScopedWork scopedWork;

    @Inject
    TestClock clock;

    private StubMapping failing;

    @AfterEach
    void reset() {
        clock.reset();
        if (failing != null) {
            StripeWireMock.instance().removeStub(failing);
        }
    }

    @Test
    void anEventWaitingForStripeShowsWhyAndIsAppliedInFullOnceStripeAnswers() {
        Tenant tenant = TestTenants.create("waits-for-stripe");
        String customer = TestCustomers.customerFor(tenant, Plan.TEAM);
        String invoice = StripeFixtures.unique("in");
        String paymentIntent = StripeFixtures.unique("pi");
        failing = StripeWireMock.instance().failWith500(get(urlPathEqualTo("/v1/invoice_payments"))
                .withQueryParam("invoice", equalTo(invoice)));
        String eventId = StripeFixtures.unique("evt");
        StripeWebhookSender.post(StripeFixtures.event(eventId, "invoice.paid", Instant.now(), StripeFixtures.invoice(
                invoice, customer, "sub_wait", "paid", 9_900, 0, "usd", paymentIntent))).then().statusCode(200);
        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofHours(2));
            retryJob.retryDue();
        }

        assertEquals("PENDING", column("status", eventId), "waiting is not failing: never flagged");
        assertEquals(11, ((Number) column("attempts", eventId)).intValue());
        assertEquals(0, ((Number) column("failures", eventId)).intValue());
        assertTrue(recorder.of(InvoicePaid.class, tenant.id).isEmpty(), "nothing published");
        assertTrue(scopedWork.asTenant(tenant.id, () -> Invoice.findByStripeId(invoice)).isEmpty(), "nothing written");

        Document page = Browser.html(Operators.signedIn().get("/operator/stripe-events").then().statusCode(200)
                .extract().response());
        Element row = page.selectFirst("tr[data-event=" + eventId + "]");
        assertNotNull(row, "the waiting event is listed");
        assertTrue(row.text().contains("Waiting for Stripe"), row.text());
        assertTrue(row.text().contains("payments of invoice " + invoice), row.text());

        StripeWireMock.instance().removeStub(failing);
        failing = null;
        clock.advance(Duration.ofHours(2));
        retryJob.retryDue();

        assertEquals("DONE", column("status", eventId));
        assertEquals(paymentIntent, recorder.of(InvoicePaid.class, tenant.id).get(0).paymentIntentId());
        Document after = Browser.html(Operators.signedIn().get("/operator/stripe-events").then().statusCode(200)
                .extract().response());
        assertNull(after.selectFirst("tr[data-event=" + eventId + "]"), "a done event leaves the page");
    }

    private Object column(String column, String eventId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("select " + column + " from stripe_event where event_id = ?")) {
            s.setString(1, eventId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getObject(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
