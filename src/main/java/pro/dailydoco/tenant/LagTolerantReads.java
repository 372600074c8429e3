package pro.dailydoco.tenant;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import pro.dailydoco.core.database.Replica;
import pro.dailydoco.core.database.SqlWork;

/**
 * Reads that may be a few seconds behind (dashboards, the leaderboard, operator analytics) run here: on the replica
 * when one is configured and close enough behind, otherwise on the primary inside the caller's transaction
 * (docs/decisions/0216-lag-tolerant-reads-on-a-replica.md). Either way the same SQL runs under the same row-level
 * security settings: the current workspace and {@code userId}. Who is asking, sign-in, money and anything a write
 * depends on never come here: they read the primary in their own transaction.
 */
@ApplicationScoped
public class LagTolerantReads {

    private final Replica replica;
    private final DataSource primary;
    private final RowLevelSecurity rowLevelSecurity;
    private final EntityManager entityManager;

    LagTolerantReads(Replica replica, DataSource primary, RowLevelSecurity rowLevelSecurity, EntityManager entityManager) {
        this.replica = replica;
        this.primary = primary;
        this.rowLevelSecurity = rowLevelSecurity;
        this.entityManager = entityManager;
    }

    /**
     * Runs {@code work} (which must answer a value, never null) as {@code userId} in the current workspace; null
     * {@code userId}: whoever the unit of work names. On the primary it runs in the caller's transaction, which must
     * be active (the service method is {@code @Transactional}).
     */
    public <T> T read(UUID userId, SqlWork<T> work) {
        TenantContext context = TenantContext.current().orElse(null);
        UUID user = userId != null ? userId : context == null ? null : context.userId().orElse(null);
        String tenant = context == null ? "" : context.tenantId().map(UUID::toString).orElse("");
        Optional<T> fromReplica = replica.read(tenant, user == null ? "" : user.toString(), work);
        return fromReplica.isPresent() ? fromReplica.get() : onPrimary(context, user, work);
    }

    private <T> T onPrimary(TenantContext context, UUID user, SqlWork<T> work) {
        if (!QuarkusTransaction.isActive()) {
            throw new IllegalStateException("A lag-tolerant read falls back to the primary in the caller's transaction");
        }
        UUID previous = context == null ? null : context.userId().orElse(null);
        boolean switchUser = context != null && user != null && !user.equals(previous);
        if (switchUser) {
            context.setUserId(user);
            rowLevelSecurity.reapply();
        } else {
            entityManager.flush(); // this transaction's own changes are seen by the plain SQL below
        }
        // Inside the transaction Agroal hands out the transaction's own connection, settings already written.
        try (Connection connection = primary.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("A read on the primary failed", e);
        } finally {
            if (switchUser) {
                context.setUserId(previous);
                rowLevelSecurity.reapply();
            }
        }
    }
}
