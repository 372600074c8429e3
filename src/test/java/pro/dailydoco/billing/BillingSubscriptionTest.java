package pro.dailydoco.billing;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import pro.dailydoco.billing.events.Plan;
import pro.dailydoco.billing.events.SubscriptionStatus;
import pro.dailydoco.support.TestClock;
import pro.dailydoco.support.TestTenants;
import pro.dailydoco.tenant.ScopedWork;
import pro.dailydoco.tenant.Tenant;

/** Checkout, the Customer Portal, and how signed subscription events move a tenant between plans. */
@QuarkusTest
class BillingSubscriptionTest {

    @Inject
    BillingService billing;

    @Inject
    Entitlements entitlements;

    @Inject
    ScopedWork scopedWork;

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private String checkout(Tenant tenant, Plan plan) {
        return TestCustomers.checkout(tenant, plan);
    }

    /** A tenant with a customer and an active subscription to {@code price}, created at {@code created}. */
    private record Subscribed(Tenant tenant, String customer, String subscription) {
    }

    private Subscribed subscribed(String prefix, String price, Instant created) {
        Tenant tenant = TestTenants.create(prefix);
        String customer = TestCustomers.customerFor(tenant, Plan.TEAM);
        String subscription = StripeFixtures.unique("sub");
        sendSubscription("customer.subscription.created", created, subscription, customer, "active", price, tenant);
        return new Subscribed(tenant, customer, subscription);
    }

    private String customerOf(Tenant tenant) {
        return scopedWork.asTenant(tenant.id, () -> Subscription.current().orElseThrow().stripeCustomerId);
    }

    private Subscription subscriptionOf(Tenant tenant) {
        return scopedWork.asTenant(tenant.id, () -> Subscription.current().orElseThrow());
    }

    private void sendSubscription(String type, Instant created, String subscription, String customer, String status,
            String price, Tenant tenant) {
        String object = StripeFixtures.subscription(subscription, customer, status, price,
                Instant.now().plus(30, ChronoUnit.DAYS), tenant.id);
        StripeWebhookSender.post(StripeFixtures.event(StripeFixtures.unique("evt"), type, created, object))
                .then().statusCode(200);
    }

    @Test
    void checkoutCreatesTheCustomerFirstAndOpensASubscriptionSessionForTheTenant() {
        Tenant tenant = TestTenants.create("bill-co");
        String url = checkout(tenant, Plan.TEAM);
        assertTrue(url.startsWith("https://checkout.stripe.com/"), url);

        StripeWireMock.instance().verify(1, postRequestedFor(urlPathEqualTo("/v1/customers"))
                .withFormParam("metadata[tenant_id]", equalTo(tenant.id.toString()))
                .withHeader("Idempotency-Key", equalTo("customer-" + tenant.id))
                .withHeader("Authorization", equalTo("Bearer sk_test_stand_in")));

        StripeWireMock.instance().verify(1, postRequestedFor(urlPathEqualTo("/v1/checkout/sessions"))
                .withFormParam("client_reference_id", equalTo(tenant.id.toString()))
                .withFormParam("mode", equalTo("subscription"))
                .withFormParam("customer", equalTo(customerOf(tenant)))
                .withFormParam("metadata[tenant_id]", equalTo(tenant.id.toString()))
                .withFormParam("subscription_data[metadata][tenant_id]", equalTo(tenant.id.toString()))
                .withFormParam("line_items[0][price]", equalTo("price_team_monthly"))
                // stripe-java's own key, the same on each of its retries: a retried call opens one session
                .withHeader("Idempotency-Key", matching("[0-9a-f-]{36}")));

        checkout(tenant, Plan.PRO);
        StripeWireMock.instance().verify(1, postRequestedFor(urlPathEqualTo("/v1/customers"))
                .withFormParam("metadata[tenant_id]", equalTo(tenant.id.toString())));
    }

