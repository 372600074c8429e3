package pro.dailydoco.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import pro.dailydoco.support.HeldTransactions;
import pro.dailydoco.tenant.ScopedWork;

/**
 * The operator's month row is shared by every paid invoice of the month: it is added to at commit, so one webhook's
 * transaction does not hold up another's for its whole length
 * (docs/decisions/0121-shared-monthly-counters-added-at-commit.md); a rolled-back transaction adds nothing.
 */
@QuarkusTest
class RevenueRollupsConcurrencyTest {

    /** A month no other test writes to. */
    private static final LocalDate MONTH = LocalDate.of(2031, 7, 1);

    @Inject
    RevenueRollups rollups;

    @Inject
    DataSource dataSource;

    @Inject
    ScopedWork scopedWork;

    @Test
    void twoTransactionsAddToTheSameMonthSideBySideAndARollbackAddsNothing() throws Exception {
        long before = revenueOf(MONTH);
        boolean sideBySide = HeldTransactions.finishesWhileHeld(
                wait -> scopedWork.run(null, null, () -> {
                    rollups.addToMonth(MONTH, "subscription_revenue_cents", 9_900);
                    wait.run();
                }),
                () -> scopedWork.run(null, null,
                        () -> rollups.addToMonth(MONTH, "subscription_revenue_cents", 2_900)),
                10);
        assertTrue(sideBySide, "the second transaction waited for the first one's");
        assertEquals(before + 12_800, revenueOf(MONTH));

        try {
            scopedWork.run(null, null, () -> {
                rollups.addToMonth(MONTH, "subscription_revenue_cents", 1_000_000);
                throw new IllegalStateException("the webhook failed after the roll-up");
            });
        } catch (IllegalStateException expected) {
            // rolled back
        }
        assertEquals(before + 12_800, revenueOf(MONTH), "nothing of a rolled-back transaction is added");
    }

    private long revenueOf(LocalDate month) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "select coalesce(sum(subscription_revenue_cents), 0) from analytics_month where month = ?")) {
            s.setObject(1, month);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
