package pro.dailydoco.referral.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pro.dailydoco.referral.ReferralPeople.scopedWork;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import pro.dailydoco.core.Money;
import pro.dailydoco.referral.ReferralPeople;
import pro.dailydoco.referral.tree.ReferralRollups;
import pro.dailydoco.support.HeldTransactions;

/**
 * Two payers' invoices are recorded side by side, not one after another: the platform's monthly commission counter
 * is added to at commit, so a transaction still recording one invoice does not hold up another's
 * (docs/decisions/0121-shared-monthly-counters-added-at-commit.md) — and the counter still adds up both.
 */
@QuarkusTest
class ConcurrentInvoicesTest {

    @Inject
    CommissionLedger ledger;

    @Inject
    DataSource dataSource;

    @Test
    void anInvoiceIsRecordedWhileAnotherPayersInvoiceIsStillInItsTransaction() throws Exception {
        UUID payerA = ReferralPeople.signUpThroughLinkOf(ReferralPeople.signUpDirectly("side-a"), "side-pa");
        UUID payerB = ReferralPeople.signUpThroughLinkOf(ReferralPeople.signUpDirectly("side-b"), "side-pb");
        Instant paidAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        long before = earnedIn(paidAt);

        boolean sideBySide = HeldTransactions.finishesWhileHeld(
                wait -> scopedWork().run(null, null, () -> {
                    ledger.recordInvoicePaid(CommissionLedgerDatabaseTest.invoiceId(), payerA, "cus_" + payerA, null,
                            Money.usd(10_000), paidAt);
                    wait.run();
                }),
                () -> CommissionLedgerDatabaseTest.paid(ledger, CommissionLedgerDatabaseTest.invoiceId(), payerB,
                        10_000, paidAt),
                10);

        assertTrue(sideBySide, "the second invoice waited for the first one's transaction");
        assertEquals(before + 2 * 2_000, earnedIn(paidAt), "each sponsor earns 20 % of 10,000; the month has both");
    }

    private long earnedIn(Instant at) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "select coalesce(sum(earned_minor), 0) from referral_commission_month where month = ?")) {
            s.setObject(1, ReferralRollups.monthOf(at));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
