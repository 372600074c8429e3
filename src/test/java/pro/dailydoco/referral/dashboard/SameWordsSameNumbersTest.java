package pro.dailydoco.referral.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import pro.dailydoco.demo.DemoReferralNetwork;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;

/**
 * A metric's name means one definition everywhere (docs/dashboards.md, glossary): for the same person, every page that
 * shows a figure under a given label shows the same number, and "direct" and "network" figures say which they are.
 * The demo network below a root: 3 direct sign-ups (2 of them paying), 7 people in the network (4 paying).
 */
@QuarkusTest
class SameWordsSameNumbersTest {

    @Inject
    DemoReferralNetwork network;

    @Test
    void aLabelShowsTheSameNumberOnEveryPageForTheSamePerson() {
        Browser root = new Browser();
        String email = Accounts.uniqueEmail("samewords");
        String slug = Accounts.signUp(root, email, "Same Words");
        network.seedBelow(Accounts.user(email).id, "same-" + UUID.randomUUID().toString().substring(0, 8) + ".example.com");

        Document dashboard = Browser.html(root.get("/t/" + slug + "/referrals?period=all"));
        Document leaderboard = Browser.html(root.get("/leaderboard?tab=all-paying"));
        Map<String, String> onDashboard = figures(dashboard);
        Map<String, String> onLeaderboard = figures(leaderboard);

        assertEquals("3", onDashboard.get("Direct sign-ups"));
        assertEquals("2", onDashboard.get("Paying direct referrals"));
        assertEquals("7", onDashboard.get("Sign-ups in your network"));
        assertEquals("4", onDashboard.get("Paying referrals in your network"));
        int shared = 0;
        for (Map.Entry<String, String> figure : onLeaderboard.entrySet()) {
            if (onDashboard.containsKey(figure.getKey())) {
                assertEquals(onDashboard.get(figure.getKey()), figure.getValue(), figure.getKey());
                shared++;
            }
        }
        assertEquals(2, shared, "both network figures are on both pages: " + onLeaderboard);

        // The ranking's column says whose referrals it counts, and the root's row there is the same number.
        Element you = leaderboard.selectFirst("#leaderboard-ranking tr.you");
        assertTrue(leaderboard.select("#leaderboard-ranking th").eachText().contains("Paying referrals in the network"));
        assertEquals(onDashboard.get("Paying referrals in your network"), you.select("td").get(2).text());

        // No page uses the old, ambiguous labels any more.
        for (Document page : List.of(dashboard, leaderboard)) {
            String text = page.text();
            for (String ambiguous : List.of("Paying conversions", "Sign-ups through your link", "Referred sign-ups")) {
                assertFalse(text.contains(ambiguous), ambiguous);
            }
        }
    }

    /** Every labelled figure of a page: {@code <dt>label</dt><dd>number</dd>}. */
    private static Map<String, String> figures(Document page) {
        Map<String, String> figures = new HashMap<>();
        for (Element dt : page.select("dl dt")) {
            Element dd = dt.nextElementSibling();
            if (dd != null && dd.tagName().equals("dd")) {
                String previous = figures.put(dt.text(), dd.text());
                assertTrue(previous == null || previous.equals(dd.text()), "one number per label on a page: " + dt.text());
            }
        }
        return figures;
    }
}
