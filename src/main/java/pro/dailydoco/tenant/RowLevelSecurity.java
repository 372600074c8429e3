package pro.dailydoco.tenant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

import javax.sql.DataSource;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionScoped;

/**
 * The one place that tells PostgreSQL who is asking. At the start of every transaction it writes
 * {@code app.tenant_id} and {@code app.user_id} as transaction-local settings ({@code set_config(..., true)}),
 * which the row-level security policies read. Transaction-local matters: a session-wide setting would survive
 * commit and leak to the next borrower of the pooled connection.
 */
@ApplicationScoped
public class RowLevelSecurity {

    private final DataSource dataSource;
    private final EntityManager entityManager;

    RowLevelSecurity(DataSource dataSource, EntityManager entityManager) {
        this.dataSource = dataSource;
        this.entityManager = entityManager;
    }

    void transactionStarted(@Observes @Initialized(TransactionScoped.class) Object transaction) {
        if (TenantContext.current().map(TenantContext::scopeAwaitsLookup).orElse(false)) {
            return; // a page's transaction: its first statement, the who-is-asking look-up, writes the settings
        }
        apply();
    }

    /**
     * Re-applies the settings inside the running transaction after the context changed (e.g. sign-up acting as the
     * user it just created). Pending changes are flushed first so they are checked under the settings they were
     * made with.
     */
    public void reapply() {
        if (QuarkusTransaction.isActive()) {
            entityManager.flush();
            apply();
        }
    }

    private void apply() {
        TenantContext context = TenantContext.current().orElse(null);
        String tenant = context == null ? "" : context.tenantId().map(UUID::toString).orElse("");
        String user = context == null ? "" : context.userId().map(UUID::toString).orElse("");
        // Agroal hands the same physical connection to Hibernate for the rest of this transaction.
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "select set_config('app.tenant_id', ?, true), set_config('app.user_id', ?, true)")) {
            statement.setString(1, tenant);
            statement.setString(2, user);
            statement.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not set the row-level security context", e);
        }
    }
}
