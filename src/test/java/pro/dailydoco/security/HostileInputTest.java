package pro.dailydoco.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import pro.dailydoco.account.Role;
import pro.dailydoco.project.Project;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;
import pro.dailydoco.support.LoggedErrors;
import pro.dailydoco.support.TestTenants;
import pro.dailydoco.tenant.ScopedWork;
import pro.dailydoco.tenant.Tenant;

/**
 * The input rules (docs/decisions/0090-input-rules.md) seen from outside: a broken percent escape, a control
 * character or a number out of range is a clear 400 that names the problem, never a 500 or a logged stack trace;
 * a bad flash cookie is ignored; limits count characters, so text within them is never cut by the body limit.
 */
@QuarkusTest
class HostileInputTest {

    @Inject
    ScopedWork scopedWork;

    private LoggedErrors logged;

    @BeforeEach
    void captureLog() {
        logged = LoggedErrors.capture();
    }

    @AfterEach
    void stopCapturing() {
        logged.close();
    }

    // --- broken percent escapes ---------------------------------------------------------------------------

    @Test
    void aStrayPercentInASignInFormIsABadRequestPage() {
        Response response = rawForm(new Browser(), "/login", "email=%");
        assertBadRequest(response, "text/html");
        assertTrue(response.asString().contains("percent"), response.asString());
    }

    @Test
    void aBrokenEscapeInTheForgotPasswordFormIsABadRequestPage() {
        assertBadRequest(rawForm(new Browser(), "/forgot-password", "email=a%zzb"), "text/html");
    }

    @Test
    void aBrokenEscapeIsProblemJsonForJsonClients() {
        Response response = new Browser().request().accept("application/json")
                .contentType("application/x-www-form-urlencoded").body("a=%").post("/webhooks/stripe");
        assertBadRequest(response, "application/problem+json");
        assertEquals(400, response.jsonPath().getInt("status"));
    }

    @Test
    void aFormPostedToTheWebhookWithABrokenEscapeIsABadRequest() {
        Response response = new Browser().request().contentType("application/x-www-form-urlencoded").body("a=%")
                .post("/webhooks/stripe");
        assertEquals(400, response.statusCode(), response.asString());
        assertNoStackTrace(response);
    }

    @Test
    void aFlashCookieThatIsNotAValidEscapeIsIgnored() {
        for (String path : List.of("/", "/login")) {
            Browser browser = new Browser();
            browser.setCookie("dd_flash", "%zz");
            Response response = browser.get(path);
            assertEquals(200, response.statusCode(), path + ": " + response.asString());
            assertFalse(response.asString().contains("%zz"), path);
            assertNoStackTrace(response);
        }
    }

    // --- control characters -------------------------------------------------------------------------------

    @Test
    void aNulInAProjectNameIsRefusedWithAFieldMessageAndNothingIsSaved() {
        Tenant tenant = TestTenants.withPlan("nul", "ENTERPRISE");
        Browser owner = Accounts.signedInMember(tenant, Role.OWNER);
        owner.get("/t/" + tenant.slug + "/projects/new");
        String name = "nul-" + UUID.randomUUID();
        Response response = owner.post("/t/" + tenant.slug + "/projects", "name", name + "\u0000x", "description", "d");
        assertBadRequest(response, "text/html");
        assertTrue(response.asString().contains("name"), response.asString());
        assertTrue(response.asString().contains("control character"), response.asString());
        long written = scopedWork.asTenant(tenant.id, () -> Project.count("name like ?1", name + "%"));
        assertEquals(0L, written, "no project was written");
    }

