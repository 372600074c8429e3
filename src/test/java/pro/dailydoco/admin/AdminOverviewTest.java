package pro.dailydoco.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import pro.dailydoco.account.Role;
import pro.dailydoco.billing.StripeWebhookSender;
import pro.dailydoco.billing.TestCustomers;
import pro.dailydoco.billing.events.Plan;
import pro.dailydoco.billing.webhook.SampleStripeEvents;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;
import pro.dailydoco.support.TestTenants;
import pro.dailydoco.tenant.Tenant;

/** The workspace admin overview: what admins see, and who may see it. */
@QuarkusTest
class AdminOverviewTest {

    private static String admin(Tenant tenant) {
        return "/t/" + tenant.slug + "/admin";
    }

    @Test
    void freshWorkspaceShowsPlanUsageAndEmptyStates() {
        Tenant tenant = TestTenants.create("adm-fresh");
        Browser owner = Accounts.signedInMember(tenant, Role.OWNER);
        Document page = Browser.html(owner.get(admin(tenant)).then().statusCode(200).extract().response());
        assertTrue(page.selectFirst(".current-plan").text().contains("Free"), page.selectFirst(".current-plan").text());
        List<String> usage = page.select(".usage li").eachText();
        assertEquals(4, usage.size(), usage.toString());
        assertTrue(usage.get(0).startsWith("Seats 1 of 1"), usage.toString());
        assertTrue(usage.get(3).contains("API calls a month 0 of 1,000"), usage.toString());
        assertEquals(4, page.select(".usage meter").size(), "a bar for every limit");
        assertTrue(page.text().contains("No invoices yet."));
        assertTrue(page.selectFirst("#member-summary").text().startsWith("1 member; newest: Test Owner"));
        for (String link : List.of("/billing", "/billing/invoices", "/members", "/audit")) {
            assertTrue(!page.select("main a[href=/t/" + tenant.slug + link + "]").isEmpty(), "link to " + link);
        }
        assertTrue(!page.select("nav a[href=/t/" + tenant.slug + "/admin]").isEmpty(), "nav link for admins");
    }

    @Test
    void paidWorkspaceShowsSubscriptionInvoicesMembersAndAudit() {
        Tenant tenant = TestTenants.create("adm-paid");
        String customer = TestCustomers.customerFor(tenant, Plan.TEAM);
        SampleStripeEvents.Ids ids = SampleStripeEvents.Ids.of(tenant.id, customer);
        Instant at = Instant.now().minusSeconds(120);
        StripeWebhookSender.post(SampleStripeEvents.checkoutCompleted(ids, at)).then().statusCode(200);
        StripeWebhookSender.post(SampleStripeEvents.subscriptionUpdated(ids, "price_team_monthly", "active", at.plusSeconds(1)))
                .then().statusCode(200);
        StripeWebhookSender.post(SampleStripeEvents.invoice(ids, true, Plan.TEAM.monthlyPrice(), SampleStripeEvents.newId("in"),
                SampleStripeEvents.newId("pi"), at.plusSeconds(2))).then().statusCode(200);
        Accounts.createMember(tenant, Role.MEMBER);
        Browser admin = Accounts.signedInMember(tenant, Role.ADMIN);
        // A member asking for the audit log is refused and audited: the overview's recent activity shows it.
        Browser member = Accounts.signedInMember(tenant, Role.MEMBER);
        member.get("/t/" + tenant.slug + "/audit").then().statusCode(403);

        Document page = Browser.html(admin.get(admin(tenant)).then().statusCode(200).extract().response());
        assertTrue(page.selectFirst(".current-plan").text().contains("Team"), page.selectFirst(".current-plan").text());
        assertTrue(page.selectFirst(".current-plan").text().contains("Active"), page.selectFirst(".current-plan").text());
        assertTrue(page.select(".usage li").first().text().startsWith("Seats 3 of 10"), page.select(".usage li").eachText().toString());
        List<String> invoices = page.select("#recent-invoices tbody tr").eachText();
        assertEquals(1, invoices.size(), invoices.toString());
        assertTrue(invoices.get(0).contains("$99") && invoices.get(0).contains("Paid"), invoices.toString());
        assertTrue(page.selectFirst("#member-summary").text().startsWith("3 members; newest: Test Member"),
                page.selectFirst("#member-summary").text());
        List<String> audit = page.select(".recent-audit li").eachText();
        assertTrue(!audit.isEmpty() && audit.get(0).contains("Test Member") && audit.get(0).contains("denied"), audit.toString());
    }

