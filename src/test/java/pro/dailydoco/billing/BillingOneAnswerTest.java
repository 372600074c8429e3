package pro.dailydoco.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import pro.dailydoco.account.Role;
import pro.dailydoco.billing.events.Plan;
import pro.dailydoco.billing.webhook.SampleStripeEvents;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;
import pro.dailydoco.support.TestTenants;
import pro.dailydoco.tenant.ScopedWork;
import pro.dailydoco.tenant.Tenant;

/**
 * One plan in force, read the same way by the billing page, single sign-on, limits and the operator's MRR
 * (docs/decisions/0155-the-plan-in-force-is-the-higher-of-override-and-subscription.md), and a billing page that
 * says what it means: overrides in words, downgrades named so, past-due as a warning.
 */
@QuarkusTest
class BillingOneAnswerTest {

    @Inject
    ScopedWork scopedWork;

    @Inject
    EntityManager entityManager;

    private static String billing(Tenant tenant) {
        return "/t/" + tenant.slug + "/billing";
    }

    private SampleStripeEvents.Ids subscribe(Tenant tenant, Plan plan, String price, String status) {
        String customer = TestCustomers.customerFor(tenant, plan);
        SampleStripeEvents.Ids ids = SampleStripeEvents.Ids.of(tenant.id, customer);
        Instant at = Instant.now().minusSeconds(60);
        StripeWebhookSender.post(SampleStripeEvents.checkoutCompleted(ids, at)).then().statusCode(200);
        StripeWebhookSender.post(SampleStripeEvents.subscriptionUpdated(ids, price, "active", at.plusSeconds(1)))
                .then().statusCode(200);
        if (!status.equals("active")) {
            StripeWebhookSender.post(SampleStripeEvents.subscriptionUpdated(ids, price, status, at.plusSeconds(2)))
                    .then().statusCode(200);
        }
        return ids;
    }

    private long mrrCents(Tenant tenant) {
        return scopedWork.call(tenant.id, null, () -> ((List<?>) entityManager.createNativeQuery(
                "select mrr_cents from analytics_tenant_mrr where subject_tenant_id = ?1")
                .setParameter(1, tenant.id).getResultList()).stream()
                .mapToLong(v -> ((Number) v).longValue()).findFirst().orElse(0L));
    }

    private static String currentOffer(Document page) {
        List<String> current = page.select(".plan.current h3").eachText();
        assertEquals(1, current.size(), "exactly one plan is marked current: " + current);
        return current.get(0);
    }

    @Test
    void anEnterprisePaymentOnATeamOverrideIsEnterpriseOnEveryPageAndCheck() {
        Tenant tenant = TestTenants.withPlan("one-ent", "TEAM");
        Browser owner = Accounts.signedInMember(tenant, Role.OWNER);
        subscribe(tenant, Plan.ENTERPRISE, "price_enterprise_monthly", "active");

        Document page = Browser.html(owner.get(billing(tenant)));
        String current = page.selectFirst(".current-plan").text();
        assertTrue(current.contains("Enterprise") && current.contains("$299"), current);
        assertFalse(current.contains("Team —"), current);
        assertTrue(currentOffer(page).startsWith("Enterprise"), currentOffer(page));
        assertTrue(page.select(".usage li").eachText().get(0).contains("Unlimited"), "seats follow the same plan");

        Response sso = owner.get("/t/" + tenant.slug + "/settings/sso");
        assertEquals(200, sso.statusCode(), "single sign-on is included: " + sso.asString());
        assertEquals(Plan.ENTERPRISE.monthlyPrice().minor(), mrrCents(tenant), "the operator's MRR counts the same plan");
    }

    @Test
    void anOverrideInForceIsSaidInWordsAndNoCheckoutIsOfferedForAPlanThatWouldNotApply() {
        Tenant tenant = TestTenants.withPlan("one-ovr", "TEAM");
        Browser owner = Accounts.signedInMember(tenant, Role.OWNER);
        Document page = Browser.html(owner.get(billing(tenant)));

        String current = page.selectFirst(".current-plan").text();
        assertTrue(current.contains("Team") && current.contains("platform operator"), current);
        List<String> checkoutPlans = page.select("form[action$=/billing/checkout] input[name=plan]").eachAttr("value");
        assertEquals(List.of("ENTERPRISE"), checkoutPlans, "only a plan above the override would change anything");
        Element pro = page.select(".plan").stream().filter(p -> p.selectFirst("h3").text().startsWith("Pro"))
                .findFirst().orElseThrow();
        assertFalse(pro.text().contains("Upgrade"), pro.text());
        assertTrue(pro.text().contains("platform operator"), "the card says why it can't be bought: " + pro.text());

        Response refused = owner.post(billing(tenant) + "/checkout", "plan", "PRO");
        assertEquals(409, refused.statusCode(), "the server refuses it too");
        assertTrue(refused.asString().contains("platform operator"), refused.asString());
    }

    @Test
    void aCheaperPlanIsADowngradeAndADearerOneAnUpgrade() {
        Tenant tenant = TestTenants.create("one-down");
        Browser owner = Accounts.signedInMember(tenant, Role.OWNER);
        subscribe(tenant, Plan.TEAM, "price_team_monthly", "active");
        Document page = Browser.html(owner.get(billing(tenant)));
        for (Element card : page.select(".plan")) {
            String name = card.selectFirst("h3").text();
            if (name.startsWith("Pro") || name.startsWith("Free")) {
                assertFalse(card.text().contains("Upgrade"), card.text());
                assertTrue(card.text().contains("Downgrade"), card.text());
            } else if (name.startsWith("Enterprise")) {
                assertTrue(card.text().contains("Upgrade"), card.text());
            }
        }
        assertTrue(page.select(".facts").text().contains("Renews on"), "an active subscription renews");
    }

    @Test
    void pastDueIsAWarningWithoutRenewalAndFixingTheCardGoesToStripe() {
        Tenant tenant = TestTenants.create("one-due");
        Browser owner = Accounts.signedInMember(tenant, Role.OWNER);
        subscribe(tenant, Plan.TEAM, "price_team_monthly", "past_due");
        Document page = Browser.html(owner.get(billing(tenant)));
        Element warning = page.selectFirst("#billing-title ~ [role=alert], section [role=alert].payment-warning");
        assertNotNull(warning, "past due is announced as a warning on the billing page");
        assertTrue(warning.text().contains("payment failed"), warning.text());
        assertFalse(page.text().contains("Renews on"), "a past-due subscription does not renew");
        assertNotNull(warning.selectFirst("form[action$=/billing/portal] button"), "Stripe is configured: fix it there");
    }

    @Test
    void customersNeverSeeTheOperatorsStripeSetupHint() {
        Tenant tenant = TestTenants.create("one-nostripe");
        Document page = BillingPageUnconfiguredTest.renderUnconfigured(tenant, true);
        assertFalse(page.text().contains("STRIPE_API_KEY"), page.text());
        assertFalse(page.text().contains("operator sets"), page.text());
        assertTrue(page.getElementById("stripe-unconfigured").text().contains("Online payment isn't available yet"));
        Element warning = page.selectFirst("[role=alert].payment-warning");
        assertNotNull(warning, "past due is still a warning");
        assertNull(warning.selectFirst("form[action$=/billing/portal]"), "no link to a Stripe that isn't configured");
    }
}
