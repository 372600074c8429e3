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
        Tenant tenant = TestTenants.create("bui-nostripe");
        Entitlements.Standing standing = new Entitlements.Standing(Plan.FREE, Optional.empty(), Optional.empty(), false,
                Optional.empty(), Optional.empty());
        List<BillingOverview.Offer> offers = Arrays.stream(Plan.values())
                .map(p -> new BillingOverview.Offer(p, p == Plan.FREE, false)).toList();
        BillingOverview.View view = new BillingOverview.View(Plan.FREE, standing, Optional.empty(),
                List.of(new BillingOverview.UsageRow("Seats", 1, 1, null)), offers, false, Instant.now());

        ManagedContext requestContext = Arc.container().requestContext();
        requestContext.activate();
        String html;
        try {
            html = BillingResource.Templates.billing(tenant, view, false).render();
        } finally {
            requestContext.terminate();
        }
        Document page = Jsoup.parse(html);
        assertTrue(page.getElementById("stripe-unconfigured").text().contains("Stripe isn't configured"));
        assertEquals(3, page.select("form[action$=/billing/checkout] button[disabled]").size());
        assertTrue(page.selectFirst("button:contains(Manage card)").hasAttr("disabled"));
        assertTrue(page.getElementById("portal-hint").text().contains("Stripe isn't configured"));
    }
}
