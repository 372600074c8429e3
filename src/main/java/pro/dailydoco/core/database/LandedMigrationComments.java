package pro.dailydoco.core.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;

import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.FluentConfiguration;

import io.quarkus.flyway.FlywayConfigurationCustomizer;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Landed migrations are never edited, with one exception: V6–V19's comments once cited decisions by numbers a reader
 * of the repository could not find, and now cite docs/decisions instead. Flyway checksums comments too, so a database
 * migrated before that edit would refuse to start. Before validation this moves exactly those recorded checksums
 * from the old text's to the new text's — only where the old one is found, so nothing else is ever rewritten.
 * (docs/operations.md, "Upgrading": an instance of an earlier release started after this ran fails validation.)
 */
@ApplicationScoped
public class LandedMigrationComments implements FlywayConfigurationCustomizer {

    /** Version → {checksum of the file before the comment edit, checksum after}, as Flyway computes them. */
    static final Map<String, int[]> REWRITTEN = Map.of(
            "6", new int[] { 86385942, 1990252032 },
            "8", new int[] { 10382122, -1860078838 },
            "10", new int[] { -1591676547, 1224831884 },
            "15", new int[] { -1672185035, 1645804827 },
            "16", new int[] { -1790195205, -1070354811 },
            "17", new int[] { 806230279, 994417831 },
            "18", new int[] { 1238787303, 937233581 },
            "19", new int[] { -13306092, 1377120406 });

    @Override
    public void customize(FluentConfiguration configuration) {
        Callback[] existing = configuration.getCallbacks();
        Callback[] callbacks = java.util.Arrays.copyOf(existing, existing.length + 1);
        callbacks[existing.length] = new Repair(configuration.getTable());
        configuration.callbacks(callbacks);
    }

    /** Rewrites the recorded checksums of the comment-only edits; returns how many rows it changed. */
    static int repair(Connection connection, String historyTable) throws SQLException {
        int changed = 0;
        try (PreparedStatement update = connection.prepareStatement("update " + historyTable
                + " set checksum = ? where version = ? and checksum = ?")) {
            for (Map.Entry<String, int[]> e : REWRITTEN.entrySet()) {
                update.setInt(1, e.getValue()[1]);
                update.setString(2, e.getKey());
                update.setInt(3, e.getValue()[0]);
                changed += update.executeUpdate();
            }
        }
        return changed;
    }

    private record Repair(String historyTable) implements Callback {

        @Override
        public boolean supports(Event event, Context context) {
            return event == Event.BEFORE_VALIDATE || event == Event.BEFORE_MIGRATE;
        }

        @Override
        public boolean canHandleInTransaction(Event event, Context context) {
            return true;
        }

        @Override
        public void handle(Event event, Context context) {
            try {
                if (!historyExists(context.getConnection())) {
                    return; // a new database: nothing recorded yet
                }
                int changed = repair(context.getConnection(), historyTable);
                if (changed > 0) {
                    Log.infof("Updated the recorded checksums of %d landed migration(s) whose comments were rewritten",
                            changed);
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Could not update the checksums of rewritten migration comments", e);
            }
        }

        private boolean historyExists(Connection connection) throws SQLException {
            try (PreparedStatement query = connection.prepareStatement("select to_regclass(?) is not null as present")) {
                query.setString(1, historyTable);
                try (var rs = query.executeQuery()) {
                    return rs.next() && rs.getBoolean("present");
                }
            }
        }

        @Override
        public String getCallbackName() {
            return "landed-migration-comments";
        }
    }
}
