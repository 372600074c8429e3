package pro.dailydoco.referral.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pro.dailydoco.referral.ReferralPeople.codeOf;
import static pro.dailydoco.referral.ReferralPeople.scopedWork;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import pro.dailydoco.core.Money;
import pro.dailydoco.referral.LedgerRows;
import pro.dailydoco.referral.ReferralPeople;
import pro.dailydoco.referral.guards.ReferralScreening;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;

/**
 * Suspicious referrals are flagged at sign-up, their commissions HELD until an operator decides
 * (docs/decisions/0023-suspicious-referrals-are-held.md).
 */
@QuarkusTest
class ReferralReviewTest {

    @Inject
    CommissionLedger ledger;

    @Inject
    CommissionApprovalJob job;

    @Inject
    EntityManager entityManager;

    @Test
    void disposableDomainSignUpIsHeldUntilAnOperatorApprovesIt() {
        UUID sponsor = ReferralPeople.signUpDirectly("held-sponsor");
        String mailbox = "held" + UUID.randomUUID().toString().substring(0, 8);
        UUID payer = signUpThroughLink(sponsor, new Browser(), mailbox + "@mailinator.com");
        String invoice = CommissionLedgerDatabaseTest.invoiceId();
        Instant paidAt = now();
        CommissionLedgerDatabaseTest.paid(ledger, invoice, payer, 10_000, paidAt);
        assertEquals(Money.usd(2_000), LedgerRows.amountOf(sponsor, invoice), "the commission is written");
        assertEquals("HELD", LedgerRows.statusOf(sponsor, invoice, 1));

        job.approveDue(paidAt.plus(Duration.ofDays(365)));
        assertEquals("HELD", LedgerRows.statusOf(sponsor, invoice, 1), "the approval job never approves a held line");
        assertEquals(2_000, LedgerRows.notApprovedFromRollup(sponsor), "a held line counts as not approved");

        Browser operator = Accounts.signedInOperator();
        Element row = Browser.html(operator.get("/operator/referral-reviews")).selectFirst("tr[data-user=" + payer + "]");
        assertNotNull(row, "the flagged referral is listed");
        assertTrue(row.text().contains("@mailinator.com") && row.text().contains("Disposable email domain"), row.text());
        assertFalse(row.text().contains(mailbox), "the mailbox is masked");
        assertEquals(303, operator.post("/operator/referral-reviews/" + payer + "/approve").statusCode());

        assertEquals("PENDING", LedgerRows.statusOf(sponsor, invoice, 1));
        assertEquals(Money.usd(2_000), LedgerRows.amountOf(sponsor, invoice));
        job.approveDue(Instant.now().plus(Duration.ofDays(1)));
        assertEquals("PENDING", LedgerRows.statusOf(sponsor, invoice, 1), "a fresh hold starts at the approval");
        job.approveDue(Instant.now().plus(Duration.ofDays(31)));
        assertEquals("APPROVED", LedgerRows.statusOf(sponsor, invoice, 1));
        assertEquals(0, LedgerRows.notApprovedFromRollup(sponsor), "approved: nothing left waiting");
        assertTrue(platformActions(payer).contains("referral.review-approved"));
        assertEquals(404, operator.post("/operator/referral-reviews/" + payer + "/approve").statusCode(),
                "a referral is decided once");
    }

