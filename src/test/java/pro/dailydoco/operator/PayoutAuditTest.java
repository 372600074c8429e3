package pro.dailydoco.operator;

import pro.dailydoco.referral.payout.PayoutBatchReports;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import pro.dailydoco.referral.ReferralPeople;
import pro.dailydoco.referral.ledger.CommissionApprovalJob;
import pro.dailydoco.referral.ledger.CommissionLedger;
import pro.dailydoco.referral.ledger.CommissionLedgerDatabaseTest;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;
import pro.dailydoco.tenant.ScopedWork;

/**
 * Money leaving the platform is on the platform's audit chain with the operator who moved it: every batch run, every
 * Connect transfer and every change of a payout destination (docs/decisions/0102-payouts-on-the-audit-chain.md).
 */
@QuarkusTest
class PayoutAuditTest {

    @Inject
    CommissionLedger ledger;

    @Inject
    CommissionApprovalJob approvals;

    @Inject
    ScopedWork scopedWork;

    @Inject
    EntityManager entityManager;

    @Inject
    PayoutBatchReports operatorPayouts;

    /** One platform audit entry as read back: actor, action, target, outcome and details. */
    record Entry(UUID actor, String actorKind, String action, String targetId, String outcome, String details) {
    }

    @Test
    void aBatchItsTransferAndTheDestinationChangesNameTheOperator() {
        String connectedEmail = Accounts.uniqueEmail("audit-connect");
        Accounts.signUp(new Browser(), connectedEmail, "Audited earner");
        UUID connected = Accounts.user(connectedEmail).id;
        Instant paidAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        CommissionLedgerDatabaseTest.paid(ledger, CommissionLedgerDatabaseTest.invoiceId(),
                ReferralPeople.signUpThroughLinkOf(connected, "audit-payer"), 30_000, paidAt);
        approvals.approveDue(paidAt.plus(Duration.ofDays(31)));

        Browser operator = Operators.signedIn();
        UUID operatorId = Accounts.user(Operators.EMAIL).id;
        operator.get("/operator/payout-destinations").then().statusCode(200); // the form's CSRF token
        assertEquals(303, operator.post("/operator/payout-destinations", "email", connectedEmail,
                "accountId", "acct_1AuditFirst0001").statusCode());
        assertEquals(303, operator.post("/operator/payout-destinations", "email", connectedEmail,
                "accountId", "acct_1AuditSecond002").statusCode());
        List<Entry> destinationChanges = entries("referral.payout-destination-recorded", connected.toString());
        assertEquals(2, destinationChanges.size(), destinationChanges.toString());
        assertTrue(destinationChanges.stream().allMatch(e -> operatorId.equals(e.actor()) && "OPERATOR".equals(e.actorKind())));
        assertTrue(destinationChanges.get(1).details().contains("\"previousStripeAccount\":\"acct_1AuditFirst0001\""),
                "the change names the account it replaced: " + destinationChanges.get(1));
        assertTrue(destinationChanges.get(1).details().contains("\"stripeAccount\":\"acct_1AuditSecond002\""));

        String batchId = "audit-" + UUID.randomUUID().toString().substring(0, 8);
        operator.get("/operator/payouts").then().statusCode(200);
        assertEquals(303, operator.post("/operator/payouts/run", "batchId", batchId).statusCode());
        PayoutBatchReports.Batch batch = operatorPayouts.batch(batchId).orElseThrow();

        List<Entry> runs = entries("referral.payout-batch-run", batchId);
        assertEquals(1, runs.size(), runs.toString());
        assertEquals(operatorId, runs.get(0).actor());
        assertTrue(runs.get(0).details().contains("\"payouts\":\"" + batch.payouts() + "\""), runs.get(0).details());
        assertTrue(runs.get(0).details().contains("\"totalMinor\":\"" + batch.total().minor() + "\""), runs.get(0).details());
        assertEquals(operatorId, scopedWork.call(null, null, () -> entityManager.createNativeQuery(
                "select run_by from payout_batch where batch_id = ?1").setParameter(1, batchId).getSingleResult()),
                "the batch records who ran it");

        String payoutId = batchId + ":" + connected;
        List<Entry> transfers = entries("referral.payout-transferred", payoutId);
        assertEquals(1, transfers.size(), transfers.toString());
        assertEquals(operatorId, transfers.get(0).actor());
        assertEquals("SUCCESS", transfers.get(0).outcome());
        assertTrue(transfers.get(0).details().contains("\"amountMinor\":\"6000\""), transfers.get(0).details());
        assertTrue(transfers.get(0).details().contains("\"stripeAccount\":\"acct_1AuditSecond002\""));
        assertTrue(transfers.get(0).details().contains("\"stripeTransfer\":\"tr_"), transfers.get(0).details());

        assertEquals(303, operator.post("/operator/payouts/run", "batchId", batchId).statusCode());
        assertEquals(2, entries("referral.payout-batch-run", batchId).size(), "a re-run is a run too, and is on record");
        assertEquals(1, entries("referral.payout-transferred", payoutId).size(), "no second transfer, so no second entry");
    }

    private List<Entry> entries(String action, String targetId) {
        return scopedWork.call(null, null, () -> ((List<?>) entityManager.createNativeQuery("""
                select actor_user_id, actor_kind, action, target_id, outcome, details from platform_audit_entry
                where action = ?1 and target_id = ?2 order by seq""").setParameter(1, action).setParameter(2, targetId)
                .getResultList()).stream().map(Object[].class::cast)
                .map(r -> new Entry((UUID) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4], String.valueOf(r[5])))
                .toList());
    }
}
