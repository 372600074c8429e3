package pro.dailydoco.integration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pro.dailydoco.referral.ReferralPeople.scopedWork;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import pro.dailydoco.account.Membership;
import pro.dailydoco.account.Role;
import pro.dailydoco.core.Money;
import pro.dailydoco.mail.MailSender;
import pro.dailydoco.referral.ReferralPeople;
import pro.dailydoco.referral.ledger.CommissionApprovalJob;
import pro.dailydoco.referral.ledger.CommissionLedger;
import pro.dailydoco.referral.payout.PayoutBatches;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;
import pro.dailydoco.support.TestClock;
import pro.dailydoco.support.TestTenants;
import pro.dailydoco.tenant.Tenant;

/**
 * The member.* events of a workspace and a person's commission.approved and payout.paid, each queued in the
 * transaction of its change and delivered signed to a local receiver that checks the signature with its own code.
 */
@QuarkusTest
class MemberAndReferralEventsTest {

    @Inject
    WebhookSender sender;

    @Inject
    TestClock clock;

    @Inject
    MockMailbox mailbox;

    @Inject
    MailSender mailSender;

    @Inject
    CommissionLedger ledger;

    @Inject
    CommissionApprovalJob approvals;

    @Inject
    PayoutBatches payouts;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private String invitationLink(String email) {
        mailSender.sendDueNow();
        List<Mail> mails = mailbox.getMailsSentTo(email);
        assertTrue(mails != null && !mails.isEmpty(), "invitation mailed to " + email);
        return mails.get(mails.size() - 1).getText().lines().filter(l -> l.contains("/invitations/")).findFirst()
                .orElseThrow().trim().replaceFirst("^https?://[^/]+", "");
    }

    @Test
    void joiningChangingRoleAndLeavingAreDeliveredSignedAsMemberEvents() throws Exception {
        try (WebhookReceiver hook = new WebhookReceiver(); WebhookReceiver other = new WebhookReceiver()) {
            Tenant team = TestTenants.withPlan("wh-members", "TEAM");
            Browser owner = Accounts.signedInMember(team, Role.OWNER);
            String page = "/t/" + team.slug + "/settings/webhooks";
            String[] endpoint = OutgoingWebhooksTest.register(owner, page, hook.url(), "member.created", "member.updated",
                    "member.deleted");
            hook.accept(endpoint[1]).clockAt(clock.instant());
            // Another workspace's endpoint hears nothing of this one's members.
            Tenant elsewhere = TestTenants.withPlan("wh-members-other", "TEAM");
            Browser otherOwner = Accounts.signedInMember(elsewhere, Role.OWNER);
            String[] theirs = OutgoingWebhooksTest.register(otherOwner, "/t/" + elsewhere.slug + "/settings/webhooks",
                    other.url(), "member.created", "member.updated", "member.deleted");
            other.accept(theirs[1]).clockAt(clock.instant());

            String invitee = Accounts.uniqueEmail("wh-invitee");
            owner.get("/t/" + team.slug + "/members");
            assertEquals(303, owner.post("/t/" + team.slug + "/members/invitations", "email", invitee, "role", "MEMBER")
                    .statusCode());
            String link = invitationLink(invitee);
            Browser newcomer = new Browser();
            newcomer.get(link);
            assertEquals(303, newcomer.post(link + "/register", "displayName", "New Person", "password", Accounts.PASSWORD)
                    .statusCode());
            UUID userId = Accounts.user(invitee).id;
            UUID membershipId = scopedWork().call(team.id, null, () -> Membership.find(team.id, userId).orElseThrow().id);

            owner.get("/t/" + team.slug + "/members");
            assertEquals(303, owner.post("/t/" + team.slug + "/members/" + membershipId + "/role", "role", "ADMIN").statusCode());
            assertEquals(303, owner.post("/t/" + team.slug + "/members/" + membershipId + "/remove").statusCode());

            await().atMost(Duration.ofSeconds(10)).until(() -> {
                sender.sendDueNow();
                return hook.received().size() >= 3;
            });
            List<WebhookReceiver.Received> got = hook.received();
            assertEquals(List.of("member.created", "member.updated", "member.deleted"),
                    got.stream().map(WebhookReceiver.Received::type).toList());
            for (WebhookReceiver.Received r : got) {
                assertTrue(r.signatureValid(), r.body());
                assertEquals(userId.toString(), r.event().path("data").path("member").asText(), r.body());
                assertEquals(invitee.toLowerCase(), r.event().path("data").path("email").asText().toLowerCase(), r.body());
            }
            assertEquals("member", got.get(0).event().path("data").path("role").asText());
            assertEquals("admin", got.get(1).event().path("data").path("role").asText());
            assertEquals("member", got.get(1).event().path("data").path("previous_role").asText());
            assertEquals("admin", got.get(2).event().path("data").path("role").asText());
            sender.sendDueNow();
            assertEquals(List.of(), other.received(), "another workspace hears nothing of these members");
        }
    }

    @Test
    void approvedCommissionsAndPayoutsReachTheEarnersEndpointSigned() throws Exception {
        try (WebhookReceiver hook = new WebhookReceiver()) {
            OutgoingWebhooksTest.Owner sponsor = OutgoingWebhooksTest.signUp("wh-approved");
            String[] endpoint = OutgoingWebhooksTest.register(sponsor.browser(), sponsor.page(), hook.url(),
                    "commission.created", "commission.approved", "payout.paid");
            hook.accept(endpoint[1]).clockAt(clock.instant());

            UUID payer = ReferralPeople.signUpThroughLinkOf(sponsor.userId(), "wh-approved-payer");
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            String invoice = "in_wh_" + UUID.randomUUID().toString().substring(0, 8);
            scopedWork().call(null, null, () -> ledger.recordInvoicePaid(invoice, payer, null, null, Money.usd(5_000),
                    now.minus(120, ChronoUnit.DAYS)));
            approvals.approveDue(now);
            String batch = "batch-wh-" + UUID.randomUUID().toString().substring(0, 8);
            assertTrue(scopedWork().call(null, sponsor.userId(),
                    () -> payouts.payUser(batch, sponsor.userId(), Money.usd(1), now)).isPresent());

            await().atMost(Duration.ofSeconds(10)).until(() -> {
                sender.sendDueNow();
                return hook.received().size() >= 3;
            });
            List<WebhookReceiver.Received> got = hook.received();
            assertEquals(List.of("commission.created", "commission.approved", "payout.paid"),
                    got.stream().map(WebhookReceiver.Received::type).toList());
            got.forEach(r -> assertTrue(r.signatureValid(), r.body()));
            long amount = 5_000 * 2000 / 10_000;
            assertEquals(got.get(0).event().path("data").path("commission").asText(),
                    got.get(1).event().path("data").path("commission").asText(), "the same line's id");
            assertEquals(amount, got.get(1).event().path("data").path("amount").asLong());
            assertEquals("usd", got.get(1).event().path("data").path("currency").asText());
            assertEquals(amount, got.get(2).event().path("data").path("amount").asLong());
            assertEquals(batch + ":" + sponsor.userId(), got.get(2).event().path("data").path("payout").asText());
            assertTrue(got.stream().noneMatch(r -> r.body().contains(invoice)), "nothing of the payer's invoice");
        }
    }
}
