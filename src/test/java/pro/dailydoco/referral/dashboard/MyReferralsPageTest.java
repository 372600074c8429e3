package pro.dailydoco.referral.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import pro.dailydoco.billing.events.Plan;
import pro.dailydoco.billing.events.SubscriptionChanged;
import pro.dailydoco.billing.events.SubscriptionStatus;
import pro.dailydoco.core.Money;
import pro.dailydoco.referral.ReferralPeople;
import pro.dailydoco.referral.ledger.CommissionCalculator;
import pro.dailydoco.referral.ledger.CommissionLedger;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;

/** The "My referrals" page and the public disclosure: what each person sees, and what they never see. */
@QuarkusTest
class MyReferralsPageTest {

    @jakarta.inject.Inject
    jakarta.enterprise.event.Event<SubscriptionChanged> subscriptionEvents;

    @Test
    void aNewMemberSeesTheirLinkAndEmptyStates() {
        Browser browser = new Browser();
        String email = Accounts.uniqueEmail("fresh");
        String slug = Accounts.signUp(browser, email, "Fresh referrals");
        Response page = browser.get("/t/" + slug + "/referrals");
        assertEquals(200, page.statusCode());
        Document html = Browser.html(page);
        String code = ReferralPeople.codeOf(Accounts.user(email).id);
        assertTrue(html.select("input#referral-link[readonly]").attr("value").endsWith("/r/" + code),
                "the link is a field a person can select and copy without JavaScript");
        assertEquals("#referral-link", html.select("#copy-link").attr("data-copy"));
        assertTrue(page.asString().contains("Nobody has joined through your link yet"));
        assertTrue(page.asString().contains("No commissions yet"));
        assertEquals("0", html.select("#count-clicks").text());
        assertTrue(Browser.html(browser.get("/t/" + slug + "/referrals?section=history")).text().contains("No commission rows"));
        Response filtered = browser.request().header("HX-Request", "true").header("HX-Target", "section-history")
                .get("/t/" + slug + "/referrals?level=2&status=APPROVED");
        assertFalse(filtered.asString().contains("<html"), "htmx gets the history fragment only");
        assertTrue(filtered.asString().contains("No commission rows match this filter"));
    }

    @Test
    void aRecordedShareAndAClickCountButAPageViewDoesNot() {
        Browser browser = new Browser();
        String email = Accounts.uniqueEmail("sharer");
        String slug = Accounts.signUp(browser, email, "Sharer");
        browser.get("/t/" + slug + "/referrals");
        Response share = browser.request().header("HX-Request", "true").header("X-CSRF-Token", browser.csrfToken())
                .formParam("channel", "copy").post("/t/" + slug + "/referrals/share");
        assertEquals(200, share.statusCode());
        assertEquals(403, browser.postWithoutToken("/t/" + slug + "/referrals/share", "channel", "copy").statusCode(),
                "a share without the CSRF token is refused");
        new Browser().get("/r/" + ReferralPeople.codeOf(Accounts.user(email).id));
        Document html = Browser.html(browser.get("/t/" + slug + "/referrals"));
        assertEquals("1", html.select("#count-shares").text());
        assertEquals("1", html.select("#count-clicks").text());
    }

