package pro.dailydoco.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;

/** The login page asks for the email first; emails whose domain uses no SSO go on to the password step. */
@QuarkusTest
class EmailFirstLoginTest {

    @Test
    void theLoginPageAsksForTheEmailFirst() {
        Document page = Browser.html(new Browser().get("/login"));
        Element step = page.selectFirst("form[action='/login/email']");
        assertNotNull(step, page.html());
        assertNotNull(step.selectFirst("input[name=_csrf]"));
        assertNotNull(step.selectFirst("label[for=email]"));
        assertNotNull(step.selectFirst("input#email[type=email][autofocus]"));
        assertNull(page.selectFirst("input[type=password]"), "no password field before the email is known");
    }

    @Test
    void anEmailWithoutSsoGetsThePasswordStepWithTheEmailFilledIn() {
        String email = Accounts.uniqueEmail("step");
        Accounts.signUp(new Browser(), email, "Step Co");
        Browser browser = new Browser();
        browser.get("/login?next=/account");
        Response step2 = browser.post("/login/email", "email", email, "next", "/account");
        assertEquals(200, step2.statusCode(), step2.asString());
        Element form = Browser.html(step2).selectFirst("form[action='/login']");
        assertNotNull(form, step2.asString());
        assertNotNull(form.selectFirst("input[name=_csrf]"));
        assertEquals(email, form.selectFirst("input#email").val());
        assertNotNull(form.selectFirst("label[for=password]"));
        assertNotNull(form.selectFirst("input#password[type=password][autofocus]"), "focus goes to the password");
        assertEquals("/account", form.selectFirst("input[name=next]").val());
        assertEquals("/login?next=%2Faccount", form.selectFirst("a:contains(Not you?)").attr("href"));

        // Step 2 posts exactly what the one-step form posted before.
        Response signedIn = browser.post("/login", "email", email, "password", Accounts.PASSWORD, "next", "/account");
        assertEquals(303, signedIn.statusCode(), signedIn.asString());
        assertEquals("/account", signedIn.getHeader("Location"));
    }

    @Test
    void knownAndUnknownEmailsGetTheSamePasswordStep() {
        String known = Accounts.uniqueEmail("known");
        Accounts.signUp(new Browser(), known, "Known Co");
        String unknown = Accounts.uniqueEmail("unknown");
        Browser browser = new Browser();
        browser.get("/login");
        Response forKnown = browser.post("/login/email", "email", known);
        Response forUnknown = browser.post("/login/email", "email", unknown);
        assertEquals(200, forKnown.statusCode());
        assertEquals(forKnown.statusCode(), forUnknown.statusCode());
        assertEquals(Browser.html(forKnown).selectFirst("main").html().replace(known, "EMAIL"),
                Browser.html(forUnknown).selectFirst("main").html().replace(unknown, "EMAIL"),
                "step 2 never says whether an account exists");
    }

    @Test
    void aMissingOrMalformedEmailIsExplainedOnceBesideTheField() {
        Browser browser = new Browser();
        browser.get("/login");
        for (String bad : new String[] { "", "not-an-email", "@example.com", "someone@" }) {
            Response answer = browser.post("/login/email", "email", bad);
            assertEquals(400, answer.statusCode(), bad);
            Document page = Browser.html(answer);
            assertEquals(1, page.select(":containsOwn(Enter your email address)").size(), "said once: " + bad);
            assertEquals("true", page.selectFirst("input#email").attr("aria-invalid"));
            assertTrue(page.selectFirst("#" + page.selectFirst("input#email").attr("aria-describedby")).text()
                    .contains("Enter your email address"), "the focused field reads its error out: " + bad);
            assertNotNull(page.selectFirst("form[action='/login/email']"), "still step 1");
        }
    }

    @Test
    void stepOneNeedsTheCsrfToken() {
        Browser browser = new Browser();
        browser.get("/login");
        assertEquals(403, browser.postWithoutToken("/login/email", "email", "someone@example.com").statusCode());
    }

    @Test
    void thePasswordStepCanBeOpenedDirectlyForBreakGlass() {
        Response page = new Browser().get("/login/password?next=/account");
        assertEquals(200, page.statusCode());
        Element form = Browser.html(page).selectFirst("form[action='/login']");
        assertEquals("", form.selectFirst("input#email").val());
        assertEquals("/account", form.selectFirst("input[name=next]").val());
        assertNotNull(form.selectFirst("input#password[type=password]"));
    }

    @Test
    void aFailedPasswordKeepsThePasswordStepAndTheEmail() {
        String email = Accounts.uniqueEmail("fail");
        Response answer = Accounts.signIn(new Browser(), email, "wrong password here");
        assertEquals(401, answer.statusCode());
        Document page = Browser.html(answer);
        assertEquals(email, page.selectFirst("form[action='/login'] input#email").val());
        assertEquals("Email or password is incorrect.", page.selectFirst("[role=alert]").text());
    }
}
