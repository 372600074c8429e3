package pro.dailydoco.billing;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import pro.dailydoco.billing.events.Plan;
import pro.dailydoco.support.TestTenants;
import pro.dailydoco.support.TransactionProbe;
import pro.dailydoco.tenant.ScopedWork;
import pro.dailydoco.tenant.Tenant;

/**
 * No Stripe call is made while the app holds a transaction open: while Stripe (WireMock) has not answered yet, the rows
 * the call is about can be locked by another transaction at once, and no session of the app sits idle inside a
 * transaction. Checked for Checkout, the Customer Portal, customer creation, the look-ups of a webhook (payments and
 * card) and the subscription read that breaks a tie.
 */
@QuarkusTest
class StripeCallsOutsideTransactionsTest {

    /** What the database looked like while Stripe held one request. */
    record Seen(String path, boolean rowWouldWait, List<String> idleInTransaction) {
    }

    @Inject
    ScopedWork scopedWork;

    @Inject
    BillingService billing;

    @Inject
    DataSource dataSource;

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private StripeWireMock.Hook hook;

    @AfterEach
    void removeHook() {
        if (hook != null) {
            StripeWireMock.instance().removeHook(hook);
        }
    }

    /** While Stripe is asked a matching request, tries {@code lockSql} (as the tenant) and lists idle transactions. */
    private void probeWhile(RequestPatternBuilder request, Tenant tenant, String lockSql, Object... params) {
        hook = StripeWireMock.instance().addHook(request, recorded -> seen.add(new Seen(
                URI.create(recorded.getUrl()).getPath(),
                TransactionProbe.wouldWait(tenant == null ? null : tenant.id, lockSql, params),
                TransactionProbe.idleInTransaction())));
    }

    private void assertNothingHeld(int calls) {
        assertEquals(calls, seen.size(), "Stripe calls probed: " + seen);
        for (Seen call : seen) {
            assertFalse(call.rowWouldWait(), "a transaction held the rows while Stripe was asked " + call.path());
            assertEquals(List.of(), call.idleInTransaction(), "open transactions while Stripe was asked " + call.path());
        }
    }

    private static final String SUBSCRIPTION_ROW = "select id from billing_subscription for update";

    @Test
    void checkoutLocksNoRowWhileStripeCreatesTheCustomerAndTheSession() {
        Tenant tenant = TestTenants.create("tx-checkout");
        // The first checkout creates the row and the customer; the second finds both.
        probeWhile(postRequestedFor(urlPathMatching("/v1/(customers|checkout/sessions)")), tenant,
                SUBSCRIPTION_ROW);
        TestCustomers.checkout(tenant, Plan.TEAM);
        TestCustomers.checkout(tenant, Plan.PRO);
        assertNothingHeld(3);
        StripeWireMock.instance().verify(1, postRequestedFor(urlPathEqualTo("/v1/customers"))
                .withFormParam("metadata[tenant_id]", equalTo(tenant.id.toString())));
    }

    @Test
    void thePortalHoldsNoTransactionWhileStripeOpensIt() {
        Tenant tenant = TestTenants.create("tx-portal");
        TestCustomers.checkout(tenant, Plan.TEAM);
        probeWhile(postRequestedFor(urlPathEqualTo("/v1/billing_portal/sessions")), tenant, SUBSCRIPTION_ROW);
        scopedWork.inScope(tenant.id, null, () -> billing.openPortal(tenant.id, null, "https://app.example/back"));
        assertNothingHeld(1);
    }

    @Test
    void aWebhookLooksUpTheInvoicesPaymentAndCardBeforeItLocksTheEvent() {
        Tenant tenant = TestTenants.create("tx-webhook");
        String customer = TestCustomers.customerFor(tenant, Plan.TEAM);
        String paymentIntent = TestPayments.cardPayment(customer, 9_900, StripeFixtures.unique("fp"));
        String eventId = StripeFixtures.unique("evt");
        probeWhile(getRequestedFor(urlPathMatching("/v1/(invoice_payments|payment_intents/" + paymentIntent + ")")),
                null, "select event_id from stripe_event where event_id = ? for update", eventId);
        StripeWebhookSender.post(StripeFixtures.event(eventId, "invoice.paid", Instant.now(),
                StripeFixtures.invoice(StripeFixtures.unique("in"), customer, "sub_x", "paid", 9_900, 0, "usd",
                        paymentIntent))).then().statusCode(200);
        assertEquals("DONE", BillingTestData.eventStatus(dataSource, eventId));
        assertNothingHeld(2);
    }

    @Test
    void aWebhookOfTheOlderShapeReadsTheChargesCardBeforeItLocksTheEvent() {
        Tenant tenant = TestTenants.create("tx-webhook-legacy");
        String customer = TestCustomers.customerFor(tenant, Plan.TEAM);
        String charge = StripeFixtures.unique("ch");
        String paymentIntent = StripeFixtures.unique("pi");
        StripeWireMock.instance().putCharge(charge, StripeFixtures.cardCharge(charge, customer, paymentIntent, 9_900,
                StripeFixtures.unique("fp")));
        String eventId = StripeFixtures.unique("evt");
        probeWhile(getRequestedFor(urlPathEqualTo("/v1/charges/" + charge)), null,
                "select event_id from stripe_event where event_id = ? for update", eventId);
        StripeWebhookSender.post(StripeFixtures.event(eventId, "invoice.paid", Instant.now(),
                StripeFixtures.legacyInvoice(StripeFixtures.unique("in"), customer, "sub_x", 9_900, 0, charge,
                        paymentIntent), StripeShapes.LEGACY.apiVersion())).then().statusCode(200);
        assertEquals("DONE", BillingTestData.eventStatus(dataSource, eventId));
        assertNothingHeld(1);
    }

    @Test
    void aTieBetweenTwoSubscriptionEventsIsBrokenWithStripesStateReadBeforeTheRowIsLocked() {
        Tenant tenant = TestTenants.create("tx-tie");
        String customer = TestCustomers.customerFor(tenant, Plan.TEAM);
        String subscription = StripeFixtures.unique("sub");
        Instant second = Instant.now().minusSeconds(5).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Instant periodEnd = second.plusSeconds(30L * 86400);
        StripeWebhookSender.post(StripeFixtures.event(StripeFixtures.unique("evt"), "customer.subscription.updated",
                second, StripeFixtures.subscription(subscription, customer, "past_due", "price_team_monthly", periodEnd,
                        tenant.id))).then().statusCode(200);
        StripeWireMock.instance().putSubscription(subscription, StripeFixtures.subscription(subscription, customer,
                "active", "price_team_monthly", periodEnd, tenant.id));
        probeWhile(getRequestedFor(urlPathEqualTo("/v1/subscriptions/" + subscription)), tenant, SUBSCRIPTION_ROW);

        StripeWebhookSender.post(StripeFixtures.event(StripeFixtures.unique("evt"), "customer.subscription.updated",
                second, StripeFixtures.subscription(subscription, customer, "unpaid", "price_team_monthly", periodEnd,
                        tenant.id))).then().statusCode(200);

        assertNothingHeld(1);
        assertEquals(pro.dailydoco.billing.events.SubscriptionStatus.ACTIVE,
                scopedWork.asTenant(tenant.id, () -> Subscription.current().orElseThrow().status),
                "the tie applies Stripe's current state");
    }
}
