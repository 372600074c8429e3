package pro.dailydoco.referral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;

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

        Document page = Browser.html(referrer.get("/t/" + slug + "/referrals"));
        List<String> items = page.select("ul.masked-referrals li").eachText();
        assertEquals(1, items.size(), items.toString());
        assertTrue(items.get(0).startsWith("workspace b•••, Free plan"), items.get(0));
        assertFalse(page.text().contains("Bravo Secret Docs"), "another workspace's name never shows");
    }

    @Test
    void masksKeepOnlyTheFirstLetter() {
        assertEquals("workspace b•••", DirectReferrals.mask(" Bravo"));
        assertEquals("a workspace", DirectReferrals.mask(null));
        assertEquals("Team plan", DirectReferrals.planLabel("TEAM"));
        assertEquals("Free plan", DirectReferrals.planLabel(null));
    }
}
