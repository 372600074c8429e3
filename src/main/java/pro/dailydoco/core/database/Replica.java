package pro.dailydoco.core.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.eclipse.microprofile.config.ConfigProvider;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.InjectableInstance;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The streaming replica that reads which may lag are served from, when one is configured
 * (docs/decisions/0216-lag-tolerant-reads-on-a-replica.md). A read is served there only when the replica answers at
 * once, is in recovery (a physical copy: the same rows and the same row-level security policies) and its copy of the
 * heartbeat row is at most {@code dailydoco.replica.max-lag} old; otherwise the caller reads the primary. A replica
 * that failed to answer is left alone for {@code retry-after}, so a replica that is down costs one failed connection
 * per node, not one per page.
 */
@ApplicationScoped
public class Replica {

    static final String URL_PROPERTY = "quarkus.datasource.\"replica\".jdbc.url";

    private final AgroalDataSource replica;
    private final DataSource primary;
    private final ReplicaConfig config;
    private final AtomicLong servedHere = new AtomicLong();
    private final AtomicLong fellBack = new AtomicLong();
    private volatile long leftAloneUntil = System.nanoTime();

    Replica(@io.quarkus.agroal.DataSource("replica") InjectableInstance<AgroalDataSource> replica, DataSource primary,
            ReplicaConfig config) {
        // Without a URL the named datasource is inactive: asking for it would fail, so it is not asked for.
        boolean configured = ConfigProvider.getConfig().getOptionalValue(URL_PROPERTY, String.class)
                .filter(url -> !url.isBlank()).isPresent();
        this.replica = configured ? replica.get() : null;
        this.primary = primary;
        this.config = config;
    }

    public boolean isConfigured() {
        return replica != null;
    }

    /** Reads served by the replica since start (the tests' and operators' evidence). */
    public long servedByReplica() {
        return servedHere.get();
    }

    /** Reads that wanted the replica and went to the primary: too far behind, not answering, or not a replica. */
    public long fellBackToPrimary() {
        return fellBack.get();
    }

    /**
     * Runs {@code work} on the replica, in a read-only transaction of its own whose row-level security settings are
     * {@code tenantId} and {@code userId} (empty: none), written transaction-locally as on the primary. Empty when no
     * replica is configured or it may not serve this read now: the caller then reads the primary.
     */
    public <T> Optional<T> read(String tenantId, String userId, SqlWork<T> work) {
        if (replica == null) {
            return Optional.empty();
        }
        if (System.nanoTime() - leftAloneUntil < 0) {
            fellBack.incrementAndGet();
            return Optional.empty();
        }
        try (Connection connection = replica.getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (!currentEnough(connection, tenantId, userId)) {
                    fellBack.incrementAndGet();
                    return Optional.empty();
                }
                T result = work.run(connection);
                servedHere.incrementAndGet();
                return Optional.of(result);
            } finally {
                connection.rollback(); // nothing was written: ending the transaction is all that is left
            }
        } catch (SQLException e) {
            String state = e.getSQLState();
            if (state == null || state.startsWith("08") || state.startsWith("57")) {
                // Not answering, or shutting down: stay away for a while (each page would otherwise wait for it).
                leftAloneUntil = System.nanoTime() + config.retryAfter().toNanos();
                Log.warnf("The replica did not answer (%s); reading the primary for %s", e.getMessage(), config.retryAfter());
            } else {
                // A read cancelled by replay (a recovery conflict), say: this read goes to the primary.
                Log.debugf("A read on the replica failed (%s %s); reading the primary", state, e.getMessage());
            }
            fellBack.incrementAndGet();
            return Optional.empty();
        }
    }

    /** One round trip: the row-level security settings, and whether this server is a replica close enough behind. */
    private boolean currentEnough(Connection connection, String tenantId, String userId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                select set_config('app.tenant_id', ?, true) as tenant, set_config('app.user_id', ?, true) as person,
                    pg_is_in_recovery() as in_recovery,
                    (select extract(epoch from (now() - beat_at)) * 1000 from replica_heartbeat where id = 1) as lag_ms""")) {
            statement.setString(1, tenantId == null ? "" : tenantId);
            statement.setString(2, userId == null ? "" : userId);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                if (!rs.getBoolean("in_recovery")) {
                    // Promoted, or the URL names a primary: its data may not be this primary's. Fall back, loudly.
                    Log.warn("The replica URL names a server that is not in recovery; reads stay on the primary");
                    return false;
                }
                double lagMillis = rs.getDouble("lag_ms");
                return !rs.wasNull() && lagMillis <= config.maxLag().toMillis();
            }
        }
    }

    /**
     * Stamps the heartbeat on the primary while a replica is configured. Every node does: the stamp keeps coming
     * while any node runs, and one more update a second per node costs nothing.
     */
    @Scheduled(every = "${dailydoco.replica.heartbeat-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void beat() {
        if (replica == null) {
            return;
        }
        try (Connection connection = primary.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("update replica_heartbeat set beat_at = now() where id = 1");
        } catch (SQLException e) {
            Log.debugf("Heartbeat not written: %s", e.getMessage());
        }
    }
}
