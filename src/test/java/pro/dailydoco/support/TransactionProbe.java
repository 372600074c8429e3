package pro.dailydoco.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import io.quarkus.arc.Arc;

/**
 * Looks at PostgreSQL from outside the code under test, while it waits on something else (e.g. Stripe, played by
 * WireMock, that has not answered yet): which sessions sit in an open transaction, and whether a row can be locked
 * right now.
 */
public final class TransactionProbe {

    private TransactionProbe() {
    }

    /** The last statement of every other session that is inside a transaction but idle (waiting on its client). */
    public static List<String> idleInTransaction() {
        try (Connection c = dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("""
                        select query from pg_stat_activity
                        where datname = current_database() and pid <> pg_backend_pid()
                          and state in ('idle in transaction', 'idle in transaction (aborted)')""")) {
            List<String> queries = new ArrayList<>();
            while (rs.next()) {
                queries.add(rs.getString(1));
            }
            return queries;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Whether another transaction holds a lock on the rows {@code selectForUpdate} locks: another transaction that
     * needs them (as the tenant {@code tenantId}, for row-level security) would wait. Waits at most 500 ms.
     */
    public static boolean wouldWait(UUID tenantId, String selectForUpdate, Object... parameters) {
        try (Connection c = dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement scope = c.prepareStatement(
                    "select set_config('app.tenant_id', ?, true), set_config('lock_timeout', '500ms', true)")) {
                scope.setString(1, tenantId == null ? "" : tenantId.toString());
                scope.execute();
            }
            try (PreparedStatement lock = c.prepareStatement(selectForUpdate)) {
                for (int i = 0; i < parameters.length; i++) {
                    lock.setObject(i + 1, parameters[i]);
                }
                lock.executeQuery().close();
                return false;
            } catch (SQLException e) {
                if ("55P03".equals(e.getSQLState())) {
                    return true;
                }
                throw e;
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DataSource dataSource() {
        return Arc.container().instance(DataSource.class).get();
    }
}
