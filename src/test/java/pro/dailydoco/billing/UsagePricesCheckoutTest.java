package pro.dailydoco.billing;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import pro.dailydoco.billing.events.Plan;
import pro.dailydoco.support.TestTenants;
import pro.dailydoco.tenant.ScopedWork;
import pro.dailydoco.tenant.Tenant;

/** The usage prices ride along with a plan bought through Checkout, and never pass for the plan. */
@QuarkusTest
class UsagePricesCheckoutTest {

    private static final String CALLS = "price_api_calls_overage";
    private static final String MINUTES = "price_video_minutes_overage";

    @Inject
    UsagePrices usagePrices;

    @Inject
    ScopedWork scopedWork;

    @Test
    void checkoutForAPlanAddsTheMeteredUsagePricesWithoutAQuantity() {
        Tenant tenant = TestTenants.create("usage-checkout");
        String url = TestCustomers.checkout(tenant, Plan.TEAM);
        assertTrue(url.startsWith("https://checkout.stripe.com/"), url);

        List<LoggedRequest> sessions = StripeWireMock.instance().findAll(postRequestedFor(urlPathEqualTo("/v1/checkout/sessions"))
                .withFormParam("client_reference_id", equalTo(tenant.id.toString())));
        assertEquals(1, sessions.size());
        LoggedRequest session = sessions.get(0);
        assertEquals("price_team_monthly", form(session, "line_items[0][price]"), "the plan first");
        assertEquals("1", form(session, "line_items[0][quantity]"));
        assertEquals(CALLS, form(session, "line_items[1][price]"));
        assertEquals(MINUTES, form(session, "line_items[2][price]"));
        assertFalse(session.formParameters().containsKey("line_items[1][quantity]"), "Stripe refuses a quantity on a metered price");
        assertFalse(session.formParameters().containsKey("line_items[2][quantity]"));
        assertFalse(session.formParameters().containsKey("line_items[3][price]"));
    }

    @Test
    void aSubscriptionWhoseFirstItemIsAUsagePriceStillGetsItsPlan() {
        Tenant tenant = TestTenants.create("usage-items");
        String customer = TestCustomers.customerFor(tenant, Plan.TEAM);
        String id = StripeFixtures.unique("sub");
        ObjectNode subscription = (ObjectNode) StripeShapes.read(StripeFixtures.subscription(id, customer, "active",
                "price_team_monthly", Instant.now().plus(30, ChronoUnit.DAYS), tenant.id));
        ArrayNode items = (ArrayNode) subscription.path("items").path("data");
        for (String usage : List.of(MINUTES, CALLS)) {
            ObjectNode item = items.get(0).deepCopy();
            item.put("id", "si_" + usage);
            ((ObjectNode) item.path("price")).put("id", usage);
            ((ObjectNode) item.path("plan")).put("id", usage);
            items.insert(0, item);
        }
        StripeWebhookSender.post(StripeFixtures.event(StripeFixtures.unique("evt"), "customer.subscription.created",
                Instant.now(), StripeShapes.write(subscription))).then().statusCode(200);

        Subscription row = scopedWork.asTenant(tenant.id, () -> Subscription.current().orElseThrow());
        assertEquals(Plan.TEAM, row.plan);
        assertEquals("price_team_monthly", row.priceId);
    }

    @Test
    void theUsagePricesAreKnownAsUsageRevenueAndNoPlanPriceIs() {
        assertTrue(usagePrices.isUsagePrice(CALLS));
        assertTrue(usagePrices.isUsagePrice(MINUTES));
        assertFalse(usagePrices.isUsagePrice("price_team_monthly"));
        assertFalse(usagePrices.isUsagePrice(null));
        assertEquals(List.of(CALLS, MINUTES), usagePrices.checkoutPrices());
    }

    private static String form(LoggedRequest request, String name) {
        return request.formParameters().containsKey(name) ? request.formParameters().get(name).firstValue() : null;
    }
}
