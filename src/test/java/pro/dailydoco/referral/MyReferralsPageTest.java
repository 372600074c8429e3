package pro.dailydoco.referral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import pro.dailydoco.billing.Money;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;

/** The "My referrals" page and the public disclosure: what each person sees, and what they never see. */
@QuarkusTest
class MyReferralsPageTest {

    @Test
    void aNewMemberSeesTheirLinkAndEmptyStates() {
        Browser browser = new Browser();
        String email = Accounts.uniqueEmail("fresh");
        String slug = Accounts.signUp(browser, email, "Fresh referrals");
        Response page = browser.get("/t/" + slug + "/referrals");
        assertEquals(200, page.statusCode());
        Document html = Browser.html(page);
        String code = ReferralPeople.codeOf(Accounts.user(email).id);
        assertTrue(html.select("#referral-link").text().endsWith("/r/" + code));
        assertEquals("#referral-link", html.select("#copy-link").attr("data-copy"));
        assertTrue(page.asString().contains("Nobody has joined through your link yet"));
        assertTrue(page.asString().contains("No commissions yet"));
        assertTrue(page.asString().contains("No commission rows"));
        assertEquals("0", html.select("#count-clicks").text());
        Response filtered = browser.request().header("HX-Request", "true").header("HX-Target", "referral-history")
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
        Response counters = browser.request().header("HX-Request", "true").header("HX-Target", "referral-counters")
                .get("/t/" + slug + "/referrals?period=month");
        assertFalse(counters.asString().contains("<html"), "htmx gets the fragment only");
        Document html = Browser.html(counters);
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

        Document sponsorPage = Browser.html(sponsor.get("/t/" + sponsorSlug + "/referrals?period=all"));
        assertEquals("1", sponsorPage.select("#count-signups").text());
        assertEquals("1", sponsorPage.select("table tbody tr").first().select("td").first().text(), "level 1: one member");
        assertFalse(sponsorPage.text().contains(referredName), "the referred workspace is never named");

        Document referredPage = Browser.html(referred.get("/t/" + referredSlug + "/referrals?period=all"));
        assertEquals("0", referredPage.select("#count-signups").text());
        assertTrue(referredPage.text().contains("Nobody has joined through your link yet"));

        assertEquals(404, referred.get("/t/" + sponsorSlug + "/referrals").statusCode(), "not a member there");
        int anonymous = new Browser().get("/t/" + sponsorSlug + "/referrals").statusCode();
        assertTrue(anonymous == 303 || anonymous == 404, "anonymous visitors are sent away: " + anonymous);
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
        assertTrue(text.contains("reaches $50;"), text);
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
        assertTrue(text.contains("an invoice of $110 with $10 tax earns 20 % of $100 = $20; after a refund of $55 it "
                + "earns 20 % of ($100 − $55) = $9."), text);
        assertEquals(Money.usd(900), CommissionCalculator.entitlement(Money.usd(10_000), Money.usd(5_500), 2000),
                "the page's example is the ledger's formula");
        assertTrue(text.contains("an inquiry is closed without a chargeback) it is released"), text);
    }
}
