package pro.dailydoco.billing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

/** Reads the platform-scope event store for assertions (no tenant context needed). */
final class BillingTestData {

    private BillingTestData() {
    }

    static long storedEvents(DataSource dataSource) {
        return (Long) query(dataSource, "select count(*) from stripe_event", null);
    }

    static long storedEvents(DataSource dataSource, String eventId) {
        return (Long) query(dataSource, "select count(*) from stripe_event where event_id = ?", eventId);
    }

    static String eventStatus(DataSource dataSource, String eventId) {
        return (String) query(dataSource, "select status from stripe_event where event_id = ?", eventId);
    }

    static Integer eventAttempts(DataSource dataSource, String eventId) {
        return (Integer) query(dataSource, "select attempts from stripe_event where event_id = ?", eventId);
    }

    static String eventError(DataSource dataSource, String eventId) {
        return (String) query(dataSource, "select last_error from stripe_event where event_id = ?", eventId);
    }

    private static Object query(DataSource dataSource, String sql, String parameter) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            if (parameter != null) {
                s.setString(1, parameter);
            }
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getObject(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
