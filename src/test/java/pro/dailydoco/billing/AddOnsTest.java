package pro.dailydoco.billing;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import pro.dailydoco.account.Role;
import pro.dailydoco.analytics.StreamRevenue;
import pro.dailydoco.billing.AddOnStripeShapes.Item;
import pro.dailydoco.billing.AddOnStripeShapes.Line;
import pro.dailydoco.billing.addon.AddOnService;
import pro.dailydoco.billing.events.AddOn;
import pro.dailydoco.billing.events.InvoicePaid;
import pro.dailydoco.billing.events.Plan;
import pro.dailydoco.billing.events.RevenueStream;
import pro.dailydoco.core.DomainException;
import pro.dailydoco.core.Money;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;
import pro.dailydoco.support.TestTenants;
import pro.dailydoco.tenant.ScopedWork;
import pro.dailydoco.tenant.Tenant;

/**
 * Add-ons end to end against Stripe played by WireMock in its published shapes: buying one (Checkout, or a new item
 * on the live subscription), the webhooks that grant and take it away, what each grants (seats, white-label), the
 * invoice-terms billing the operator starts, and revenue split by stream.
 */
@QuarkusTest
class AddOnsTest {

    private static final String SUCCESS = "https://app.example/billing/add-ons?checkout=done";
    private static final String CANCEL = "https://app.example/billing/add-ons";

    @Inject
    ScopedWork scopedWork;

    @Inject
    AddOnService addOns;

    @Inject
    PlanSeatLimits seatLimits;

    @Inject
    Entitlements entitlements;

    @Inject
    StreamRevenue streamRevenue;

    @Inject
    RevenueEventsRecorder recorder;

    @Inject
    AddOnGrants grants;

    private Instant clock = Instant.now().minusSeconds(3_600);

    @Test
    void anAddOnBoughtWithoutASubscriptionOpensCheckoutInSubscriptionModeAndGrantsNothingYet() {
        Tenant tenant = TestTenants.create("addon-checkout");
        AddOnService.Purchase purchase = buy(tenant, AddOn.PREMIUM_SUPPORT, 1);

        assertTrue(purchase.checkoutUrl().orElseThrow().startsWith("https://checkout.stripe.com/"));
        StripeWireMock.instance().verify(1, postRequestedFor(urlPathEqualTo("/v1/checkout/sessions"))
                .withFormParam("client_reference_id", equalTo(tenant.id.toString()))
                .withFormParam("mode", equalTo("subscription"))
                .withFormParam("line_items[0][price]", equalTo("price_premium_support"))
                .withFormParam("line_items[0][quantity]", equalTo("1"))
                .withFormParam("subscription_data[metadata][tenant_id]", equalTo(tenant.id.toString())));
        assertEquals(Map.of(), held(tenant), "nothing is granted before Stripe's webhook");
    }

    @Test
    void theAddOnsPageSendsABillingManagerToCheckoutAndRefusesBadInputClearly() {
        Tenant tenant = TestTenants.create("addon-page");
        Browser owner = Accounts.signedInMember(tenant, Role.OWNER);
        String page = "/t/" + tenant.slug + "/billing/add-ons";
        String html = owner.get(page).then().statusCode(200).extract().asString();
        assertTrue(html.contains("Buy Training and certification seats"), html);
        assertTrue(html.contains("Arranged with our sales team"), "the annual licence is not self-serve");

        Response bought = owner.post(page + "/training-seats", "quantity", "4");
        assertEquals(303, bought.statusCode());
        assertTrue(bought.getHeader("Location").startsWith("https://checkout.stripe.com/"), bought.getHeader("Location"));
        StripeWireMock.instance().verify(1, postRequestedFor(urlPathEqualTo("/v1/checkout/sessions"))
                .withFormParam("client_reference_id", equalTo(tenant.id.toString()))
                .withFormParam("line_items[0][price]", equalTo("price_training_seat"))
                .withFormParam("line_items[0][quantity]", equalTo("4")));

        assertEquals(400, owner.post(page + "/training-seats", "quantity", "four").statusCode());
        assertEquals(400, owner.post(page + "/training-seats", "quantity", "0").statusCode());
        assertEquals(404, owner.post(page + "/no-such-add-on").statusCode());
        assertEquals(400, owner.post(page + "/enterprise-licence").statusCode(), "arranged with sales, not bought here");
        Browser member = Accounts.signedInMember(tenant, Role.MEMBER);
        int refused = member.post(page + "/premium-support").statusCode();
        assertTrue(refused == 403 || refused == 404, "a member cannot buy: " + refused);
        StripeWireMock.instance().verify(1, postRequestedFor(urlPathEqualTo("/v1/checkout/sessions"))
                .withFormParam("client_reference_id", equalTo(tenant.id.toString())));
    }

