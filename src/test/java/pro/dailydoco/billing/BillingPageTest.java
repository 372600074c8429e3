package pro.dailydoco.billing;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import pro.dailydoco.account.Role;
import pro.dailydoco.billing.events.Plan;
import pro.dailydoco.billing.webhook.SampleStripeEvents;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;
import pro.dailydoco.support.TestClock;
import pro.dailydoco.support.TestTenants;
import pro.dailydoco.tenant.ScopedWork;
import pro.dailydoco.tenant.Tenant;

/** The billing page, Checkout and the Portal from the browser, and the dunning banner on workspace pages. */
@QuarkusTest
class BillingPageTest {

    @Inject
    TestClock clock;

    @Inject
    ScopedWork scopedWork;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static String billing(Tenant tenant) {
        return "/t/" + tenant.slug + "/billing";
    }

    /** Sends the sample events a real upgrade produces: checkout completed, then the active subscription. */
    private SampleStripeEvents.Ids subscribe(Tenant tenant, String customer, String price, Instant at) {
        SampleStripeEvents.Ids ids = SampleStripeEvents.Ids.of(tenant.id, customer);
        StripeWebhookSender.post(SampleStripeEvents.checkoutCompleted(ids, at)).then().statusCode(200);
        StripeWebhookSender.post(SampleStripeEvents.subscriptionUpdated(ids, price, "active", at.plusSeconds(1)))
                .then().statusCode(200);
        return ids;
    }

    private String customerOf(Tenant tenant) {
        return scopedWork.asTenant(tenant.id, () -> Subscription.current().map(s -> s.stripeCustomerId).orElse(null));
    }

    @Test
    void billingPageIsForOwnersAdminsAndBillingMembersOnly() {
        Tenant tenant = TestTenants.create("bui-roles");
        for (Role role : List.of(Role.OWNER, Role.ADMIN, Role.BILLING)) {
            Response page = Accounts.signedInMember(tenant, role).get(billing(tenant));
            assertEquals(200, page.statusCode(), role + " sees billing");
            assertTrue(page.asString().contains("Manage card, plan or cancel"));
        }
        Browser member = Accounts.signedInMember(tenant, Role.MEMBER);
        assertEquals(403, member.get(billing(tenant)).statusCode());
        assertEquals(403, member.get(billing(tenant) + "/invoices").statusCode());
        assertEquals(403, member.post(billing(tenant) + "/checkout", "plan", "TEAM").statusCode());

        Browser outsider = Accounts.signedInMember(TestTenants.create("bui-other"), Role.OWNER);
        assertEquals(404, outsider.get(billing(tenant)).statusCode());
        assertEquals(404, outsider.post(billing(tenant) + "/portal").statusCode());
    }

    @Test
    void freeWorkspaceShowsItsPlanUsageBarsAndPricedPlans() {
        Tenant tenant = TestTenants.create("bui-free");
        Document page = Browser.html(Accounts.signedInMember(tenant, Role.OWNER).get(billing(tenant)));
        assertTrue(page.selectFirst(".current-plan").text().contains("Free"));
        List<String> usage = page.select(".usage li").eachText();
        assertEquals(4, usage.size(), usage.toString());
        assertTrue(usage.get(0).startsWith("Seats 1 of 1"), usage.toString());
        assertTrue(usage.get(1).contains("0 of 3"), usage.toString());
        assertTrue(usage.get(2).contains("0 of 60"), usage.toString());
        assertTrue(usage.get(3).contains("0 of 1,000") && usage.get(3).contains("through your API keys"), usage.toString());
        Element seatsBar = page.selectFirst(".usage meter");
        assertEquals("1", seatsBar.attr("max"));
        assertNotNull(page.getElementById(seatsBar.attr("aria-labelledby")), "each bar is labelled");
        assertTrue(page.select(".plans").text().contains("$99"), "prices come from the catalogue");
        assertTrue(page.selectFirst("button:contains(Manage card)").hasAttr("disabled"),
                "no customer yet: the portal button is disabled");
        assertTrue(page.select("form[action$=/billing/checkout] button").stream().noneMatch(b -> b.hasAttr("disabled")));
    }