    @Test
    void eachPersonSeesOnlyTheirOwnNetworkAndNonMembersGet404() {
        Browser sponsor = new Browser();
        String sponsorEmail = Accounts.uniqueEmail("sponsor");
        String sponsorSlug = Accounts.signUp(sponsor, sponsorEmail, "Sponsor");
        Browser referred = new Browser();
        referred.get("/r/" + ReferralPeople.codeOf(Accounts.user(sponsorEmail).id));
        String referredName = "Referred " + java.util.UUID.randomUUID().toString().substring(0, 6);
        String referredSlug = Accounts.signUp(referred, Accounts.uniqueEmail("referred"), referredName);

        Document sponsorPage = Browser.html(sponsor.get("/t/" + sponsorSlug + "/referrals?section=network"));
        assertEquals("1", sponsorPage.select("#count-signups").text());
        assertEquals("1", sponsorPage.select("#section-network table tbody tr").first().select("td").first().text(),
                "level 1: one member");
        assertEquals("Levels 2–7: nobody yet.", sponsorPage.select("#empty-levels").text(), "empty levels are one line");
        Response networkFragment = sponsor.request().header("HX-Request", "true").header("HX-Target", "section-network")
                .get("/t/" + sponsorSlug + "/referrals?section=network");
        assertFalse(networkFragment.asString().contains("<html"), "htmx gets the network section only");
        assertEquals(1, Browser.html(networkFragment).select("table tbody tr").size());
        assertFalse(sponsorPage.text().contains(referredName), "the referred workspace is never named");

        Document referredPage = Browser.html(referred.get("/t/" + referredSlug + "/referrals?period=all"));
        assertEquals("0", referredPage.select("#count-signups").text());
        assertTrue(referredPage.text().contains("Nobody has joined through your link yet"));

        assertEquals(404, referred.get("/t/" + sponsorSlug + "/referrals").statusCode(), "not a member there");
        int anonymous = new Browser().get("/t/" + sponsorSlug + "/referrals").statusCode();
        assertTrue(anonymous == 303 || anonymous == 404, "anonymous visitors are sent away: " + anonymous);
    }

    /**
     * A small fixed network: S refers R1 (workspace "Bluebird…", Team plan), R1 refers R2 (workspace "Cobalt…", no
     * plan). S shares twice, R1 once; R1 pays $99 and R2 pays $49, this month. By hand: S earns 20 % of $99 = $19.80
     * at level 1 and 15 % of $49 = $7.35 at level 2. S's network (S alone at the start of the month) has 3 shares and
     * 2 referred sign-ups: shares per member 3 ÷ 1 = 3, sign-ups per share 2 ÷ 3 = 0.6667, K = 3 × 2/3 = 2.
     */
    @Test
    void chartsAndHistoryShowTheLedgerOfAFixedNetwork() {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        Browser s = new Browser();
        String sEmail = Accounts.uniqueEmail("chart-s");
        String sSlug = Accounts.signUp(s, sEmail, "Sponsor " + tag);
        UUID sId = Accounts.user(sEmail).id;
        Browser r1 = new Browser();
        r1.get("/r/" + ReferralPeople.codeOf(sId));
        String r1Email = Accounts.uniqueEmail("chart-r1");
        String r1Workspace = "Bluebird " + tag;
        String r1Slug = Accounts.signUp(r1, r1Email, r1Workspace);
        UUID r1Id = Accounts.user(r1Email).id;
        Browser r2 = new Browser();
        r2.get("/r/" + ReferralPeople.codeOf(r1Id));
        String r2Email = Accounts.uniqueEmail("chart-r2");
        String r2Workspace = "Cobalt " + tag;
        Accounts.signUp(r2, r2Email, r2Workspace);
        UUID r2Id = Accounts.user(r2Email).id;
        share(s, sSlug);
        share(s, sSlug);
        share(r1, r1Slug);
        Instant now = Instant.now();
        UUID r1Tenant = Accounts.user(r1Email).homeTenantId;
        // In the tenant's scope, as the webhook publishes it: only that scope may write the tenant's MRR row (V43).
        ReferralPeople.scopedWork().run(r1Tenant, null, () -> subscriptionEvents.fire(new SubscriptionChanged(r1Tenant, null,
                null, Plan.TEAM, SubscriptionStatus.ACTIVE, now)));
        CommissionLedger ledger = ReferralPeople.bean(CommissionLedger.class);
        ReferralPeople.scopedWork().call(null, null, () -> ledger.recordInvoicePaid("in_chart1_" + tag, r1Id, null, null,
                Money.usd(9_900), now));
        ReferralPeople.scopedWork().call(null, null, () -> ledger.recordInvoicePaid("in_chart2_" + tag, r2Id, null, null,
                Money.usd(4_900), now));

        Document page = Browser.html(s.get("/t/" + sSlug + "/referrals?section=metrics"));
        LocalDate month = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1);
        String shortMonth = DateTimeFormatter.ofPattern("MMM yyyy", Locale.ENGLISH).format(month);

