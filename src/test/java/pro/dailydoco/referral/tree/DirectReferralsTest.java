package pro.dailydoco.referral.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import pro.dailydoco.billing.StripeWebhookSender;
import pro.dailydoco.billing.TestCustomers;
import pro.dailydoco.billing.TestPayments;
import pro.dailydoco.billing.events.Plan;
import pro.dailydoco.billing.webhook.SampleStripeEvents;
import pro.dailydoco.referral.ReferralPeople;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;
import pro.dailydoco.tenant.Tenant;

@QuarkusTest
class DirectReferralsTest {

    @Test
    void theReferrerSeesDirectReferralsOnlyMaskedWithTheirPlan() {
        Browser referrer = new Browser();
        String email = Accounts.uniqueEmail("masker");
        String slug = Accounts.signUp(referrer, email, "Masker Docs");
        String code = ReferralPeople.codeOf(Accounts.user(email).id);

        Browser newcomer = new Browser();
        Response click = newcomer.get("/r/" + code);
        assertEquals(303, click.statusCode());
        Accounts.signUp(newcomer, Accounts.uniqueEmail("bravo"), "Bravo Secret Docs");

        Document page = Browser.html(referrer.get("/t/" + slug + "/referrals?section=network"));
        List<String> items = page.select("ul.masked-referrals li").eachText();
        assertEquals(1, items.size(), items.toString());
        assertTrue(items.get(0).startsWith("workspace b•••, Free plan"), items.get(0));
        assertFalse(page.text().contains("Bravo Secret Docs"), "another workspace's name never shows");
    }

    @Test
    void theTopOfAChainSeesEveryLevelsPeopleMaskedWithWhatTheyEarnedFromThem() {
        String secret = UUID.randomUUID().toString().substring(0, 8);
        Browser top = new Browser();
        String topEmail = Accounts.uniqueEmail("chaintop");
        String topSlug = Accounts.signUp(top, topEmail, "Chain Top");
        Referred juliet = signUpThroughLinkOf(Accounts.user(topEmail).id, "Juliet " + secret);
        Referred kilo = signUpThroughLinkOf(juliet.userId(), "Kilo " + secret);
        Referred lima = signUpThroughLinkOf(kilo.userId(), "Lima " + secret);
        payForTeam(lima.slug());

        Response levelTwo = top.request().header("HX-Request", "true").header("HX-Target", "level-members")
                .get("/t/" + topSlug + "/referrals?members=2");
        assertEquals(200, levelTwo.statusCode());
        assertFalse(levelTwo.asString().contains("<html"), "htmx gets the level fragment only");
        List<String> second = Browser.html(levelTwo).select("ul.masked-level li").eachText();
        assertEquals(1, second.size(), second.toString());
        assertTrue(second.get(0).startsWith("workspace k•••, Free plan"), second.get(0));
        assertTrue(second.get(0).contains("not paying"), second.get(0));

        Document page = Browser.html(top.get("/t/" + topSlug + "/referrals?members=3"));
        List<String> third = page.select("#level-members ul.masked-level li").eachText();
        assertEquals(1, third.size(), third.toString());
        assertTrue(third.get(0).startsWith("workspace l•••, Team plan"), third.get(0));
        String earnedAtLevelThree = page.select("table tbody tr").get(2).select("td").get(2).text();
        assertFalse(earnedAtLevelThree.equals("$0.00"), "level 3 earned from Lima's invoice");
        assertTrue(third.get(0).endsWith("paying · earned from them " + earnedAtLevelThree), third.get(0));
        for (String shown : List.of(page.outerHtml(), levelTwo.asString())) {
            assertFalse(shown.contains(secret), "no workspace's full name ever shows");
            assertFalse(shown.contains(kilo.email()) || shown.contains(lima.email()), "no email ever shows");
        }
    }

    @Test
    void aLevelWithNobodyShowsAnEmptyStateAndOthersNeverSeeSomeonesDownline() {
        Browser top = new Browser();
        String topEmail = Accounts.uniqueEmail("lonelytop");
        String topSlug = Accounts.signUp(top, topEmail, "Lonely Top");
        Referred mike = signUpThroughLinkOf(Accounts.user(topEmail).id, "Mike Hidden");
        signUpThroughLinkOf(mike.userId(), "November Hidden");

        Document empty = Browser.html(top.get("/t/" + topSlug + "/referrals?members=5"));
        assertTrue(empty.select("#level-members").text().contains("Nobody at level 5 yet."), empty.text());

        Browser stranger = new Browser();
        String strangerSlug = Accounts.signUp(stranger, Accounts.uniqueEmail("stranger"), "Stranger");
        Response own = stranger.request().header("HX-Request", "true").header("HX-Target", "level-members")
                .get("/t/" + strangerSlug + "/referrals?members=2");
        assertTrue(own.asString().contains("Nobody at level 2 yet."), own.asString());
        assertFalse(own.asString().contains("workspace n•••"), "only the stranger's own (empty) network");
        assertEquals(404, stranger.get("/t/" + topSlug + "/referrals?members=2").statusCode(), "not a member there");
    }

    private record Referred(UUID userId, String email, String slug) {
    }

    private static Referred signUpThroughLinkOf(UUID sponsor, String workspaceName) {
        Browser browser = new Browser();
        assertEquals(303, browser.get("/r/" + ReferralPeople.codeOf(sponsor)).statusCode());
        String email = Accounts.uniqueEmail("chain");
        String slug = Accounts.signUp(browser, email, workspaceName);
        return new Referred(Accounts.user(email).id, email, slug);
    }

    /** Checkout, an active Team subscription and its paid invoice, each a signed webhook through the pipeline. */
    private static void payForTeam(String slug) {
        Tenant tenant = ReferralPeople.scopedWork().call(null, null, () -> Tenant.findBySlug(slug).orElseThrow());
        String customer = TestCustomers.customerFor(tenant, Plan.TEAM);
        StripeWebhookSender.post(SampleStripeEvents.subscriptionUpdated(SampleStripeEvents.Ids.of(tenant.id, customer),
                "price_team_monthly", "active", Instant.now())).then().statusCode(200);
        TestPayments.payFirstInvoice(tenant, Plan.TEAM);
    }

    @Test
    void masksKeepOnlyTheFirstLetter() {
        assertEquals("workspace b•••", DirectReferrals.mask(" Bravo"));
        assertEquals("a workspace", DirectReferrals.mask(null));
        assertEquals("Team plan", DirectReferrals.planLabel("TEAM"));
        assertEquals("Free plan", DirectReferrals.planLabel(null));
    }
}