    @Test
    void oneOffWorkIsBoughtThroughCheckoutInPaymentModeWithAnInvoice() {
        Tenant tenant = TestTenants.create("addon-oneoff");
        buy(tenant, AddOn.CUSTOM_INTEGRATION, 1);
        StripeWireMock.instance().verify(1, postRequestedFor(urlPathEqualTo("/v1/checkout/sessions"))
                .withFormParam("client_reference_id", equalTo(tenant.id.toString()))
                .withFormParam("mode", equalTo("payment"))
                .withFormParam("invoice_creation[enabled]", equalTo("true"))
                .withFormParam("line_items[0][price]", equalTo("price_custom_integration")));
    }

    @Test
    void extraSeatsAreAddedToTheLiveSubscriptionAndRaiseTheSeatLimitOnlyOnceTheWebhookSaysSo() {
        Tenant tenant = TestTenants.create("addon-seats");
        String customer = TestCustomers.customerFor(tenant, Plan.TEAM);
        String subscription = StripeFixtures.unique("sub");
        sendSubscription("customer.subscription.created", subscription, customer, "active", tenant,
                List.of(new Item("price_team_monthly", 1)));
        assertEquals(10, seatLimit(tenant));

        AddOnService.Purchase purchase = buy(tenant, AddOn.EXTRA_SEATS, 3);

        assertTrue(purchase.checkoutUrl().isEmpty(), "billed on the subscription's card, no Checkout");
        StripeWireMock.instance().verify(1, postRequestedFor(urlPathEqualTo("/v1/subscription_items"))
                .withFormParam("subscription", equalTo(subscription))
                .withFormParam("price", equalTo("price_extra_seat"))
                .withFormParam("quantity", equalTo("3"))
                .withFormParam("proration_behavior", equalTo("always_invoice")));
        assertEquals(10, seatLimit(tenant), "the click grants nothing");

        // The extra-seats item may come first: the plan is still the item with a plan's price.
        sendSubscription("customer.subscription.updated", subscription, customer, "active", tenant,
                List.of(new Item("price_extra_seat", 3), new Item("price_team_monthly", 1)));
        assertEquals(13, seatLimit(tenant));
        assertEquals(Plan.TEAM, scopedWork.asTenant(tenant.id, () -> entitlements.effectivePlan(tenant.id)));
        assertThrows(DomainException.class, () -> buy(tenant, AddOn.EXTRA_SEATS, 2),
                "an add-on held already changes in the Portal");

        // The subscription ends: the seats go with it (and the plan falls back to Free's one seat).
        sendSubscription("customer.subscription.deleted", subscription, customer, "canceled", tenant,
                List.of(new Item("price_team_monthly", 1), new Item("price_extra_seat", 3)));
        assertEquals(Map.of(), held(tenant));
        assertEquals(1, seatLimit(tenant));
    }

