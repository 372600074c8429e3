package pro.dailydoco.site;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import pro.dailydoco.account.UserSignedUp;
import pro.dailydoco.account.web.SessionCookies;
import pro.dailydoco.core.web.Flash;
import pro.dailydoco.referral.ReferralConfig;
import pro.dailydoco.referral.attribution.ReferralCodes;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;
import pro.dailydoco.tenant.ScopedWork;

/** The privacy page names what the code actually stores and sets: read from the schema and the code, not retyped. */
@QuarkusTest
class PrivacyPageTest {

    @Inject
    EntityManager entityManager;

    @Inject
    ReferralConfig referralConfig;

    @Inject
    ScopedWork scopedWork;

    @Inject
    ReferralCodes codes;

    private Document page() {
        Response response = given().accept("text/html").get("/privacy");
        assertEquals(200, response.statusCode());
        return Jsoup.parse(response.asString());
    }

    @Test
    void itIsAPublicPageWithLanguageAndTitle() {
        Document page = page();
        assertEquals("en", page.selectFirst("html").attr("lang"));
        assertTrue(page.title().startsWith("Privacy"), page.title());
        assertEquals(1, page.select("h1").size());
    }

    @Test
    void itNamesExactlyTheColumnsAReferralClickStores() {
        @SuppressWarnings("unchecked")
        List<String> columns = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                "select column_name from information_schema.columns where table_name = 'referral_click'").getResultList());
        assertEquals(Set.copyOf(columns), Set.copyOf(page().select("#click-fields dt code").eachText()),
                "every stored field is named, and nothing that is not stored");
        assertTrue(page().selectFirst("#click-fields").text().contains("HMAC-SHA256"), "how the address is hashed");
    }

    @Test
    void itNamesEveryCookieTheCodeSetsWithTheConfiguredAttributionWindow() {
        Document page = page();
        Set<String> named = new HashSet<>(page.select("#cookies tbody th code").eachText());
        assertEquals(Set.of(UserSignedUp.ATTRIBUTION_COOKIE, SessionCookies.SESSION, SessionCookies.CSRF, Flash.COOKIE), named);
        String attributionRow = page.select("#cookies tbody tr").stream()
                .filter(row -> row.selectFirst("th").text().equals(UserSignedUp.ATTRIBUTION_COOKIE)).findFirst()
                .orElseThrow().text();
        assertTrue(attributionRow.contains(referralConfig.attribution().window().toDays() + " days (the attribution window)"),
                attributionRow);

        // And what a visitor really receives: following a link, then signing up, sets only cookies named there.
        String email = Accounts.uniqueEmail("privacy");
        Accounts.signUp(new Browser(), email, "Privacy " + UUID.randomUUID().toString().substring(0, 6));
        UUID user = Accounts.user(email).id;
        String code = scopedWork.call(null, user, () -> codes.codesOf(user).generated());
        Response click = given().redirects().follow(false).get("/r/" + code);
        assertEquals(303, click.statusCode());
        assertTrue(click.getCookies().containsKey(UserSignedUp.ATTRIBUTION_COOKIE));
        assertTrue(named.containsAll(click.getCookies().keySet()), "unnamed cookie among " + click.getCookies().keySet());
        Response signUpPage = given().accept("text/html").get("/signup");
        assertTrue(named.containsAll(signUpPage.getCookies().keySet()), "unnamed cookie among " + signUpPage.getCookies().keySet());
    }

    @Test
    void theFooterLinksToItFromEveryPageIncludingTheDisclosure() {
        for (String path : List.of("/", "/referral-program", "/privacy")) {
            Document html = Jsoup.parse(given().accept("text/html").get(path).asString());
            assertEquals(1, html.select("footer a[href=/privacy]").size(), path);
        }
    }
}
