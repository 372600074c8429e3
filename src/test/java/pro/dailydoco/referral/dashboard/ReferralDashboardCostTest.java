package pro.dailydoco.referral.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import pro.dailydoco.core.Money;
import pro.dailydoco.referral.ReferralPeople;
import pro.dailydoco.referral.ledger.CommissionLedger;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;
import pro.dailydoco.support.CountingJdbcDriver;

/**
 * The first view of "My referrals" reads the person's summary row (plus who is asking and their link): the same
 * handful of statements for someone with nobody below them and for someone with a network and a ledger, in one
 * transaction. The sections are read only when opened (docs/decisions/0177-dashboard-sections-on-demand.md).
 */
@QuarkusTest
class ReferralDashboardCostTest {

    /** Who is asking (one statement), the summary row (one), the link's two codes, and a little slack. */
    static final int FIRST_VIEW_STATEMENTS = 5;

    @Test
    void theFirstViewCostsTheSameFewStatementsWhateverTheNetworkAndLedger() {
        Browser lonely = new Browser();
        String lonelySlug = Accounts.signUp(lonely, Accounts.uniqueEmail("cost-lonely"), "Cost Lonely");

        Browser busy = new Browser();
        String busyEmail = Accounts.uniqueEmail("cost-busy");
        String busySlug = Accounts.signUp(busy, busyEmail, "Cost Busy");
        UUID busyId = Accounts.user(busyEmail).id;
        List<UUID> below = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            below.add(ReferralPeople.signUpThroughLinkOf(busyId, "cost-direct-" + i));
        }
        below.add(ReferralPeople.signUpThroughLinkOf(below.get(0), "cost-level2"));
        CommissionLedger ledger = ReferralPeople.bean(CommissionLedger.class);
        String tag = UUID.randomUUID().toString().substring(0, 6);
        for (int i = 0; i < below.size() * 3; i++) {
            UUID payer = below.get(i % below.size());
            String invoice = "in_cost_" + tag + "_" + i;
            ReferralPeople.scopedWork().call(null, null, () -> ledger.recordInvoicePaid(invoice, payer, null, null,
                    Money.usd(4_900), Instant.now()));
        }

        String lonelyPage = "/t/" + lonelySlug + "/referrals";
        String busyPage = "/t/" + busySlug + "/referrals";
        lonely.get(lonelyPage).then().statusCode(200); // the first request may open pooled connections
        busy.get(busyPage).then().statusCode(200);
        CountingJdbcDriver.Cost small = CountingJdbcDriver.measure(() -> lonely.get(lonelyPage).then().statusCode(200));
        Response[] busyResponse = new Response[1];
        CountingJdbcDriver.Cost large = CountingJdbcDriver.measure(() -> busyResponse[0] = busy.get(busyPage));

        System.out.println("My referrals, first view: nobody below " + small + ", a network and a ledger " + large);
        assertEquals(200, busyResponse[0].statusCode());
        Document page = Browser.html(busyResponse[0]);
        assertEquals("5", page.select("#network-signups").text(), "the figures come from the summary row");
        assertEquals("4", page.select("#count-signups").text());
        assertFalse(page.select("#balance-pending").text().isBlank());
        assertTrue(page.select("#section-history tbody tr").isEmpty(), "no ledger row is read for the first view");
        assertTrue(page.select("#section-network table").isEmpty(), "nor the network");
        assertEquals(1, large.transactions(), "one transaction for the page: " + large);
        assertEquals(small.statements(), large.statements(),
                "the first view does not grow with the network or the ledger: " + small + " vs " + large);
        assertTrue(large.statements() <= FIRST_VIEW_STATEMENTS, "a handful of statements: " + large);
    }

    @Test
    void eachSectionOpensByHtmxOrByAPlainLink() {
        Browser person = new Browser();
        String slug = Accounts.signUp(person, Accounts.uniqueEmail("cost-sections"), "Cost Sections");
        Document first = Browser.html(person.get("/t/" + slug + "/referrals"));
        for (String section : List.of("network", "history", "metrics")) {
            var link = first.selectFirst("#section-" + section + " a[hx-get]");
            assertEquals("/t/" + slug + "/referrals?section=" + section + "#section-" + section, link.attr("href"),
                    "a plain link opens the " + section + " section without JavaScript");
            assertEquals("#section-" + section, link.attr("hx-target"));
            Response fragment = person.request().header("HX-Request", "true").header("HX-Target", "section-" + section)
                    .get(link.attr("hx-get"));
            assertEquals(200, fragment.statusCode());
            assertFalse(fragment.asString().contains("<html"), "htmx gets the " + section + " section only");
            assertTrue(Browser.html(fragment).selectFirst("section#section-" + section + " h2") != null);
            Document opened = Browser.html(person.get(link.attr("href").replaceAll("#.*$", ""))); // as a browser sends it
            assertTrue(opened.select("#section-" + section + " a[hx-get]").isEmpty(), section + " is open on the page");
            assertEquals("0", opened.select("#count-clicks").text(), "the first view stays above it");
        }
        assertEquals(400, person.get("/t/" + slug + "/referrals?section=everything").statusCode(),
                "an unknown section is a clear 400");
    }
}