    @Test
    void eachSectionIsAnHtmxFragmentOfThePageAndUsageRefreshesItself() {
        Tenant tenant = TestTenants.create("adm-htmx");
        Browser owner = Accounts.signedInMember(tenant, Role.OWNER);
        Document page = Browser.html(owner.get(admin(tenant)).then().statusCode(200).extract().response());
        Element usage = page.selectFirst("#admin-usage");
        assertTrue(usage.attr("hx-trigger").startsWith("every "), "usage counters refresh themselves");
        assertEquals("#admin-usage", usage.attr("hx-target"));
        assertTrue(page.selectFirst(usage.attr("hx-indicator")).hasClass("htmx-indicator"), "with a loading indicator");

        Map<String, String> sections = Map.of("admin-usage", ".usage", "admin-invoices", "No invoices yet.",
                "admin-members", "#member-summary", "admin-activity", "#audit-title");
        for (Map.Entry<String, String> section : sections.entrySet()) {
            Response fragment = owner.request().header("HX-Request", "true").header("HX-Target", section.getKey())
                    .get(admin(tenant));
            assertEquals(200, fragment.statusCode(), section.getKey());
            assertFalse(fragment.asString().contains("<html"), section.getKey() + " is a fragment, not the page");
            Document html = Browser.html(fragment);
            assertEquals(1, html.select("section").size(), section.getKey() + " only");
            assertEquals(section.getKey(), html.selectFirst("section").id());
            if (section.getValue().startsWith(".") || section.getValue().startsWith("#")) {
                assertTrue(html.selectFirst(section.getValue()) != null, section.getKey() + " has " + section.getValue());
            } else {
                assertTrue(html.text().contains(section.getValue()), html.text());
            }
            Element trigger = page.selectFirst("[hx-target='#" + section.getKey() + "']");
            assertTrue(trigger != null && page.selectFirst(trigger.attr("hx-indicator")) != null,
                    section.getKey() + " has an htmx trigger with a loading indicator");
        }
        Document withoutTarget = Browser.html(owner.request().header("HX-Request", "true").get(admin(tenant)));
        assertEquals(4, withoutTarget.select("main section").size(), "no known target: the whole page");
        assertTrue(owner.get(admin(tenant)).asString().contains("<html"), "a plain link gets the whole page");
    }

    @Test
    void fragmentsKeepThePagesAccessRules() {
        Tenant tenant = TestTenants.create("adm-htmx-access");
        for (Role role : List.of(Role.MEMBER, Role.BILLING)) {
            Accounts.signedInMember(tenant, role).request().header("HX-Request", "true").header("HX-Target", "admin-usage")
                    .get(admin(tenant)).then().statusCode(403);
        }
        Tenant other = TestTenants.create("adm-htmx-other");
        Accounts.signedInMember(other, Role.OWNER).request().header("HX-Request", "true")
                .header("HX-Target", "admin-activity").get(admin(tenant)).then().statusCode(404);
    }

    @Test
    void overviewIsForOwnersAndAdminsMembersGet403OutsidersGet404() {
        Tenant tenant = TestTenants.create("adm-access");
        Accounts.signedInMember(tenant, Role.MEMBER).get(admin(tenant)).then().statusCode(403);
        Accounts.signedInMember(tenant, Role.BILLING).get(admin(tenant)).then().statusCode(403);
        Browser member = Accounts.signedInMember(tenant, Role.MEMBER);
        Document home = Browser.html(member.get("/t/" + tenant.slug + "/"));
        assertTrue(home.select("nav a[href=/t/" + tenant.slug + "/admin]").isEmpty(), "no nav link for members");
        Tenant other = TestTenants.create("adm-other");
        Accounts.signedInMember(other, Role.OWNER).get(admin(tenant)).then().statusCode(404);
    }
}
