package pro.dailydoco.core.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import javax.sql.DataSource;

/**
 * Adds to counters on rows many transactions share (one row per month for the whole platform) when the transaction
 * commits, not where the change happens. An upsert holds its row's lock until commit: made in the middle of a long
 * transaction — the seven ledger lines of a paid invoice — it made every other transaction of that month wait for
 * the whole of it, so paid invoices were recorded one after another whatever the number of workers
 * (docs/decisions/0121-shared-monthly-counters-added-at-commit.md). Collected here, each row gets one upsert just
 * before commit, rows in a fixed order (no deadlocks between two such transactions), in the same transaction — on the
 * connection the transaction's other statements use, taken when the first increment is collected, because nothing may
 * join a transaction once it is completing — so the
 * counters still change exactly when the facts they count are committed, and not at all on rollback.
 * <p>
 * Only for counters nothing reads back in the same transaction; tables, key and columns are code constants. What is
 * collected is undone only with the whole transaction: a rollback to a savepoint would keep the increments made after
 * it, so no caller adds inside a savepoint (the application sets none). Hibernate's own before-completion hook
 * ({@code ActionQueue.registerProcess}, on the session's connection) would do the same job; the connection the pool
 * enlisted for the transaction is the one the session uses, so nothing is gained by reaching into Hibernate's SPI.
 */
@ApplicationScoped
public class CommitTimeCounters {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]*");

    private final TransactionSynchronizationRegistry registry;
    private final DataSource dataSource;

    CommitTimeCounters(TransactionSynchronizationRegistry registry, DataSource dataSource) {
        this.registry = registry;
        this.dataSource = dataSource;
    }

    /**
     * When the current transaction commits, adds {@code delta} to {@code column} of the row of {@code table} whose
     * {@code keyColumn} is {@code key} (created with the column's default elsewhere when missing).
     *
     * @throws IllegalStateException outside a transaction
     */
    public void add(String table, String keyColumn, Object key, String column, long delta) {
        add(table, keyColumn, key, null, column, delta);
    }

    /**
     * As {@link #add}, for a row under a per-person policy on {@code app.user_id}: at commit the row is written with
     * {@code app.user_id} set to {@code owner} (transaction-local), so it passes its own owner's policy whoever the
     * transaction last acted as; the previous setting is restored afterwards.
     */
    public void addAsOwner(String table, String keyColumn, Object key, java.util.UUID owner, String column, long delta) {
        add(table, keyColumn, key, java.util.Objects.requireNonNull(owner), column, delta);
    }

    private void add(String table, String keyColumn, Object key, java.util.UUID owner, String column, long delta) {
        for (String identifier : List.of(table, keyColumn, column)) {
            if (!IDENTIFIER.matcher(identifier).matches()) {
                throw new IllegalArgumentException("Not a column or table name: " + identifier);
            }
        }
        pending().add(new RowKey(table, keyColumn, key, owner), column, delta);
    }

    private Pending pending() {
        int status = registry.getTransactionStatus();
        if (status != Status.STATUS_ACTIVE && status != Status.STATUS_MARKED_ROLLBACK) {
            throw new IllegalStateException("Counters are added at commit: a transaction must be active");
        }
        Pending pending = (Pending) registry.getResource(Pending.class);
        if (pending == null) {
            try {
                // Within a transaction the pool hands out the transaction's own connection.
                pending = new Pending(dataSource.getConnection());
            } catch (SQLException e) {
                throw new IllegalStateException("No connection for the transaction's counters", e);
            }
            registry.putResource(Pending.class, pending);
            registry.registerInterposedSynchronization(pending);
        }
        return pending;
    }

    /** One shared row; ordered by table, then key as text (ISO dates sort by time), so locks are taken in order. */
    private record RowKey(String table, String keyColumn, Object key, java.util.UUID owner) implements Comparable<RowKey> {

        @Override
        public int compareTo(RowKey other) {
            int byTable = table.compareTo(other.table);
            return byTable != 0 ? byTable : String.valueOf(key).compareTo(String.valueOf(other.key));
        }
    }

    /** The increments of one transaction, written on its connection just before it commits. */
    private static final class Pending implements Synchronization {

        private final Connection connection;
        private final Map<RowKey, Map<String, Long>> rows = new TreeMap<>();

        Pending(Connection connection) {
            this.connection = connection;
        }

        synchronized void add(RowKey row, String column, long delta) {
            rows.computeIfAbsent(row, k -> new TreeMap<>()).merge(column, delta, Long::sum);
        }

        @Override
        public synchronized void beforeCompletion() {
            try (connection) {
                String actingAs = null;
                boolean switched = false;
                for (Map.Entry<RowKey, Map<String, Long>> row : rows.entrySet()) {
                    RowKey key = row.getKey();
                    if (key.owner() != null) {
                        if (!switched) {
                            actingAs = setting(connection);
                            switched = true;
                        }
                        actAs(connection, key.owner().toString());
                    }
                    List<String> columns = new ArrayList<>(row.getValue().keySet());
                    String sql = "insert into " + key.table() + " (" + key.keyColumn() + ", " + String.join(", ", columns)
                            + ") values (?" + ", ?".repeat(columns.size()) + ") on conflict (" + key.keyColumn()
                            + ") do update set " + String.join(", ", columns.stream()
                                    .map(c -> c + " = " + key.table() + "." + c + " + excluded." + c).toList());
                    try (PreparedStatement statement = connection.prepareStatement(sql)) {
                        statement.setObject(1, key.key());
                        for (int i = 0; i < columns.size(); i++) {
                            statement.setLong(i + 2, row.getValue().get(columns.get(i)));
                        }
                        statement.executeUpdate();
                    }
                }
                if (switched) {
                    actAs(connection, actingAs == null ? "" : actingAs);
                }
            } catch (SQLException e) {
                // Thrown from here, it rolls the transaction back: no counter without its facts, nor the reverse.
                throw new IllegalStateException("Could not add to the counters at commit", e);
            }
        }

        private static String setting(Connection connection) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement("select current_setting('app.user_id', true)");
                    java.sql.ResultSet result = statement.executeQuery()) {
                return result.next() ? result.getString(1) : null;
            }
        }

        private static void actAs(Connection connection, String userId) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement("select set_config('app.user_id', ?, true)")) {
                statement.setString(1, userId);
                statement.executeQuery().close();
            }
        }

        @Override
        public void afterCompletion(int status) {
            try {
                connection.close(); // after a rollback beforeCompletion never ran
            } catch (SQLException e) {
                // the pool closes it with the transaction anyway
            }
        }
    }
}
