package pro.dailydoco.integration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import pro.dailydoco.account.Role;
import pro.dailydoco.billing.TestPayments;
import pro.dailydoco.billing.events.Plan;
import pro.dailydoco.project.ProjectService;
import pro.dailydoco.referral.ReferralPeople;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;
import pro.dailydoco.support.TestClock;
import pro.dailydoco.tenant.ScopedWork;
import pro.dailydoco.tenant.Tenant;

/**
 * Outgoing webhooks end to end, against a local receiver that checks the signature with its own code: signed
 * deliveries of workspace and referral events, failures on purpose with back-off and recovery, the 3-day give-up that
 * disables the endpoint and mails its owners, rotation, resend, and only committed changes being announced.
 */
@QuarkusTest
class OutgoingWebhooksTest {

    private static final long TEAM = Plan.TEAM.monthlyPrice().minor();

    @Inject
    WebhookSender sender;

    @Inject
    TestClock clock;

    @Inject
    ScopedWork scopedWork;

    @Inject
    WebhookDeliveries deliveries;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** A person with a workspace of their own, signed in. */
    record Owner(Browser browser, String email, UUID userId, Tenant tenant) {
        String page() {
            return "/t/" + tenant.slug + "/settings/webhooks";
        }
    }

    static Owner signUp(String prefix) {
        Browser browser = new Browser();
        String email = Accounts.uniqueEmail(prefix);
        String slug = Accounts.signUp(browser, email, "Workspace " + prefix);
        return new Owner(browser, email, Accounts.user(email).id, QuarkusTransaction.requiringNew()
                .call(() -> Tenant.findBySlug(slug).orElseThrow()));
    }

    /** Registers an endpoint through the page; returns its id and the secret the page showed once. */
    static String[] register(Browser browser, String page, String url, String... events) {
        String[] fields = new String[4 + 2 * events.length];
        fields[0] = "url";
        fields[1] = url;
        fields[2] = "description";
        fields[3] = "Our ERP";
        for (int i = 0; i < events.length; i++) {
            fields[4 + 2 * i] = "events";
            fields[5 + 2 * i] = events[i];
        }
        assertEquals(200, browser.get(page).statusCode());
        Response created = browser.post(page, fields);
        assertEquals(200, created.statusCode(), created.asString());
        Document html = Browser.html(created);
        String secret = html.select("#webhook-new-secret code.secret").text();
        assertTrue(secret.startsWith("ddwhsec_"), "the secret is shown once: " + secret);
        String id = html.select("form[action$=/test]").attr("action").replaceAll(".*/webhooks/([^/]+)/test$", "$1");
        return new String[] {id, secret};
    }

    int sendDue() {
        return sender.sendDueNow();
    }

    List<WebhookDeliveries.Delivery> log(Owner viewer, String endpointId) {
        return scopedWork.call(viewer.tenant.id, viewer.userId,
                () -> deliveries.log(viewer.tenant.id, UUID.fromString(endpointId), viewer.userId, 1).rows());
    }

    @Test
    void aWorkspaceEndpointReceivesSignedInvoicePaidAfterFailuresOnPurposeWithBackOff() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Owner owner = signUp("wh-invoice");
            String[] endpoint = register(owner.browser, owner.page(), receiver.url(), "invoice.paid");
            receiver.accept(endpoint[1]).failNext(2).clockAt(clock.instant());

            String invoice = TestPayments.payFirstInvoice(owner.tenant, Plan.TEAM);
            sendDue();
            assertEquals(1, receiver.received().size());
            assertEquals(500, receiver.received().get(0).answered());
            WebhookDeliveries.Delivery first = log(owner, endpoint[0]).get(0);
            assertEquals("PENDING", first.status());
            Duration wait = Duration.between(first.lastAttemptAt(), first.nextAttemptAt());
            assertTrue(wait.compareTo(Duration.ofSeconds(48)) >= 0 && wait.compareTo(Duration.ofSeconds(72)) <= 0,
                    "first retry after a minute ± 20 %: " + wait);
            sendDue();
            assertEquals(1, receiver.received().size(), "nothing is due before the back-off has passed");

            clock.advance(Duration.ofSeconds(73));
            receiver.clockAt(clock.instant());
            sendDue();
            assertEquals(2, receiver.received().size());
            WebhookDeliveries.Delivery second = log(owner, endpoint[0]).get(0);
            Duration secondWait = Duration.between(second.lastAttemptAt(), second.nextAttemptAt());
            assertTrue(secondWait.compareTo(Duration.ofSeconds(96)) >= 0 && secondWait.compareTo(Duration.ofSeconds(144)) <= 0,
                    "the wait doubles: " + secondWait);