    @Test
    void aNulInEveryTextFieldThatReachesTheDatabaseIsABadRequest() {
        Tenant tenant = TestTenants.withPlan("nul-all", "ENTERPRISE");
        Browser owner = Accounts.signedInMember(tenant, Role.OWNER);
        owner.get("/t/" + tenant.slug + "/projects/new");
        String base = "/t/" + tenant.slug;
        Response created = owner.post(base + "/projects", "name", "ok", "description", "fine");
        assertEquals(303, created.statusCode(), created.asString());
        String project = created.getHeader("Location");
        assertBadRequest(owner.post(base + "/projects", "name", "ok", "description", "a\u0000b"), "text/html");
        assertBadRequest(owner.post(project + "/videos", "title", "a\u0000b", "durationMinutes", "5", "status", "DRAFT"),
                "text/html");
        assertBadRequest(owner.post("/account/name", "displayName", "a\u0000b"), "text/html");
        assertBadRequest(owner.post("/leaderboard/name", "displayName", "a\u0000b"), "text/html");
        assertBadRequest(new Browser().post("/forgot-password", "email", "a\u0000b@example.test"), "text/html");
        assertBadRequest(owner.request().urlEncodingEnabled(false).get(base + "/audit?action=%2Fetc%2Fpasswd%00.created"),
                "text/html");
        Response slug = new Browser().request().urlEncodingEnabled(false).get("/t/alpha%00/");
        assertTrue(slug.statusCode() == 400 || slug.statusCode() == 404, slug.statusCode() + " " + slug.asString());
        assertNoStackTrace(slug);
    }

    // --- limits in characters -----------------------------------------------------------------------------

    @Test
    void aDescriptionWithinTwoThousandCharactersIsKeptWhateverItsBytes() {
        Tenant tenant = TestTenants.withPlan("utf8", "ENTERPRISE");
        Browser owner = Accounts.signedInMember(tenant, Role.OWNER);
        owner.get("/t/" + tenant.slug + "/projects/new");
        String hebrew = "ש".repeat(1100);
        String emoji = "😀".repeat(2000);
        for (String description : List.of(hebrew, emoji)) {
            Response response = asBrowsersSend(owner, "/t/" + tenant.slug + "/projects", "name", "bytes", "description",
                    description);
            assertEquals(303, response.statusCode(), response.asString());
            Response page = owner.get(response.getHeader("Location"));
            assertTrue(page.asString().contains(description), "the whole description is shown");
        }
        Response tooLong = asBrowsersSend(owner, "/t/" + tenant.slug + "/projects", "name", "bytes", "description",
                "😀".repeat(2001));
        assertBadRequest(tooLong, "text/html");
        assertTrue(tooLong.asString().contains("2000 characters"), tooLong.asString());
        assertTrue(tooLong.asString().contains("😀".repeat(2001)), "the form keeps what was typed");
    }

    @Test
    void aPageNumberTooLargeIsOutOfRangeNotNotANumber() {
        Tenant tenant = TestTenants.withPlan("page", "ENTERPRISE");
        Browser owner = Accounts.signedInMember(tenant, Role.OWNER);
        Response response = owner.request().get("/t/" + tenant.slug + "/projects?page=99999999999");
        assertBadRequest(response, "text/html");
        assertTrue(response.asString().contains("out of range"), response.asString());
        assertFalse(response.asString().contains("not a whole number"), response.asString());
    }

    /** A form as browsers send it: UTF-8, percent-encoded, with no charset in the content type. */
    private static Response asBrowsersSend(Browser browser, String path, String... fieldsAndValues) {
        StringBuilder body = new StringBuilder("_csrf=" + browser.csrfToken());
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            body.append('&').append(fieldsAndValues[i]).append('=')
                    .append(URLEncoder.encode(fieldsAndValues[i + 1], StandardCharsets.UTF_8));
        }
        return browser.request().config(RestAssuredConfig.config().encoderConfig(
                        EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .contentType("application/x-www-form-urlencoded").body(body.toString())
                .post(path);
    }

    private static Response rawForm(Browser browser, String path, String body) {
        return browser.request().contentType("application/x-www-form-urlencoded").body(body).post(path);
    }

    private void assertBadRequest(Response response, String contentType) {
        assertEquals(400, response.statusCode(), response.asString());
        assertTrue(String.valueOf(response.getContentType()).contains(contentType), response.getContentType());
        assertNoStackTrace(response);
    }

    private void assertNoStackTrace(Response response) {
        String body = response.asString();
        assertFalse(body.contains("Exception") || body.contains("\tat ") || body.contains(".java:"), body);
        assertEquals(List.of(), logged.drain(), "logged with a stack trace or at ERROR");
    }
}