    @Test
    void moreThanFiveReferredSignUpsFromOneAddressAreFlagged() {
        UUID sponsor = ReferralPeople.signUpDirectly("crowd-sponsor");
        Browser first = new Browser();
        List<UUID> referred = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            referred.add(signUpThroughLink(sponsor, i == 0 ? first : first.onSameAddress(), Accounts.uniqueEmail("crowd")));
        }
        UUID other = signUpThroughLink(sponsor, new Browser(), Accounts.uniqueEmail("crowd-elsewhere"));
        String held = scopedWork().call(null, null, () -> bean().holdOf(referred.get(5)).name());
        assertEquals("HELD", held, "the sixth sign-up from one address is flagged");
        for (UUID user : referred.subList(0, 5)) {
            assertEquals("NONE", scopedWork().call(null, null, () -> bean().holdOf(user).name()));
        }
        assertEquals("NONE", scopedWork().call(null, null, () -> bean().holdOf(other).name()));
    }

    @Test
    void rejectedReferralIsClawedBackByNewRowsAndEarnsNothingMore() {
        List<UUID> upline = ReferralPeople.chain(2, "reject");
        UUID payer = signUpThroughLink(upline.get(1), new Browser(), "rej-" + UUID.randomUUID().toString().substring(0, 8)
                + "@yopmail.com");
        String invoice = CommissionLedgerDatabaseTest.invoiceId();
        CommissionLedgerDatabaseTest.paid(ledger, invoice, payer, 9_999, now());
        List<LedgerRows.Row> earned = LedgerRows.rowsOf(upline, invoice);
        assertEquals(List.of(new LedgerRows.Row(upline.get(0), 2, "EARNED", 0, 1499),
                new LedgerRows.Row(upline.get(1), 1, "EARNED", 0, 1999)), earned);

        Browser operator = Accounts.signedInOperator();
        assertTrue(Browser.html(operator.get("/operator/referral-reviews")).html().contains(payer.toString()));
        assertEquals(303, operator.post("/operator/referral-reviews/" + payer + "/reject").statusCode());

        assertEquals(List.of(new LedgerRows.Row(upline.get(0), 2, "EARNED", 0, 1499),
                new LedgerRows.Row(upline.get(0), 2, "CLAWBACK", -1, -1499),
                new LedgerRows.Row(upline.get(1), 1, "EARNED", 0, 1999),
                new LedgerRows.Row(upline.get(1), 1, "CLAWBACK", -1, -1999)), LedgerRows.rowsOf(upline, invoice),
                "earned rows stay as written; compensating rows bring each line to zero");
        for (UUID earner : upline) {
            assertEquals(0, LedgerRows.notApprovedFromRollup(earner), "the clawback left the held line at zero");
        }
        scopedWork().call(null, null, () -> ledger.recordRefund(invoice, payer, Money.usd(5_000), now()));
        for (UUID earner : upline) {
            assertEquals(Money.usd(0), LedgerRows.amountOf(earner, invoice), "later events change nothing");
        }
        String later = CommissionLedgerDatabaseTest.invoiceId();
        assertEquals(0, CommissionLedgerDatabaseTest.paid(ledger, later, payer, 10_000, now()));
        assertEquals(List.of(), LedgerRows.rowsOf(upline, later), "a rejected referral's invoices earn nothing");
        assertTrue(platformActions(payer).contains("referral.review-rejected"));
        assertFalse(Browser.html(operator.get("/operator/referral-reviews")).html().contains(payer.toString()),
                "a decided referral leaves the queue");
    }

    @Test
    void wonDisputeOnAHeldReferralReturnsItsLinesToHeldNotPending() {
        UUID sponsor = ReferralPeople.signUpDirectly("held-dispute");
        UUID payer = signUpThroughLink(sponsor, new Browser(), "hd" + UUID.randomUUID().toString().substring(0, 8)
                + "@guerrillamail.com");
        String invoice = CommissionLedgerDatabaseTest.invoiceId();
        Instant at = now();
        CommissionLedgerDatabaseTest.paid(ledger, invoice, payer, 10_000, at);
        scopedWork().run(null, null, () -> ledger.recordDisputeOpened(invoice, payer, "dp_held", at));
        assertEquals("FROZEN", LedgerRows.statusOf(sponsor, invoice, 1));
        scopedWork().call(null, null, () -> ledger.recordDisputeClosed(invoice, payer, "dp_held", false, at));
        assertEquals("HELD", LedgerRows.statusOf(sponsor, invoice, 1), "the review still decides");
    }

    @Test
    void reviewPageIsForTheOperatorOnly() {
        Browser someone = new Browser();
        Accounts.signUp(someone, Accounts.uniqueEmail("not-operator"), "Not operator");
        assertEquals(404, someone.get("/operator/referral-reviews").statusCode());
    }

    private static UUID signUpThroughLink(UUID sponsor, Browser browser, String email) {
        assertEquals(303, browser.get("/r/" + codeOf(sponsor)).statusCode());
        Accounts.signUp(browser, email, "Workspace " + email.substring(0, 6));
        return Accounts.user(email).id;
    }

    private static ReferralScreening bean() {
        return ReferralPeople.bean(ReferralScreening.class);
    }

    private List<?> platformActions(UUID target) {
        return scopedWork().call(null, null, () -> entityManager.createNativeQuery(
                "select action from platform_audit_entry where target_id = ?1 order by seq")
                .setParameter(1, target.toString()).getResultList());
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
