package pro.dailydoco.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.test.junit.QuarkusTest;
import pro.dailydoco.billing.events.Plan;
import pro.dailydoco.billing.events.SubscriptionStatus;
import pro.dailydoco.support.TestTenants;
import pro.dailydoco.tenant.Tenant;

/**
 * The test run has Stripe keys, so the page without them is rendered directly: it says Stripe isn't configured
 * and disables every button (the server refuses too, see {@link BillingUnconfiguredTest}).
 */
@QuarkusTest
class BillingPageUnconfiguredTest {

    @Test
    void withoutStripeThePageSaysSoAndDisablesCheckoutAndPortal() {
        Document page = renderUnconfigured(TestTenants.create("bui-nostripe"), false);
        assertTrue(page.getElementById("stripe-unconfigured").text().contains("isn't available yet"));
        assertEquals(3, page.select("form[action$=/billing/checkout] button[disabled]").size());
        assertTrue(page.selectFirst("button:contains(Manage card)").hasAttr("disabled"));
        assertTrue(page.getElementById("portal-hint").text().contains("isn't available yet"));
    }

    /** The billing page of a Free workspace (or a Team one past due) on a server without Stripe keys. */
    static Document renderUnconfigured(Tenant tenant, boolean pastDue) {
        Plan plan = pastDue ? Plan.TEAM : Plan.FREE;
        Instant now = Instant.now();
        Entitlements.Standing standing = new Entitlements.Standing(plan,
                pastDue ? Optional.of(SubscriptionStatus.PAST_DUE) : Optional.empty(),
                pastDue ? Optional.of(Plan.TEAM) : Optional.empty(), Optional.empty(),
                pastDue ? Optional.of(now.plusSeconds(86_400)) : Optional.empty(), Optional.empty());
        List<BillingOverview.Offer> offers = Arrays.stream(Plan.values())
                .map(p -> new BillingOverview.Offer(p, plan, Plan.FREE, false)).toList();
        BillingOverview.View view = new BillingOverview.View(plan, standing, Optional.empty(),
                List.of(new BillingOverview.UsageRow("Seats", 1, plan.seats(), null)), offers, false, now);
        ManagedContext requestContext = Arc.container().requestContext();
        requestContext.activate();
        try {
            return Jsoup.parse(BillingResource.Templates.billing(tenant, view, false, true).render());
        } finally {
            requestContext.terminate();
        }
    }
}
