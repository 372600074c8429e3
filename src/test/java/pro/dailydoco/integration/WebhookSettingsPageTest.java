package pro.dailydoco.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import pro.dailydoco.account.Role;
import pro.dailydoco.referral.ReferralPeople;
import pro.dailydoco.sso.IssuerGuard;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;

/**
 * The webhooks settings page: who reaches it, the empty state, addresses refused like single sign-on's issuers,
 * redirects never followed, the secret kept only sealed, the delivery log paged, and deleting through a confirm step.
 */
@QuarkusTest
class WebhookSettingsPageTest {

    @Inject
    WebhookSender sender;

    @Test
    void onlyOwnersAndAdminsReachThePageWhichStartsEmptyAndIsLinkedFromAdmin() {
        OutgoingWebhooksTest.Owner owner = OutgoingWebhooksTest.signUp("wh-page");
        Document page = Browser.html(owner.browser().get(owner.page()));
        assertTrue(page.select(".empty-state").text().contains("No endpoints yet"), page.text());
        assertEquals(owner.page(), Browser.html(owner.browser().get("/t/" + owner.tenant().slug + "/admin"))
                .select("#admin-webhooks-link a").attr("href"));
        assertEquals(200, Accounts.signedInMember(owner.tenant(), Role.ADMIN).get(owner.page()).statusCode());
        assertEquals(403, Accounts.signedInMember(owner.tenant(), Role.MEMBER).get(owner.page()).statusCode());
        assertEquals(403, Accounts.signedInMember(owner.tenant(), Role.BILLING).get(owner.page()).statusCode());
        assertEquals(404, new Browser().get(owner.page()).statusCode());
        OutgoingWebhooksTest.Owner stranger = OutgoingWebhooksTest.signUp("wh-stranger");
        assertEquals(404, stranger.browser().get(owner.page()).statusCode(), "another workspace's owner is an outsider");
    }

    @Test
    void internalAddressesAreRefusedWithAReasonAndNothingIsStored() {
        OutgoingWebhooksTest.Owner owner = OutgoingWebhooksTest.signUp("wh-ssrf");
        owner.browser().get(owner.page());
        for (String url : List.of("http://10.0.0.5/hook", "https://169.254.169.254/latest/meta-data", "https://192.168.1.1/",
                "https://2130706433/", "https://user:pw@example.com/", "ftp://example.com/", "not a url", "")) {
            Response refused = owner.browser().post(owner.page(), "url", url, "events", "invoice.paid");
            assertEquals(400, refused.statusCode(), url);
            assertFalse(Browser.html(refused).select("#url-error").text().isBlank(), "a reason for " + url);
        }
        Response noEvents = owner.browser().post(owner.page(), "url", "https://hooks.example.com/x");
        assertEquals(400, noEvents.statusCode());
        assertTrue(Browser.html(noEvents).select("#events-error").text().contains("at least one"));
        Response unknownEvent = owner.browser().post(owner.page(), "url", "https://hooks.example.com/x", "events", "tenant.deleted");
        assertEquals(400, unknownEvent.statusCode());
        assertTrue(Browser.html(owner.browser().get(owner.page())).select(".empty-state").size() == 1, "nothing was stored");

        // Loopback is refused unless the webhooks' own setting allows it (only the test profile sets it).
        Optional<String> byDefault = IssuerGuard.problemWith("http://127.0.0.1:8080/hook", false, WebhookHttp.ENDPOINTS);
        assertTrue(byDefault.isPresent() && byDefault.get().contains("internal address"), byDefault.toString());
        assertTrue(IssuerGuard.problemWith("http://127.0.0.1:8080/hook", true, WebhookHttp.ENDPOINTS).isEmpty());
        assertTrue(IssuerGuard.problemWith("http://10.1.2.3/hook", true, WebhookHttp.ENDPOINTS).isPresent(),
                "private addresses stay refused even then");
    }

    @Test
    void aRedirectIsNotFollowedTheSecretIsStoredSealedAndTheLogIsPaged() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            OutgoingWebhooksTest.Owner owner = OutgoingWebhooksTest.signUp("wh-log");
            String[] endpoint = OutgoingWebhooksTest.register(owner.browser(), owner.page(), receiver.url(), "project.created");
            receiver.accept(endpoint[1]).answer(302);
            String sealed = ReferralPeople.scopedWork().call(owner.tenant().id, null,
                    () -> WebhookEndpoint.<WebhookEndpoint>findById(java.util.UUID.fromString(endpoint[0])).secretSealed);
            assertFalse(sealed.contains(endpoint[1].substring(8)), "the secret is not stored in clear");

            String endpointPage = owner.page() + "/" + endpoint[0];
            for (int i = 0; i < 21; i++) {
                assertEquals(303, owner.browser().post(endpointPage + "/test").statusCode());
            }
            assertEquals(21, sender.sendDueNow());
            assertEquals(21, receiver.received().size(), "one request each: the redirect was not followed");
            assertTrue(receiver.received().stream().allMatch(r -> r.type().equals("webhook.test") && r.signatureValid()));

            Document first = Browser.html(owner.browser().get(endpointPage));
            assertEquals(20, first.select("#delivery-log tbody tr").size());
            assertTrue(first.select("#delivery-log").text().contains("Failing, will retry (HTTP 302)"), first.select("#delivery-log").text());
            assertTrue(first.select(".pagination").text().contains("Page 1 of 2"));
            Response second = owner.browser().request().header("HX-Request", "true").header("HX-Target", "delivery-log")
                    .get(endpointPage + "?page=2");
            assertEquals(200, second.statusCode());
            assertEquals(1, Browser.html(second).select("#delivery-log tbody tr").size());
            assertFalse(second.asString().contains("<html"), "htmx gets the fragment only");
            String deliveryPath = first.select("#delivery-log tbody tr a").first().attr("href");
            assertTrue(Browser.html(owner.browser().get(deliveryPath)).select("#delivery-result").text()
                    .contains("redirects (HTTP 302); redirects are not followed"));
        }
    }

    @Test
    void deletingGoesThroughAConfirmStepAndIsAudited() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            OutgoingWebhooksTest.Owner owner = OutgoingWebhooksTest.signUp("wh-delete");
            String[] endpoint = OutgoingWebhooksTest.register(owner.browser(), owner.page(), receiver.url(), "invoice.paid");
            String endpointPage = owner.page() + "/" + endpoint[0];
            Document confirm = Browser.html(owner.browser().get(endpointPage + "/delete"));
            assertTrue(confirm.select("h1").text().contains("Delete this endpoint?"));
            assertEquals(endpointPage + "/delete", confirm.select("main form[method=post]").attr("action"));
            assertEquals(200, owner.browser().get(endpointPage).statusCode(), "the confirm page deleted nothing");

            OutgoingWebhooksTest.Owner stranger = OutgoingWebhooksTest.signUp("wh-delete-other");
            stranger.browser().get(stranger.page());
            assertEquals(404, stranger.browser().post(stranger.page() + "/" + endpoint[0] + "/delete").statusCode(),
                    "another workspace's endpoint is not found");

            assertEquals(303, owner.browser().post(endpointPage + "/delete").statusCode());
            assertEquals(404, owner.browser().get(endpointPage).statusCode());
            assertEquals(1, OutgoingWebhooksTest.audit(owner.tenant(), "webhook.endpoint-created"));
            assertEquals(1, OutgoingWebhooksTest.audit(owner.tenant(), "webhook.endpoint-deleted"));
        }
    }
}
