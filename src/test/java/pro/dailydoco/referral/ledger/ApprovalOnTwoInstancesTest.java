package pro.dailydoco.referral.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pro.dailydoco.referral.ReferralPeople.scopedWork;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import pro.dailydoco.core.database.Row;
import pro.dailydoco.referral.ReferralPeople;
import pro.dailydoco.support.TwoNodes;

/**
 * Every node runs the approval job. Two at once over more due lines than one batch approve each line exactly once:
 * every line ends APPROVED, and each earner's not-yet-approved total falls to zero, not below (a line approved twice
 * would take its amount off twice).
 */
@QuarkusTest
class ApprovalOnTwoInstancesTest {

    private static final int INVOICES = 40; // × 7 levels = 280 lines: more than one batch of 200 per node

    @Inject
    CommissionLedger ledger;

    @Inject
    CommissionApprovalJob job;

    @Inject
    EntityManager entityManager;

    @Test
    void twoNodesApprovingAtOnceApproveEveryDueLineOnce() throws Exception {
        List<UUID> chain = ReferralPeople.chain(8, "approve-two-nodes");
        UUID payer = chain.get(7);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        for (int i = 0; i < INVOICES; i++) {
            CommissionLedgerDatabaseTest.paid(ledger, CommissionLedgerDatabaseTest.invoiceId(), payer, 10_000,
                    now.minus(Duration.ofDays(31)));
        }

        List<Integer> approved = TwoNodes.runAtOnce(() -> job.approveDue(now));

        assertTrue(approved.get(0) + approved.get(1) >= INVOICES * 7, "both nodes together approved every line: " + approved);
        for (UUID earner : chain.subList(0, 7)) {
            Row lines = scopedWork().call(null, earner, () -> Row.single(entityManager.createNativeQuery("""
                    select count(*) as lines, count(*) filter (where status = 'APPROVED') as approved,
                        (select coalesce(sum(not_approved_minor), 0) from referral_rollup_balance where user_id = ?1)
                            as not_approved_minor
                    from commission_line where user_id = ?1""", Tuple.class).setParameter(1, earner)));
            assertEquals(INVOICES, lines.longValue("lines"));
            assertEquals(INVOICES, lines.longValue("approved"), "every line of " + earner + " approved");
            assertEquals(0, lines.longValue("not_approved_minor"), "each approval counted once for " + earner);
        }
        assertEquals(0, job.approveDue(now), "nothing left for a third run");
    }
}
