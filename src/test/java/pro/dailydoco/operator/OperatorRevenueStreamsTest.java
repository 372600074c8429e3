package pro.dailydoco.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import pro.dailydoco.account.Role;
import pro.dailydoco.billing.AddOnInvoices;
import pro.dailydoco.billing.StripeFixtures;
import pro.dailydoco.billing.StripeWebhookSender;
import pro.dailydoco.billing.TestCustomers;
import pro.dailydoco.billing.events.Plan;
import pro.dailydoco.billing.events.RevenueStream;
import pro.dailydoco.referral.CommissionStreams;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;
import pro.dailydoco.support.TestTenants;
import pro.dailydoco.tenant.Tenant;

/**
 * The operator's revenue-by-stream page: a workspace buys an add-on, its invoice is paid, and the page shows that
 * revenue under the add-on's stream (and the plan's under plans); the commission-streams setting is changed there,
 * refused for an unknown stream, and closed to anyone but the operator.
 */
@QuarkusTest
class OperatorRevenueStreamsTest {

    private static final String PAGE = "/operator/analytics/streams";

    @Inject
    CommissionStreams streams;

    @AfterEach
    void restoreTheDefault() {
        streams.change(null, EnumSet.of(RevenueStream.PLAN, RevenueStream.USAGE, RevenueStream.OTHER));
    }

    @Test
    void aPaidAddOnShowsUnderItsOwnStream() {
        Browser operator = Operators.signedIn();
        long supportBefore = total(operator, RevenueStream.PREMIUM_SUPPORT);
        long plansBefore = total(operator, RevenueStream.PLAN);
        long allBefore = allStreams(operator);

        Tenant tenant = TestTenants.create("streams-page");
        String customer = TestCustomers.customerFor(tenant, Plan.TEAM);
        StripeWebhookSender.post(StripeFixtures.event(StripeFixtures.unique("evt"), "invoice.paid", Instant.now(),
                AddOnInvoices.paid(StripeFixtures.unique("in"), customer, 9_900 + 4_900, 0, "price_team_monthly", 9_900,
                        "price_premium_support", 4_900))).then().statusCode(200);

        assertEquals(4_900, total(operator, RevenueStream.PREMIUM_SUPPORT) - supportBefore);
        assertEquals(9_900, total(operator, RevenueStream.PLAN) - plansBefore);
        assertEquals(14_800, allStreams(operator) - allBefore);
        Document page = Browser.html(operator.get(PAGE + "?months=3"));
        assertEquals("No", page.selectFirst("#stream-PREMIUM_SUPPORT td").text(), "excluded from commissions by default");
        assertTrue(page.selectFirst("svg") != null, "the chart is drawn");
    }

    @Test
    void theOperatorChoosesTheCommissionStreamsAndNobodyElseCan() {
        Browser operator = Operators.signedIn();
        operator.get(PAGE);
        Response saved = operator.post(PAGE + "/commission-streams", "stream", "PLAN", "stream", "PREMIUM_SUPPORT");
        assertEquals(303, saved.statusCode());
        assertEquals(Set.of(RevenueStream.PLAN, RevenueStream.PREMIUM_SUPPORT), streams.current().streams());
        Document page = Browser.html(operator.get(PAGE));
        assertTrue(page.selectFirst("#commission-PREMIUM_SUPPORT").hasAttr("checked"));
        assertFalse(page.selectFirst("#commission-USAGE").hasAttr("checked"));

        int version = streams.current().version();
        assertEquals(400, operator.post(PAGE + "/commission-streams", "stream", "PLAN", "stream", "BOGUS").statusCode());
        assertEquals(version, streams.current().version(), "nothing half-written");

        Browser admin = Accounts.signedInMember(TestTenants.create("streams-admin"), Role.OWNER);
        int refused = admin.post(PAGE + "/commission-streams", "stream", "OTHER").statusCode();
        assertTrue(refused == 403 || refused == 404, "refused: " + refused);
        assertEquals(version, streams.current().version());
    }

    private static long total(Browser operator, RevenueStream stream) {
        Document page = Browser.html(operator.get(PAGE + "?months=3"));
        return cents(page.selectFirst("#stream-" + stream.name() + " td:last-child").text());
    }

    private static long allStreams(Browser operator) {
        Document page = Browser.html(operator.get(PAGE + "?months=3"));
        return cents(page.selectFirst("#streams-table tr.total td:last-child").text());
    }

    /** "$1,234.56" → 123456. */
    private static long cents(String money) {
        String digits = money.replace("$", "").replace(",", "").replace(".", "");
        return Long.parseLong(digits);
    }
}