    @Test
    void upgradeGoesThroughCheckoutAndSignedWebhooksMoveTheWorkspaceToTeam() {
        Tenant tenant = TestTenants.create("bui-upgrade");
        Browser owner = Accounts.signedInMember(tenant, Role.OWNER);
        owner.get(billing(tenant));
        Response checkout = owner.post(billing(tenant) + "/checkout", "plan", "TEAM");
        assertEquals(303, checkout.statusCode(), checkout.asString());
        assertTrue(checkout.getHeader("Location").startsWith("https://checkout.stripe.com/"));

        StripeWireMock.instance().verify(1, postRequestedFor(urlPathEqualTo("/v1/checkout/sessions"))
                .withFormParam("client_reference_id", equalTo(tenant.id.toString()))
                .withFormParam("metadata[tenant_id]", equalTo(tenant.id.toString()))
                .withFormParam("subscription_data[metadata][tenant_id]", equalTo(tenant.id.toString()))
                .withFormParam("line_items[0][price]", equalTo("price_team_monthly"))
                // return addresses come from the configured base URL
                .withFormParam("success_url", matching("http://localhost:8080/t/" + tenant.slug + "/billing.*")));

        subscribe(tenant, customerOf(tenant), "price_team_monthly", Instant.now().minusSeconds(30));

        Document page = Browser.html(owner.get(billing(tenant)));
        assertTrue(page.selectFirst(".current-plan").text().contains("Team"), page.selectFirst(".current-plan").text());
        List<String> usage = page.select(".usage li").eachText();
        assertTrue(usage.get(0).contains("1 of 10"), usage.toString());
        assertTrue(usage.get(1).contains("0 of 100"), usage.toString());
        assertTrue(page.select(".facts").text().contains("Active"));
        assertTrue(owner.get("/t/" + tenant.slug + "/members").asString().contains("on the Team plan"),
                "seat limits follow the subscription");

        Response portal = owner.post(billing(tenant) + "/portal");
        assertEquals(303, portal.statusCode(), portal.asString());
        assertTrue(portal.getHeader("Location").startsWith("https://billing.stripe.com/"));
        StripeWireMock.instance().verify(1, postRequestedFor(urlPathEqualTo("/v1/billing_portal/sessions"))
                .withFormParam("customer", equalTo(customerOf(tenant))));
    }

    @Test
    void portalNeedsASubscriptionFirst() {
        Tenant tenant = TestTenants.create("bui-noportal");
        Browser admin = Accounts.signedInMember(tenant, Role.ADMIN);
        admin.get(billing(tenant));
        assertEquals(409, admin.post(billing(tenant) + "/portal").statusCode());
    }

    @Test
    void failedPaymentShowsTheBannerToBillingManagersThenFreeLimitsAfterGrace() {
        Tenant tenant = TestTenants.create("bui-dunning");
        String adminEmail = Accounts.createMember(tenant, Role.ADMIN);
        Browser admin = new Browser();
        Accounts.signIn(admin, adminEmail, Accounts.PASSWORD);
        Browser member = Accounts.signedInMember(tenant, Role.MEMBER);
        TestCustomers.checkout(tenant, Plan.TEAM);
        Instant t0 = Instant.now().minusSeconds(60);
        SampleStripeEvents.Ids ids = subscribe(tenant, customerOf(tenant), "price_team_monthly", t0);
        StripeWebhookSender.post(SampleStripeEvents.invoice(ids, false, Plan.TEAM.monthlyPrice(),
                SampleStripeEvents.newId("in"), SampleStripeEvents.newId("pi"), t0.plusSeconds(10))).then().statusCode(200);
        StripeWebhookSender.post(SampleStripeEvents.subscriptionUpdated(ids, "price_team_monthly", "past_due",
                t0.plusSeconds(11))).then().statusCode(200);

        Element banner = Browser.html(admin.get("/t/" + tenant.slug + "/projects")).getElementById("dunning-banner");
        assertNotNull(banner, "admins see the banner on every workspace page");
        assertTrue(banner.text().contains("The last payment failed"), banner.text());
        assertNotNull(banner.selectFirst("form[action=/t/" + tenant.slug + "/billing/portal] input[name=_csrf]"));
        assertNull(Browser.html(member.get("/t/" + tenant.slug + "/projects")).getElementById("dunning-banner"),
                "members who cannot manage billing do not");
        assertTrue(Browser.html(admin.get(billing(tenant))).selectFirst(".current-plan").text().contains("Team"),
                "the plan holds during the grace period");

        clock.advance(Duration.ofDays(8));
        Browser adminLater = new Browser(); // sessions expired while the clock moved on
        Accounts.signIn(adminLater, adminEmail, Accounts.PASSWORD);
        Document later = Browser.html(adminLater.get(billing(tenant)));
        assertTrue(later.getElementById("dunning-banner").text().contains("Free plan limits apply since"));
        assertTrue(later.selectFirst(".current-plan").text().contains("Free"));
        assertTrue(later.select(".usage li").eachText().get(1).contains("of 3"));
    }