        var earnings = page.selectFirst("figure.chart#earnings-chart");
        assertEquals("earnings-chart-t earnings-chart-d", earnings.selectFirst("svg[role=img]").attr("aria-labelledby"));
        assertFalse(earnings.selectFirst("desc").text().isBlank());
        var earningsRows = earnings.select("details.chart-data tbody tr");
        assertEquals(12, earningsRows.size(), "twelve months");
        assertEquals(List.of(shortMonth, "$19.80", "$7.35", "$0.00", "$0.00", "$0.00", "$0.00", "$0.00"),
                earningsRows.last().select("th, td").eachText());
        assertEquals(List.of(1_980L, 735L), ledgerByLevel(sId), "the chart's figures are the ledger's");

        var network = page.selectFirst("figure.chart#network-chart");
        assertEquals("img", network.selectFirst("svg").attr("role"));
        assertEquals(List.of("Period", "K", "Shares per member", "Sign-ups per share"),
                network.select("thead th").eachText());
        assertEquals(List.of(shortMonth, "2", "3", "0.67"),
                network.select("details.chart-data tbody tr").last().select("th, td").eachText());
        assertEquals("2", page.selectFirst("figure.chart#network-growth-chart details.chart-data tbody tr:last-child td").text());
        var months = page.select("#activity-months li");
        assertEquals(1, months.size(), "one month with activity; the other eleven are one line: " + months.eachText());
        assertEquals(shortMonth + ": 1 click on your link, 2 shares by you. 1 person signed up through your link (1 became"
                + " paying); 2 people joined your whole network. Each share in your network brought 0.67 sign-ups, and"
                + " each member shared 3 times: every member brought 2 new members (viral coefficient K).",
                months.first().text());
        assertEquals("11 other months of the last twelve: no activity.", page.select("#quiet-months").text());
        assertTrue(page.text().contains("Viral coefficient K = shares per member × sign-ups per share."));
        assertFalse(page.html().contains("0.0000"), "a ratio is never written with four zeros");
        assertFalse(java.util.regex.Pattern.compile("\\d\\.\\d{3,}").matcher(page.text()).find(),
                "ratios have at most two decimals");

        page = Browser.html(s.get("/t/" + sSlug + "/referrals?section=history"));
        var history = page.select("#referral-history tbody tr");
        assertEquals(2, history.size());
        String historyText = page.selectFirst("#referral-history").text();
        assertTrue(historyText.contains("of workspace b•••, Team plan, level 1, rate 20 %"), historyText);
        assertTrue(historyText.contains("of workspace c•••, Free plan, level 2, rate 15 %"), historyText);
        for (String secret : List.of(r1Workspace, r2Workspace, r1Email, r2Email, "in_chart1_" + tag)) {
            assertFalse(page.html().contains(secret), "never shown: " + secret);
        }