    @Test
    void aCheckoutRetriedAfterAStripeErrorKeepsItsIdempotencyKeySoStripeOpensOneSession() {
        Tenant tenant = TestTenants.create("bill-co-retry");
        StripeWireMock.instance().failOnceWith500(post(urlPathEqualTo("/v1/checkout/sessions"))
                .withFormParam("client_reference_id", equalTo(tenant.id.toString())));
        String url = checkout(tenant, Plan.TEAM);
        assertTrue(url.startsWith("https://checkout.stripe.com/"), url);

        List<LoggedRequest> tries = StripeWireMock.instance().findAll(postRequestedFor(
                urlPathEqualTo("/v1/checkout/sessions"))
                .withFormParam("client_reference_id", equalTo(tenant.id.toString())));
        assertEquals(2, tries.size(), "the 500 is retried once");
        assertNotNull(tries.get(0).getHeader("Idempotency-Key"));
        assertEquals(tries.get(0).getHeader("Idempotency-Key"), tries.get(1).getHeader("Idempotency-Key"));
    }

    @Test
    void thePortalOpensForTheTenantsOwnCustomer() {
        Tenant tenant = TestTenants.create("bill-portal");
        checkout(tenant, Plan.PRO);
        String customer = customerOf(tenant);
        String url = scopedWork.inScope(tenant.id, null, () -> billing.openPortal(tenant.id, null, "https://app.example/back"));
        assertTrue(url.startsWith("https://billing.stripe.com/"), url);
        StripeWireMock.instance().verify(1, postRequestedFor(urlPathEqualTo("/v1/billing_portal/sessions"))
                .withFormParam("customer", equalTo(customer))
                .withFormParam("return_url", equalTo("https://app.example/back"))
                .withHeader("Idempotency-Key", matching("[0-9a-f-]{36}")));
    }

    @Test
    void signedWebhooksMoveAFreeTenantToTeamAfterCheckout() {
        Tenant tenant = TestTenants.create("bill-up");
        assertEquals(Plan.FREE, entitlements.effectivePlan(tenant.id));
        checkout(tenant, Plan.TEAM);
        String customer = customerOf(tenant);
        String subscription = StripeFixtures.unique("sub");
        Instant now = Instant.now();

        StripeWebhookSender.post(StripeFixtures.event(StripeFixtures.unique("evt"), "checkout.session.completed", now,
                StripeFixtures.checkoutSession(StripeFixtures.unique("cs_test"), tenant.id, customer, subscription)))
                .then().statusCode(200);
        sendSubscription("customer.subscription.created", now, subscription, customer, "active", "price_team_monthly",
                tenant);

        assertEquals(Plan.TEAM, entitlements.effectivePlan(tenant.id));
        Subscription state = subscriptionOf(tenant);
        assertEquals(SubscriptionStatus.ACTIVE, state.status);
        assertEquals(subscription, state.stripeSubscriptionId);
        assertTrue(state.currentPeriodEnd.isAfter(now.plus(29, ChronoUnit.DAYS)), "period end read from the item");
    }

    @Test
    void anOlderSubscriptionEventNeverOverwritesANewerOne() {
        Tenant tenant = TestTenants.create("bill-order");
        checkout(tenant, Plan.TEAM);
        String customer = customerOf(tenant);
        String subscription = StripeFixtures.unique("sub");
        Instant t0 = Instant.now().minusSeconds(60);

        sendSubscription("customer.subscription.updated", t0.plusSeconds(20), subscription, customer, "active",
                "price_enterprise_monthly", tenant);
        // Delivered late: created earlier, when the tenant was still on Pro.
        sendSubscription("customer.subscription.created", t0, subscription, customer, "active", "price_pro_monthly",
                tenant);

        assertEquals(Plan.ENTERPRISE, entitlements.effectivePlan(tenant.id));
        assertEquals(t0.plusSeconds(20).truncatedTo(ChronoUnit.SECONDS), subscriptionOf(tenant).lastEventCreated);
    }