    @Test
    void whiteLabelFromTheWebhookHidesDailyDocoBrandingAndItsRemovalBringsItBack() {
        Tenant tenant = TestTenants.create("addon-white");
        Browser owner = Accounts.signedInMember(tenant, Role.OWNER);
        String customer = TestCustomers.customerFor(tenant, Plan.TEAM);
        String subscription = StripeFixtures.unique("sub");
        String credit = "DailyDoco Pro — documentation projects and videos";
        sendSubscription("customer.subscription.created", subscription, customer, "active", tenant,
                List.of(new Item("price_team_monthly", 1)));
        assertTrue(owner.get("/t/" + tenant.slug + "/billing").asString().contains(credit));
        assertTrue(title(owner, "/t/" + tenant.slug + "/billing").endsWith(" — DailyDoco Pro"));

        sendSubscription("customer.subscription.updated", subscription, customer, "active", tenant,
                List.of(new Item("price_team_monthly", 1), new Item("price_white_label", 1),
                        new Item("price_premium_support", 1)));
        assertEquals(Map.of(AddOn.WHITE_LABEL, 1L, AddOn.PREMIUM_SUPPORT, 1L), held(tenant));
        assertFalse(owner.get("/t/" + tenant.slug + "/billing").asString().contains(credit));
        // Page titles (the browser tab, bookmarks) name the workspace, not DailyDoco.
        for (String path : List.of("/billing", "/billing/add-ons", "/", "/members")) {
            String title = title(owner, "/t/" + tenant.slug + path);
            assertFalse(title.contains("DailyDoco"), path + ": " + title);
            assertTrue(title.contains(tenant.displayName), path + ": " + title);
        }
        String page = owner.get("/t/" + tenant.slug + "/billing/add-ons").then().statusCode(200).extract().asString();
        assertTrue(page.contains("White-label is active"), page);
        assertTrue(page.contains("Premium support is active"), page);

        // Removed in the Portal: the next event no longer lists the item.
        sendSubscription("customer.subscription.updated", subscription, customer, "active", tenant,
                List.of(new Item("price_team_monthly", 1), new Item("price_premium_support", 1)));
        assertEquals(Map.of(AddOn.PREMIUM_SUPPORT, 1L), held(tenant));
        assertTrue(owner.get("/t/" + tenant.slug + "/billing").asString().contains(credit));
        // Another workspace never had it.
        assertEquals(Map.of(), held(TestTenants.create("addon-white-other")));
    }

    @Test
    void theAnnualEnterpriseLicenceIsASubscriptionOnNet30InvoiceTermsAndGrantsEnterprise() {
        Tenant tenant = TestTenants.create("addon-licence");
        String subscription = scopedWork.inScope(tenant.id, null, () -> addOns.startEnterpriseLicence(tenant.id, null));

        StripeWireMock.instance().verify(1, postRequestedFor(urlPathEqualTo("/v1/subscriptions"))
                .withFormParam("collection_method", equalTo("send_invoice"))
                .withFormParam("days_until_due", equalTo("30"))
                .withFormParam("items[0][price]", equalTo("price_enterprise_annual"))
                .withFormParam("metadata[tenant_id]", equalTo(tenant.id.toString())));
        String customer = scopedWork.asTenant(tenant.id, () -> Subscription.current().orElseThrow().stripeCustomerId);
        sendSubscription("customer.subscription.created", subscription, customer, "active", tenant,
                List.of(new Item("price_enterprise_annual", 1)));
        assertEquals(Plan.ENTERPRISE, scopedWork.asTenant(tenant.id, () -> entitlements.effectivePlan(tenant.id)));
    }

    @Test
    void customIntegrationWorkIsInvoicedOnNet30TermsOnce() {
        Tenant tenant = TestTenants.create("addon-invoice");
        String reference = "SOW " + StripeFixtures.unique("sow");
        scopedWork.inScope(tenant.id, null, () -> addOns.invoiceCustomIntegration(tenant.id, null, 4, reference));
        scopedWork.inScope(tenant.id, null, () -> addOns.invoiceCustomIntegration(tenant.id, null, 4, reference));

        StripeWireMock.instance().verify(2, postRequestedFor(urlPathEqualTo("/v1/invoiceitems"))
                .withFormParam("pricing[price]", equalTo("price_custom_integration"))
                .withFormParam("quantity", equalTo("4"))
                .withFormParam("metadata[tenant_id]", equalTo(tenant.id.toString())));
        StripeWireMock.instance().verify(2, postRequestedFor(urlPathEqualTo("/v1/invoices"))
                .withFormParam("collection_method", equalTo("send_invoice"))
                .withFormParam("days_until_due", equalTo("30"))
                .withFormParam("pending_invoice_items_behavior", equalTo("include"))
                .withFormParam("metadata[tenant_id]", equalTo(tenant.id.toString())));
        // Sent twice with the same idempotency keys, so Stripe (and its WireMock) bill it once: one invoice id.
        assertEquals(1, StripeWireMock.instance().findAll(postRequestedFor(urlPathEqualTo("/v1/invoices"))
                .withFormParam("metadata[tenant_id]", equalTo(tenant.id.toString()))).stream()
                .map(r -> r.getHeader("Idempotency-Key")).distinct().count());
        StripeWireMock.instance().verify(2, postRequestedFor(urlPathMatching("/v1/invoices/[^/]+/send")));
    }

