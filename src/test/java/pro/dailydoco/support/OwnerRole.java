package pro.dailydoco.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A connection as the role that owns the tables (the one Flyway migrates as), for tests that must plant what the
 * application could never write — a stray ledger row, say — to prove a check sees it. The owner is still subject to
 * the FORCEd row-level policies, so the caller sets the scope it writes in, transaction-locally.
 */
public final class OwnerRole {

    private OwnerRole() {
    }

    public interface Work {
        void run(Connection connection) throws SQLException;
    }

    /** Runs {@code work} in one transaction as the owner, with {@code app.user_id} set to {@code userId}. */
    public static void asUser(java.util.UUID userId, Work work) {
        Config config = ConfigProvider.getConfig();
        String url = config.getOptionalValue("quarkus.flyway.jdbc-url", String.class)
                .orElseGet(() -> config.getValue("quarkus.datasource.jdbc.url", String.class));
        try (Connection c = DriverManager.getConnection(url, config.getValue("quarkus.flyway.username", String.class),
                config.getValue("quarkus.flyway.password", String.class))) {
            c.setAutoCommit(false);
            try (PreparedStatement scope = c.prepareStatement("select set_config('app.user_id', ?, true)")) {
                scope.setString(1, userId.toString());
                scope.execute();
            }
            work.run(c);
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not write as the owner role", e);
        }
    }
}
