package pro.dailydoco.referral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static pro.dailydoco.referral.ReferralPeople.bean;
import static pro.dailydoco.referral.ReferralPeople.scopedWork;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import pro.dailydoco.referral.ledger.CommissionLedger;
import pro.dailydoco.referral.ledger.CommissionLedgerDatabaseTest;

/** Commission rows, tree rows and codes belong to their user: raw SQL as another user sees and changes nothing. */
@QuarkusTest
class ReferralRowLevelSecurityTest {

    @Inject
    CommissionLedger ledger;

    @Test
    void userACannotReadOrWriteUserBsCommissionRowsWithRawSql() {
        List<UUID> chain = ReferralPeople.chain(3, "rls");
        UUID a = chain.get(0);
        UUID b = chain.get(1);
        String invoice = CommissionLedgerDatabaseTest.invoiceId();
        CommissionLedgerDatabaseTest.paid(ledger, invoice, chain.get(2), 10_000, Instant.now());

        scopedWork().run(null, a, () -> {
            assertEquals(0, count("select count(*) from commission_entry where user_id = ?", b));
            assertEquals(1, count("select count(*) from commission_entry where invoice_id = ?", invoice), "only A's own row");
            assertEquals(0, count("select count(*) from commission_line where user_id = ?", b));
            assertEquals(0, count("select count(*) from commission_invoice where invoice_id = ?", invoice), "the payer's header");
        });
        assertEquals("42501", sqlState(a, "update commission_entry set amount_minor = 0 where user_id = ?", a),
                "amount rows are append-only, even one's own");
        assertEquals("42501", sqlState(a, "delete from commission_entry where user_id = ?", a));
        assertEquals("42501", sqlState(a, """
                insert into commission_entry (invoice_id, user_id, level, kind, discriminator, amount_minor, currency,
                    plan_version, rate_bp, recorded_at)
                values ('%s', ?, 1, 'ADJUSTMENT', 1, 100000, 'USD', 1, 2000, now())""".formatted(invoice), b),
                "writing another user's row is refused");
        scopedWork().run(null, b, () -> assertEquals(1, count("select count(*) from commission_entry where invoice_id = ?", invoice)));
    }

    @Test
    void withoutAUserNoReferralRowIsVisible() {
        List<UUID> chain = ReferralPeople.chain(2, "rls-none");
        ReferralPeople.codeOf(chain.get(0));
        scopedWork().run(null, null, () -> {
            assertEquals(0, count("select count(*) from referral_tree where user_id = ?", chain.get(1)));
            assertEquals(0, count("select count(*) from referral_code where user_id = ?", chain.get(0)));
            assertEquals(0, count("select count(*) from referral_attribution where user_id = ?", chain.get(1)));
        });
        scopedWork().run(null, chain.get(0), () -> assertEquals(1,
                count("select count(*) from referral_tree where ancestor_user_id = ?", chain.get(0)), "a sponsor sees their downline"));
    }

    private static long count(String sql, Object parameter) {
        try (Connection c = bean(DataSource.class).getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, parameter);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sqlState(UUID actingUser, String sql, Object parameter) {
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> scopedWork().run(null, actingUser, () -> {
            try (Connection c = bean(DataSource.class).getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
                s.setObject(1, parameter);
                s.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }));
        return ((SQLException) failure.getCause()).getSQLState();
    }
}