    @Test
    void onATieTheSubscriptionIsReadFromStripe() {
        Tenant tenant = TestTenants.create("bill-tie");
        checkout(tenant, Plan.TEAM);
        String customer = customerOf(tenant);
        String subscription = StripeFixtures.unique("sub");
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        StripeWireMock.instance().putSubscription(subscription, StripeFixtures.subscription(subscription, customer,
                "active", "price_pro_yearly", t.plus(365, ChronoUnit.DAYS), tenant.id));

        sendSubscription("customer.subscription.updated", t, subscription, customer, "active", "price_team_monthly",
                tenant);
        sendSubscription("customer.subscription.updated", t, subscription, customer, "canceled", "price_team_monthly",
                tenant);

        StripeWireMock.instance().verify(1, getRequestedFor(urlPathEqualTo("/v1/subscriptions/" + subscription)));
        assertEquals(Plan.PRO, entitlements.effectivePlan(tenant.id), "Stripe's current state wins the tie");
    }

    @Test
    void aFailedPaymentGivesAGracePeriodThenFreeLimitsAndDeletesNothing() {
        Instant t0 = Instant.now().minusSeconds(120);
        Subscribed s = subscribed("bill-dunning", "price_team_monthly", t0);
        Tenant tenant = s.tenant();
        String customer = s.customer();
        String subscription = s.subscription();

        String invoice = StripeFixtures.unique("in");
        StripeWebhookSender.post(StripeFixtures.event(StripeFixtures.unique("evt"), "invoice.payment_failed",
                t0.plusSeconds(60), StripeFixtures.invoice(invoice, customer, subscription, "open", 0, 0, "usd",
                        StripeFixtures.unique("pi")))).then().statusCode(200);
        sendSubscription("customer.subscription.updated", t0.plusSeconds(61), subscription, customer, "past_due",
                "price_team_monthly", tenant);

        assertEquals(Invoice.Status.FAILED,
                scopedWork.asTenant(tenant.id, () -> Invoice.findByStripeId(invoice).orElseThrow().status));
        Entitlements.Standing standing = entitlements.standing(tenant.id);
        assertEquals(Plan.TEAM, standing.effectivePlan(), "within the grace period the plan still holds");
        assertTrue(standing.paymentNeedsAttention());

        clock.advance(Duration.ofDays(7).plusMinutes(5));
        standing = entitlements.standing(tenant.id);
        assertEquals(Plan.FREE, standing.effectivePlan(), "after the grace period: Free limits");
        assertFalse(standing.paymentNeedsAttention());
        assertEquals(Plan.TEAM, subscriptionOf(tenant).plan, "the subscription itself is kept");

        clock.reset(); // the webhook's signature is checked against "now" too

        sendSubscription("customer.subscription.updated", t0.plusSeconds(90), subscription, customer, "active",
                "price_team_monthly", tenant);
        assertEquals(Plan.TEAM, entitlements.effectivePlan(tenant.id), "a fixed card restores the plan");
        assertNull(subscriptionOf(tenant).pastDueSince);
    }

    @Test
    void aDeletedSubscriptionFallsBackToFreeButAPlanOverrideWins() {
        Instant t0 = Instant.now().minusSeconds(60);
        Subscribed s = subscribed("bill-cancel", "price_pro_monthly", t0);
        Tenant tenant = s.tenant();
        String customer = s.customer();
        String subscription = s.subscription();
        assertEquals(Plan.PRO, entitlements.effectivePlan(tenant.id));
        sendSubscription("customer.subscription.deleted", t0.plusSeconds(30), subscription, customer, "canceled",
                "price_pro_monthly", tenant);
        assertEquals(Plan.FREE, entitlements.effectivePlan(tenant.id));

        QuarkusTransaction.requiringNew().run(() -> Tenant.<Tenant> findById(tenant.id).planOverride = "ENTERPRISE");
        assertEquals(Plan.ENTERPRISE, entitlements.effectivePlan(tenant.id));
    }

    @Test
    void anotherTenantsSubscriptionIsInvisible() {
        Tenant a = TestTenants.create("bill-iso-a");
        Tenant b = TestTenants.create("bill-iso-b");
        checkout(a, Plan.TEAM);
        UUID bId = b.id;
        assertTrue(scopedWork.asTenant(bId, Subscription::current).isEmpty());
    }
}