        Response all = s.get("/t/" + sSlug + "/referrals?section=history&level=&status=");
        assertEquals(200, all.statusCode(), "the form's “All levels” submits an empty level");
        assertEquals(2, Browser.html(all).select("#referral-history tbody tr").size(), "all levels");
        Response allFragment = s.request().header("HX-Request", "true").header("HX-Target", "section-history")
                .get("/t/" + sSlug + "/referrals?level=&status=");
        assertEquals(200, allFragment.statusCode());
        assertEquals(2, Browser.html(allFragment).select("tbody tr").size());
        assertEquals(1, Browser.html(s.get("/t/" + sSlug + "/referrals?section=history&level=2&status=")).select("#referral-history tbody tr").size());
        assertEquals(400, s.get("/t/" + sSlug + "/referrals?level=eight").statusCode(), "a clear 400, never a 500");
        assertEquals(400, s.get("/t/" + sSlug + "/referrals?level=9").statusCode());
        Response notANumber = s.get("/t/" + sSlug + "/referrals?page=two");
        assertEquals(400, notANumber.statusCode(), "the page exists: its address carries a bad number");
        assertTrue(Browser.html(notANumber).text().contains("“two” is not a whole number"), notANumber.asString());
        Response badStatus = s.get("/t/" + sSlug + "/referrals?status=PAYABLE");
        assertEquals(400, badStatus.statusCode(), "an unknown status is explained, not silently ignored");
        assertTrue(badStatus.asString().contains("Choose a status: pending, frozen, held or approved"));
        assertEquals(List.of("", "PENDING", "FROZEN", "HELD", "APPROVED"),
                page.select("select#filter-status option").eachAttr("value"),
                "held rows, which a referral under review has, can be filtered like the others");
    }

    private static void share(Browser browser, String slug) {
        browser.get("/t/" + slug + "/referrals");
        assertEquals(200, browser.request().header("HX-Request", "true").header("X-CSRF-Token", browser.csrfToken())
                .formParam("channel", "copy").post("/t/" + slug + "/referrals/share").statusCode());
    }

    /** The earner's raw ledger rows summed per level, read as the earner. */
    @SuppressWarnings("unchecked")
    private static List<Long> ledgerByLevel(UUID earner) {
        return ReferralPeople.scopedWork().call(null, earner, () -> ((List<Object>) ReferralPeople
                .bean(jakarta.persistence.EntityManager.class)
                .createNativeQuery("select sum(amount_minor) from commission_entry where user_id = ?1 group by level order by level")
                .setParameter(1, earner).getResultList()).stream().map(n -> ((Number) n).longValue()).toList());
    }

    @Test
    void theDisclosureStatesTheCurrentPlanAndRulesFromConfiguration() {
        Response page = new Browser().get("/referral-program");
        assertEquals(200, page.statusCode());
        String text = Browser.html(page).text();
        assertTrue(text.contains("Level 1 people you refer directly 20 %"), text);
        assertTrue(text.contains("Level 7"));
        assertTrue(text.contains("only from paid subscriptions"));
        assertTrue(text.contains("never") && text.contains("for a sign-up"));
        assertTrue(text.contains("pending for 30 days"));
        assertTrue(text.contains("reaches $50.00;"), text);
        assertTrue(text.contains("You earn from up to 7 levels below you, whatever your tier."), text);
        assertTrue(text.contains("A badge changes nothing about what you earn."), text);
    }

    @Test
    void theDisclosureSaysExactlyWhatARefundDoesWithAWorkedExample() {
        String text = Browser.html(new Browser().get("/referral-program")).text();
        assertFalse(text.contains("in proportion"), "a refund comes off the base in full, not in proportion");
        assertTrue(text.contains("the commission becomes your level's rate × (what was paid after tax − everything "
                + "refunded so far), rounded down to the cent, and never below zero."), text);
        // 20 % of $100 = $20; after a $55 refund, 20 % of $45 = $9 (not half of $20).
        assertTrue(text.contains("an invoice of $110.00 with $10.00 tax earns 20 % of $100.00 = $20.00; after a refund of "
                + "$55.00 it earns 20 % of ($100.00 − $55.00) = $9.00."), text);
        assertEquals(Money.usd(900), CommissionCalculator.entitlement(Money.usd(10_000), Money.usd(5_500), 2000),
                "the page's example is the ledger's formula");
        assertTrue(text.contains("an inquiry is closed without a chargeback) it is released"), text);
    }
}
