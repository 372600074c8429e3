package pro.dailydoco.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;

/** Every page names the site's icon, and the icon it names is served, as an image, to anyone. */
@QuarkusTest
class FaviconTest {

    @Test
    void theLayoutLinksAnIconThatIsServedAsAnImage() {
        Browser signedIn = new Browser();
        String slug = Accounts.signUp(signedIn, Accounts.uniqueEmail("favicon"), "Favicon");
        for (Response page : java.util.List.of(new Browser().get("/"), signedIn.get("/t/" + slug + "/referrals"))) {
            Element icon = Browser.html(page).selectFirst("head link[rel=icon]");
            assertNotNull(icon, "the page links an icon");
            Response served = new Browser().get(icon.attr("href"));
            assertEquals(200, served.statusCode(), icon.attr("href"));
            assertTrue(served.contentType().startsWith("image/"), served.contentType());
            assertTrue(served.asString().contains("<svg"), "an SVG icon");
        }
    }
}