            clock.advance(Duration.ofSeconds(145));
            receiver.clockAt(clock.instant());
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                sendDue();
                return receiver.accepted().size() == 1;
            });

            List<WebhookReceiver.Received> got = receiver.received();
            assertEquals(3, got.size(), "two failures on purpose, then the recovery");
            assertTrue(got.stream().allMatch(WebhookReceiver.Received::signatureValid), "every attempt was signed");
            assertEquals(1, got.stream().map(WebhookReceiver.Received::eventId).distinct().count(), "one event id to deduplicate on");
            WebhookReceiver.Received delivered = got.get(2);
            assertEquals("invoice.paid", delivered.type());
            assertEquals(invoice, delivered.event().path("data").path("invoice").asText());
            assertEquals(TEAM, delivered.event().path("data").path("amount_paid").asLong());
            assertEquals("usd", delivered.event().path("data").path("currency").asText());
            WebhookDeliveries.Delivery done = log(owner, endpoint[0]).get(0);
            assertEquals("DELIVERED", done.status());
            assertEquals(3, done.attempts());
            assertEquals(204, done.responseStatus());

            // The log on the page, and one delivery with its request and answer.
            Document page = Browser.html(owner.browser.get(owner.page() + "/" + endpoint[0]));
            assertTrue(page.select("#delivery-log").text().contains("Delivered"), page.select("#delivery-log").text());
            Document detail = Browser.html(owner.browser.get(owner.page() + "/" + endpoint[0] + "/deliveries/" + done.id()));
            assertTrue(detail.select("#delivery-request").text().contains("DailyDoco-Signature: t="));
            assertTrue(detail.select("#delivery-request").text().contains(invoice));
            assertTrue(detail.select("#delivery-result").text().contains("Delivered"));

            // Resend: the same event (id and body) once more.
            assertEquals(303, owner.browser.post(owner.page() + "/" + endpoint[0] + "/deliveries/" + done.id() + "/resend").statusCode());
            sendDue();
            List<WebhookReceiver.Received> after = receiver.received();
            assertEquals(4, after.size());
            assertEquals(delivered.eventId(), after.get(3).eventId());
            assertEquals(delivered.body(), after.get(3).body());
            assertTrue(after.get(3).signatureValid());
        }
    }

    @Test
    void commissionCreatedReachesOnlyTheEarnersOwnEndpointAndInvoicePaidOnlyThePayingWorkspace() throws Exception {
        try (WebhookReceiver sponsorHook = new WebhookReceiver(); WebhookReceiver coAdminHook = new WebhookReceiver();
                WebhookReceiver payerHook = new WebhookReceiver()) {
            Owner sponsor = signUp("wh-sponsor");
            String payerEmail = ReferralPeople.signUpThroughLink(ReferralPeople.codeOf(sponsor.userId), "wh-payer");
            Browser payerBrowser = new Browser();
            assertEquals(303, Accounts.signIn(payerBrowser, payerEmail, Accounts.PASSWORD).statusCode());
            Tenant payerWorkspace = ReferralPeople.workspaceCreatedBy(Accounts.user(payerEmail).id);
            String payerPage = "/t/" + payerWorkspace.slug + "/settings/webhooks";

            String[] own = register(sponsor.browser, sponsor.page(), sponsorHook.url(), "commission.created", "invoice.paid");
            Browser coAdmin = Accounts.signedInMember(sponsor.tenant, Role.ADMIN);
            String[] colleague = register(coAdmin, sponsor.page(), coAdminHook.url(), "commission.created");
            String[] payers = register(payerBrowser, payerPage, payerHook.url(), "invoice.paid", "commission.created");
            sponsorHook.accept(own[1]).clockAt(clock.instant());
            coAdminHook.accept(colleague[1]).clockAt(clock.instant());
            payerHook.accept(payers[1]).clockAt(clock.instant());

            String invoice = TestPayments.payFirstInvoice(payerWorkspace, Plan.TEAM);
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                sendDue();
                return sponsorHook.received().size() == 1 && payerHook.received().size() == 1;
            });

            WebhookReceiver.Received commission = sponsorHook.received().get(0);
            assertTrue(commission.signatureValid());
            assertEquals("commission.created", commission.type());
            assertEquals(TEAM * 2000 / 10_000, commission.event().path("data").path("amount").asLong(), "20 % at level 1");
            assertEquals(1, commission.event().path("data").path("level").asInt());
            assertFalse(commission.body().contains(invoice), "nothing of the payer's invoice");
            assertFalse(commission.body().contains(payerWorkspace.id.toString()));

            WebhookReceiver.Received paid = payerHook.received().get(0);
            assertTrue(paid.signatureValid());
            assertEquals("invoice.paid", paid.type());
            assertEquals(invoice, paid.event().path("data").path("invoice").asText());

            sendDue();
            assertEquals(List.of(), coAdminHook.received(), "a colleague's endpoint never gets the sponsor's commission");
            assertEquals(1, payerHook.received().size(), "the payer's endpoint gets no commission of anyone");
            assertEquals(1, sponsorHook.received().size(), "the sponsor's workspace paid nothing: no invoice.paid");

            // The colleague sees the endpoint but not the sponsor's commission in its log.
            String colleagueView = coAdmin.get(sponsor.page() + "/" + own[0]).asString();
            assertFalse(colleagueView.contains("commission.created</code></a>"), "the earner's row is theirs alone");
            assertTrue(sponsor.browser.get(sponsor.page() + "/" + own[0]).asString().contains("commission.created"));
        }
    }

    @Test
    void anEndpointFailingForThreeDaysIsDisabledAndMailedThenRecoversAfterEnablingAndResend() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Owner owner = signUp("wh-giveup");
            String admin = Accounts.createMember(owner.tenant, Role.ADMIN);
            String member = Accounts.createMember(owner.tenant, Role.MEMBER);
            String[] endpoint = register(owner.browser, owner.page(), receiver.url(), "project.created");
            receiver.accept(endpoint[1]).failNext(1_000);

            assertEquals(303, owner.browser.post("/t/" + owner.tenant.slug + "/projects", "name", "Handbook").statusCode());
            List<Duration> waits = new java.util.ArrayList<>();
            WebhookDeliveries.Delivery delivery = null;
            for (int i = 0; i < 60; i++) {
                receiver.clockAt(clock.instant());
                int before = receiver.received().size();
                sendDue();
                assertEquals(before + 1, receiver.received().size(), "one attempt each time it is due");
                delivery = log(owner, endpoint[0]).get(0);
                if (delivery.nextAttemptAt() == null) {
                    break;
                }
                waits.add(Duration.between(delivery.lastAttemptAt(), delivery.nextAttemptAt()));
                clock.advance(Duration.between(clock.instant(), delivery.nextAttemptAt()).plusSeconds(1));
            }
            assertNotNull(delivery);
            assertEquals("FAILED", delivery.status(), "given up");
            Duration tried = Duration.between(delivery.createdAt(), delivery.lastAttemptAt());
            assertTrue(tried.compareTo(Duration.ofDays(3)) >= 0 && tried.compareTo(Duration.ofDays(3).plusMinutes(1)) < 0,
                    "retried for 3 days: " + tried);
            assertTrue(waits.get(1).compareTo(waits.get(0)) > 0 && waits.get(4).compareTo(waits.get(3)) > 0, "back-off grows: " + waits);
            assertTrue(waits.stream().allMatch(w -> w.compareTo(Duration.ofHours(6).multipliedBy(12).dividedBy(10)) <= 0),
                    "capped at 6 h + jitter: " + waits);
            assertEquals(delivery.attempts(), receiver.received().size());
            assertTrue(receiver.received().stream().allMatch(WebhookReceiver.Received::signatureValid));

            // Three days later the session has expired: sign in again.
            assertEquals(303, Accounts.signIn(owner.browser, owner.email, Accounts.PASSWORD).statusCode());
            Document page = Browser.html(owner.browser.get(owner.page() + "/" + endpoint[0]));
            assertTrue(page.select("#endpoint-state").text().startsWith("Disabled"), page.select("#endpoint-state").text());
            List<String> mailed = mailsTo(List.of(owner.email, admin, member));
            assertEquals(List.of(owner.email.toLowerCase(), admin.toLowerCase()).stream().sorted().toList(),
                    mailed.stream().map(m -> m.split(" ", 2)[0]).sorted().toList(), "owners and admins are mailed: " + mailed);
            assertTrue(mailed.get(0).contains("was disabled"));
            assertEquals(1, audit(owner.tenant, "webhook.endpoint-disabled"));

            // Disabled: new events are not queued for it.
            int before = receiver.received().size();
            assertEquals(303, owner.browser.post("/t/" + owner.tenant.slug + "/projects", "name", "Second").statusCode());
            sendDue();
            assertEquals(before, receiver.received().size());
            assertEquals(1, log(owner, endpoint[0]).size(), "nothing queued for a disabled endpoint");

            // The owner fixes the receiver, enables the endpoint and resends what failed.
            receiver.failNext(0);
            receiver.clockAt(clock.instant());
            assertEquals(303, owner.browser.post(owner.page() + "/" + endpoint[0] + "/enable").statusCode());
            assertEquals(303, owner.browser.post(owner.page() + "/" + endpoint[0] + "/deliveries/" + delivery.id() + "/resend").statusCode());
            sendDue();
            assertEquals("Handbook", receiver.accepted().get(0).event().path("data").path("name").asText());
            assertEquals("project.created", receiver.accepted().get(0).type());
        } finally {
            clock.reset();
        }
    }

    @Test
    void rotationSignsWithBothSecretsForTheGracePeriodThenWithTheNewOneOnly() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Owner owner = signUp("wh-rotate");
            String[] endpoint = register(owner.browser, owner.page(), receiver.url(), "project.created");
            Response rotated = owner.browser.post(owner.page() + "/" + endpoint[0] + "/rotate");
            assertEquals(200, rotated.statusCode());
            String fresh = Browser.html(rotated).select("#webhook-new-secret code.secret").text();
            assertTrue(fresh.startsWith("ddwhsec_") && !fresh.equals(endpoint[1]));
            assertFalse(owner.browser.get(owner.page() + "/" + endpoint[0]).asString().contains(fresh), "shown once");

            // A receiver still holding the old secret, and one already switched, both accept.
            receiver.accept(endpoint[1]).clockAt(clock.instant());
            assertEquals(303, owner.browser.post("/t/" + owner.tenant.slug + "/projects", "name", "During").statusCode());
            sendDue();
            receiver.accept(fresh);
            assertEquals(303, owner.browser.post("/t/" + owner.tenant.slug + "/projects", "name", "During 2").statusCode());
            sendDue();
            assertEquals(2, receiver.accepted().size());
            assertEquals(2, receiver.accepted().get(0).signatures(), "two v1 values during the grace period");

            clock.advance(Duration.ofHours(25));
            assertEquals(303, Accounts.signIn(owner.browser, owner.email, Accounts.PASSWORD).statusCode(), "a day later");
            owner.browser.get("/t/" + owner.tenant.slug + "/projects");
            receiver.accept(endpoint[1]).clockAt(clock.instant());
            assertEquals(303, owner.browser.post("/t/" + owner.tenant.slug + "/projects", "name", "After").statusCode());
            sendDue();
            WebhookReceiver.Received after = receiver.received().get(2);
            assertFalse(after.signatureValid(), "the old secret no longer signs");
            assertEquals(1, after.signatures());
            assertEquals(1, audit(owner.tenant, "webhook.secret-rotated"));
        } finally {
            clock.reset();
        }
    }

    @Test
    void aChangeThatRollsBackAnnouncesNothing() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Owner owner = signUp("wh-rollback");
            register(owner.browser, owner.page(), receiver.url(), "project.created");
            ProjectService projects = ReferralPeople.bean(ProjectService.class);
            scopedWork.inScope(owner.tenant.id, owner.userId, () -> {
                QuarkusTransaction.begin();
                projects.create(owner.tenant.id, owner.userId, "Never", null, null);
                QuarkusTransaction.rollback();
                return null;
            });
            sendDue();
            assertEquals(List.of(), receiver.received());
        }
    }

    /** "address subject" of every queued webhook mail to these addresses. */
    @SuppressWarnings("unchecked")
    static List<String> mailsTo(List<String> addresses) {
        return QuarkusTransaction.requiringNew().call(() -> ((List<Object[]>) io.quarkus.hibernate.orm.panache.Panache
                .getEntityManager().createNativeQuery("select lower(to_address), subject from mail_outbox where lower(to_address) = any(cast(?1 as text[])) and subject like '%webhook%'")
                .setParameter(1, addresses.stream().map(String::toLowerCase).toArray(String[]::new)).getResultList())
                .stream().map(row -> row[0] + " " + row[1]).toList());
    }

    static long audit(Tenant tenant, String action) {
        return ReferralPeople.scopedWork().call(tenant.id, null, () -> ((Number) io.quarkus.hibernate.orm.panache.Panache
                .getEntityManager().createNativeQuery("select count(*) from audit_entry where tenant_id = ?1 and action = ?2")
                .setParameter(1, tenant.id).setParameter(2, action).getSingleResult()).longValue());
    }
}
