package pro.dailydoco.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import pro.dailydoco.account.Role;
import pro.dailydoco.billing.metering.PaidWorkspaces;
import pro.dailydoco.core.web.Formats;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;
import pro.dailydoco.support.TestTenants;
import pro.dailydoco.tenant.ScopedWork;
import pro.dailydoco.tenant.Tenant;

/** The billing page's usage this month against the allowance, the overage billed so far and the projection. */
@QuarkusTest
class BillingOveragePageTest {

    private static final Pattern PROJECTION = Pattern.compile(
            "At this pace about ([\\d,]+) by (\\d+ \\w+ \\d{4}): ([\\d,]+) calls past the allowance, about \\$([\\d,]+\\.\\d\\d) on top of the plan\\.");

    @Inject
    ScopedWork scopedWork;

    @Inject
    OverageBilling overage;

    private void apiCallsUsed(Tenant tenant, long calls) {
        scopedWork.run(tenant.id, null, () -> Subscription.getEntityManager()
                .createNativeQuery("insert into api_usage_month (tenant_id, month, calls) values (?1, ?2, ?3)")
                .setParameter(1, tenant.id).setParameter(2, LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1))
                .setParameter(3, calls).executeUpdate());
    }

    private static Element overageSection(Browser browser, Tenant tenant) {
        Document page = Browser.html(browser.get("/t/" + tenant.slug + "/billing"));
        return page.selectFirst("#overage");
    }

    private static long number(String text) {
        return Long.parseLong(text.replace(",", ""));
    }

    @Test
    void aWorkspaceBillingOverageSeesItsUsageTheOverageSoFarAndTheProjectedAmount() {
        Tenant tenant = TestTenants.create("usage-page");
        PaidWorkspaces.subscribeToPro(tenant);
        Browser owner = Accounts.signedInMember(tenant, Role.OWNER);
        owner.get("/t/" + tenant.slug + "/billing");
        assertEquals(303, owner.post("/t/" + tenant.slug + "/billing/overage", "choice", "overage").statusCode());
        apiCallsUsed(tenant, 60_000);
        scopedWork.run(tenant.id, null, () -> overage.bill(tenant.id, Limit.API_CALLS_PER_MONTH, 10_000));

        Element section = overageSection(owner, tenant);
        String text = section.text();
        assertTrue(text.contains("API calls: 60,000 of 50,000 this month, 10,000 past the allowance so far ($5.00)."), text);
        Matcher projection = PROJECTION.matcher(text);
        assertTrue(projection.find(), text);
        long projected = number(projection.group(1));
        long past = number(projection.group(3));
        assertTrue(projected >= 60_000, "never below the use so far: " + projected);
        assertEquals(projected - 50_000, past, "the projected use less the allowance");
        // 50 cents per started thousand (the test profile's price).
        assertEquals(Formats.cents((past + 999) / 1000 * 50), "$" + projection.group(4));
        LocalDate lastDay = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1).plusMonths(1).minusDays(1);
        assertEquals(Formats.date(lastDay), projection.group(2));
        assertTrue(text.contains("Video minutes: 0 of 600 this month."), text);
        assertTrue(section.selectFirst("input[value=overage]").hasAttr("checked"));
        Element form = section.selectFirst("form");
        assertEquals("#overage", form.attr("hx-select"), "htmx swaps the section only");
        assertFalse(section.selectFirst("fieldset").hasAttr("disabled"));
        // The API calls bar no longer says nothing more can be added: the calls go on, billed.
        String usage = Browser.html(owner.get("/t/" + tenant.slug + "/billing")).select(".usage").text();
        assertTrue(usage.contains("past the allowance billed as overage"), usage);
        assertFalse(usage.contains("nothing more can be added"), usage);
    }

    @Test
    void aWorkspaceThatStopsIsToldWhenCallsWorkAgainAndNothingIsProjected() {
        Tenant tenant = TestTenants.create("usage-page-stop");
        PaidWorkspaces.subscribeToPro(tenant);
        Browser owner = Accounts.signedInMember(tenant, Role.OWNER);
        apiCallsUsed(tenant, 50_000);

        String text = overageSection(owner, tenant).text();
        LocalDate next = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1).plusMonths(1);
        assertTrue(text.contains("API calls: 50,000 of 50,000 this month. Used up: calls stop until " + Formats.date(next)
                + ", and nothing is billed past the allowance."), text);
        assertTrue(text.contains("Video minutes: 0 of 600 this month. 600 minutes left; they stop at the allowance"), text);
        assertFalse(PROJECTION.matcher(text).find(), text);
        assertTrue(overageSection(owner, tenant).selectFirst("input[value=stop]").hasAttr("checked"));
    }

    @Test
    void aBillingMemberSeesTheChoiceDisabledWithTheReasonAndCannotPostIt() {
        Tenant tenant = TestTenants.create("usage-page-billing");
        PaidWorkspaces.subscribeToPro(tenant);
        Browser billing = Accounts.signedInMember(tenant, Role.BILLING);

        Element section = overageSection(billing, tenant);
        assertTrue(section.selectFirst("fieldset").hasAttr("disabled"), section.outerHtml());
        assertEquals("Only the workspace's owners and admins change this.", section.selectFirst("#overage-hint").text());
        assertEquals(403, billing.post("/t/" + tenant.slug + "/billing/overage", "choice", "overage").statusCode());
        assertFalse(overage.choice(tenant.id).billOverage(), "nothing changed");

        Browser owner = Accounts.signedInMember(tenant, Role.OWNER);
        assertFalse(overageSection(owner, tenant).selectFirst("fieldset").hasAttr("disabled"));
    }
}