    @Test
    void noCountdownBannerWhenTheOperatorOverridesThePlan() {
        Tenant tenant = TestTenants.create("bui-override");
        Browser admin = Accounts.signedInMember(tenant, Role.ADMIN);
        TestCustomers.checkout(tenant, Plan.TEAM);
        // The operator sets Team after the subscription started (Checkout for Team is refused once it is set).
        QuarkusTransaction.requiringNew().run(() -> Tenant.update("planOverride = 'TEAM' where id = ?1", tenant.id));
        SampleStripeEvents.Ids ids = subscribe(tenant, customerOf(tenant), "price_team_monthly",
                Instant.now().minusSeconds(60));
        StripeWebhookSender.post(SampleStripeEvents.subscriptionUpdated(ids, "price_team_monthly", "past_due",
                Instant.now().minusSeconds(30))).then().statusCode(200);
        Document page = Browser.html(admin.get(billing(tenant)));
        assertNull(page.getElementById("dunning-banner"), "the lapse changes nothing: the override is as high");
        assertTrue(page.selectFirst(".current-plan").text().contains("platform operator"));
        assertTrue(page.selectFirst(".payment-warning").text().contains("keeps the Team plan"),
                "the failed payment is still said");
    }

    @Test
    void invoicesPageListsPaidAndFailedInvoicesFromWebhooks() {
        Tenant tenant = TestTenants.create("bui-invoices");
        Browser billingMember = Accounts.signedInMember(tenant, Role.BILLING);
        Document empty = Browser.html(billingMember.get(billing(tenant) + "/invoices"));
        assertTrue(empty.selectFirst(".empty-state").text().contains("No invoices yet"));

        TestCustomers.checkout(tenant, Plan.TEAM);
        SampleStripeEvents.Ids ids = subscribe(tenant, customerOf(tenant), "price_team_monthly",
                Instant.now().minusSeconds(120));
        String paid = SampleStripeEvents.newId("in");
        String failed = SampleStripeEvents.newId("in");
        StripeWebhookSender.post(SampleStripeEvents.invoice(ids, true, Plan.TEAM.monthlyPrice(), paid,
                SampleStripeEvents.newId("pi"), Instant.now().minusSeconds(60))).then().statusCode(200);
        StripeWebhookSender.post(SampleStripeEvents.invoice(ids, false, Plan.PRO.monthlyPrice(), failed,
                SampleStripeEvents.newId("pi"), Instant.now().minusSeconds(30))).then().statusCode(200);

        Document page = Browser.html(billingMember.get(billing(tenant) + "/invoices"));
        List<String> rows = page.select("tbody tr").eachText();
        assertEquals(2, rows.size(), rows.toString());
        assertTrue(rows.get(0).contains("$29") && rows.get(0).contains("Payment failed"), "newest first: " + rows);
        assertTrue(rows.get(1).contains("$99") && rows.get(1).contains("Paid"), rows.toString());
        assertEquals("https://invoice.stripe.com/i/sample/" + paid,
                page.select("tbody tr").get(1).selectFirst("a").attr("href"));
    }
}
