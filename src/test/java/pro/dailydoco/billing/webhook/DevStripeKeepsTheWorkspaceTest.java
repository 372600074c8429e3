package pro.dailydoco.billing.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.UUID;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import pro.dailydoco.billing.events.Plan;
import pro.dailydoco.support.TestTenants;
import pro.dailydoco.tenant.Tenant;

/**
 * The dev page for sample Stripe events (dev builds only, so its parts are exercised here directly): after a send it
 * comes back with the same workspace, event, plan and status chosen, not the first workspace of the list.
 */
@QuarkusTest
class DevStripeKeepsTheWorkspaceTest {

    @Test
    void afterASendTheChosenWorkspaceStaysChosen() {
        Tenant first = TestTenants.create("devstripe-a");
        Tenant second = TestTenants.create("devstripe-b");
        String back = DevStripeResource.Chosen.of(second.id, "invoice.paid", "PRO", "active").query();
        assertEquals("/dev/stripe?tenantId=" + second.id + "&type=invoice.paid&plan=PRO&status=active", back);

        java.net.URI uri = java.net.URI.create(back);
        java.util.Map<String, String> query = new java.util.HashMap<>();
        for (String pair : uri.getQuery().split("&")) {
            query.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        String html = DevStripeResource.Templates.replay(List.of(first, second), DevStripeResource.TYPES,
                List.of(Plan.PRO, Plan.TEAM, Plan.ENTERPRISE), DevStripeResource.STATUSES,
                DevStripeResource.Chosen.of(UUID.fromString(query.get("tenantId")), query.get("type"), query.get("plan"),
                        query.get("status"))).render();
        Document page = Jsoup.parse(html);
        assertEquals(second.id.toString(), page.select("#tenantId option[selected]").attr("value"));
        assertEquals("invoice.paid", page.select("#type option[selected]").attr("value"));
        assertEquals("PRO", page.select("#plan option[selected]").attr("value"));
        assertEquals("active", page.select("#status option[selected]").attr("value"));
    }

    @Test
    void withNothingChosenTheFormStartsAsBefore() {
        DevStripeResource.Chosen none = DevStripeResource.Chosen.of(null, "no-such-type", null, "nonsense");
        assertEquals(new DevStripeResource.Chosen(null, null, "TEAM", null), none, "Team is the default plan");
    }
}
