package pro.dailydoco.referral;

import static pro.dailydoco.referral.ReferralPeople.scopedWork;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

import pro.dailydoco.core.Money;

/** Reads the PostgreSQL ledger the way a user would: with raw SQL, as that user, under row-level security. */
public final class LedgerRows {

    /** One amount row, as (level, kind, discriminator, amount) — what the in-memory model's rows say too. */
    public record Row(UUID earner, int level, String kind, long discriminator, long amount) {
    }

    private LedgerRows() {
    }

    public static List<Row> rowsOf(UUID earner, String invoiceId) {
        return scopedWork().call(null, earner, () -> query(
                "select user_id, level, kind, discriminator, amount_minor from commission_entry where invoice_id = ? order by id",
                invoiceId));
    }

    public static List<Row> rowsOf(List<UUID> earners, String invoiceId) {
        List<Row> rows = new ArrayList<>();
        earners.forEach(earner -> rows.addAll(rowsOf(earner, invoiceId)));
        return rows;
    }

    public static Money amountOf(UUID earner, String invoiceId) {
        return Money.usd(rowsOf(earner, invoiceId).stream().mapToLong(Row::amount).sum());
    }

    public static String statusOf(UUID earner, String invoiceId, int level) {
        return scopedWork().call(null, earner, () -> {
            try (Connection c = ReferralPeople.bean(DataSource.class).getConnection();
                    PreparedStatement s = c.prepareStatement(
                            "select status from commission_line where invoice_id = ? and level = ? and user_id = ?")) {
                s.setString(1, invoiceId);
                s.setInt(2, level);
                s.setObject(3, earner);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** The earner's lines that are not APPROVED, summed from every raw row (what the dashboard avoids reading). */
    public static long notApprovedFromRawRows(UUID earner) {
        return scopedWork().call(null, earner, () -> longOf("""
                select coalesce(sum(e.amount_minor), 0) from commission_line l join commission_entry e
                  on e.user_id = l.user_id and e.invoice_id = l.invoice_id and e.level = l.level
                where l.user_id = ? and l.status <> 'APPROVED'""", earner));
    }

    /** The earner's not-approved balance as the roll-up keeps it (both writers' rows, V19). */
    public static long notApprovedFromRollup(UUID earner) {
        return scopedWork().call(null, earner, () -> longOf(
                "select coalesce(sum(not_approved_minor), 0) from referral_rollup_balance where user_id = ?", earner));
    }

    private static long longOf(String sql, UUID user) {
        try (Connection c = ReferralPeople.bean(DataSource.class).getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, user);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<Row> query(String sql, Object parameter) {
        try (Connection c = ReferralPeople.bean(DataSource.class).getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            if (parameter != null) {
                s.setObject(1, parameter);
            }
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row((UUID) rs.getObject(1), rs.getInt(2), rs.getString(3), rs.getLong(4), rs.getLong(5)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
