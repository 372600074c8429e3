package pro.dailydoco.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import pro.dailydoco.billing.events.Plan;
import pro.dailydoco.support.TestTenants;
import pro.dailydoco.support.TransactionProbe;
import pro.dailydoco.tenant.ScopedWork;
import pro.dailydoco.tenant.Tenant;

/**
 * No Stripe call is made while the app holds a transaction open: while the stand-in has not answered yet, the rows
 * the call is about can be locked by another transaction at once, and no session of the app sits idle inside a
 * transaction. Checked for Checkout, the Customer Portal, customer creation, the look-ups of a webhook (payments and
 * card) and the subscription read that breaks a tie.
 */
@QuarkusTest
class StripeCallsOutsideTransactionsTest {

    /** What the database looked like while the stand-in held one request. */
    record Seen(String path, boolean rowWouldWait, List<String> idleInTransaction) {
    }

    @Inject
    ScopedWork scopedWork;

    @Inject
    BillingService billing;

    @Inject
    DataSource dataSource;

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private StripeStandIn.Hook hook;

    @AfterEach
    void removeHook() {
        if (hook != null) {
            StripeStandIn.instance().removeHook(hook);
        }
    }

    /** While Stripe is asked a matching request, tries {@code lockSql} (as the tenant) and lists idle transactions. */
    private void probeWhile(Predicate<StripeStandIn.Recorded> request, Tenant tenant, String lockSql, Object... params) {
        hook = StripeStandIn.instance().addHook(request, recorded -> seen.add(new Seen(recorded.path(),
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
        probeWhile(r -> r.path().equals("/v1/customers") || r.path().equals("/v1/checkout/sessions"), tenant,
                SUBSCRIPTION_ROW);
        TestCustomers.checkout(tenant, Plan.TEAM);
        TestCustomers.checkout(tenant, Plan.PRO);
        assertNothingHeld(3);
        assertEquals(1, StripeStandIn.instance().requests(r -> r.path().equals("/v1/customers")
                && tenant.id.toString().equals(r.form().get("metadata[tenant_id]"))).size());
    }

    @Test
    void thePortalHoldsNoTransactionWhileStripeOpensIt() {
        Tenant tenant = TestTenants.create("tx-portal");
        TestCustomers.checkout(tenant, Plan.TEAM);
        probeWhile(r -> r.path().equals("/v1/billing_portal/sessions"), tenant, SUBSCRIPTION_ROW);
        scopedWork.inScope(tenant.id, null, () -> billing.openPortal(tenant.id, null, "https://app.example/back"));
        assertNothingHeld(1);
    }

    @Test
    void aWebhookLooksUpTheInvoicesPaymentAndCardBeforeItLocksTheEvent() {
        Tenant tenant = TestTenants.create("tx-webhook");
        String customer = TestCustomers.customerFor(tenant, Plan.TEAM);
        String paymentIntent = TestPayments.cardPayment(customer, 9_900, StripeFixtures.unique("fp"));
        String eventId = StripeFixtures.unique("evt");
        probeWhile(r -> r.path().equals("/v1/invoice_payments") || r.path().equals("/v1/payment_intents/" + paymentIntent),
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
        StripeStandIn.instance().putCharge(charge, StripeFixtures.cardCharge(charge, customer, paymentIntent, 9_900,
                StripeFixtures.unique("fp")));
        String eventId = StripeFixtures.unique("evt");
        probeWhile(r -> r.path().equals("/v1/charges/" + charge), null,
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
        StripeStandIn.instance().putSubscription(subscription, StripeFixtures.subscription(subscription, customer,
                "active", "price_team_monthly", periodEnd, tenant.id));
        probeWhile(r -> r.path().equals("/v1/subscriptions/" + subscription), tenant, SUBSCRIPTION_ROW);

        StripeWebhookSender.post(StripeFixtures.event(StripeFixtures.unique("evt"), "customer.subscription.updated",
                second, StripeFixtures.subscription(subscription, customer, "unpaid", "price_team_monthly", periodEnd,
                        tenant.id))).then().statusCode(200);

        assertNothingHeld(1);
        assertEquals(pro.dailydoco.billing.events.SubscriptionStatus.ACTIVE,
                scopedWork.asTenant(tenant.id, () -> Subscription.current().orElseThrow().status),
                "the tie applies Stripe's current state");
    }
}