    @Test
    void eachPaidInvoiceIsSplitByStreamAndTheSharesAddUpToWhatWasPaidLessTax() {
        Tenant tenant = TestTenants.create("addon-streams");
        String customer = TestCustomers.customerFor(tenant, Plan.TEAM);
        String invoice = StripeFixtures.unique("in");
        // Lines before tax: the plan 9,900 with a proration credit of −3,300; premium support 4,900 less a 490
        // discount; two extra seats 2,000; API usage 1,234; a price no configuration names 500. Weights:
        // plan 6,600, premium support 4,410, extra seats 2,000, usage 1,234, other 500 = 14,744. Paid 15,118 with
        // 1,374 tax (1,000 came from the customer's credit balance): net 13,744, shared in proportion, rounded down
        // (6,152 / 4,110 / 1,864 / 1,150 / 466 = 13,742), the 2 cents left to the largest remainders (premium
        // support 13,200/14,744, then the plan 5,312/14,744).
        send("invoice.paid", AddOnStripeShapes.paidInvoice(invoice, customer, StripeFixtures.unique("sub"), 15_118, 1_374,
                StripeFixtures.unique("pi"), List.of(new Line("price_team_monthly", 9_900, 0),
                        new Line("price_team_monthly", -3_300, 0), new Line("price_premium_support", 4_900, 490),
                        new Line("price_extra_seat", 2_000, 0), new Line("price_api_calls_overage", 1_234, 0),
                        new Line("price_retired_2019", 500, 0))));

        Map<RevenueStream, Long> expected = Map.of(RevenueStream.PLAN, 6_153L, RevenueStream.PREMIUM_SUPPORT, 4_111L,
                RevenueStream.EXTRA_SEATS, 1_864L, RevenueStream.USAGE, 1_150L, RevenueStream.OTHER, 466L);
        Map<RevenueStream, Long> stored = streamRevenue.ofInvoice(invoice);
        assertEquals(expected, stored);
        assertEquals(15_118 - 1_374, stored.values().stream().mapToLong(Long::longValue).sum());
        InvoicePaid event = recorder.of(InvoicePaid.class, tenant.id).get(0);
        assertEquals(Money.usd(4_111), event.netByStream().get(RevenueStream.PREMIUM_SUPPORT));
        assertEquals(event.net(), event.netOf(java.util.EnumSet.allOf(RevenueStream.class)));

        // A replay records nothing twice.
        send("invoice.paid", AddOnStripeShapes.paidInvoice(invoice, customer, StripeFixtures.unique("sub"), 15_118, 1_374,
                StripeFixtures.unique("pi"), List.of(new Line("price_team_monthly", 14_744, 0))));
        assertEquals(expected, streamRevenue.ofInvoice(invoice));
    }

    private AddOnService.Purchase buy(Tenant tenant, AddOn addOn, long quantity) {
        return scopedWork.inScope(tenant.id, null, () -> addOns.buy(tenant.id, null, addOn, quantity, SUCCESS, CANCEL));
    }

    private Map<AddOn, Long> held(Tenant tenant) {
        return scopedWork.asTenant(tenant.id, () -> grants.held());
    }

    private long seatLimit(Tenant tenant) {
        return scopedWork.asTenant(tenant.id, () -> seatLimits.seatLimit(tenant.id));
    }

    private void sendSubscription(String type, String id, String customer, String status, Tenant tenant,
            List<Item> items) {
        clock = clock.plusSeconds(10);
        StripeWebhookSender.post(StripeFixtures.event(StripeFixtures.unique("evt"), type, clock,
                AddOnStripeShapes.subscription(id, customer, status, tenant.id, items))).then().statusCode(200);
    }

    private static void send(String type, String object) {
        StripeWebhookSender.post(StripeFixtures.event(StripeFixtures.unique("evt"), type, Instant.now(), object))
                .then().statusCode(200);
    }

    private static String title(Browser browser, String path) {
        return org.jsoup.Jsoup.parse(browser.get(path).then().statusCode(200).extract().asString()).title();
    }
}
