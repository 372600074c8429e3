package pro.dailydoco.core.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * V6–V19's comments were rewritten after they landed; a database migrated before that still starts: its recorded
 * checksums move to the new text's, and only those.
 */
@QuarkusTest
class LandedMigrationCommentsTest {

    @Inject
    Flyway flyway;

    @Test
    void theNewChecksumsAreTheOnesFlywayComputesForTheFiles() throws SQLException {
        try (Connection c = flyway.getConfiguration().getDataSource().getConnection()) {
            for (Map.Entry<String, int[]> e : LandedMigrationComments.REWRITTEN.entrySet()) {
                assertEquals(e.getValue()[1], recordedChecksum(c, e.getKey()), "V" + e.getKey());
            }
        }
    }

    @Test
    void aDatabaseMigratedWithTheOldCommentsIsRepairedAndValidates() throws SQLException {
        int[] v10 = LandedMigrationComments.REWRITTEN.get("10");
        try (Connection c = flyway.getConfiguration().getDataSource().getConnection()) {
            setChecksum(c, "10", v10[0]); // as a database migrated before the edit has it
            Flyway withoutRepair = Flyway.configure().configuration(flyway.getConfiguration()).callbacks(new org.flywaydb.core.api.callback.Callback[0]).load();
            assertFalse(withoutRepair.validateWithResult().validationSuccessful, "the old checksum no longer validates");

            flyway.migrate(); // as at start-up

            assertEquals(v10[1], recordedChecksum(c, "10"));
            assertTrue(withoutRepair.validateWithResult().validationSuccessful);
        }
    }

    @Test
    void aChecksumThatIsNeitherTheOldNorTheNewOneIsLeftForValidationToRefuse() throws SQLException {
        int[] v8 = LandedMigrationComments.REWRITTEN.get("8");
        try (Connection c = flyway.getConfiguration().getDataSource().getConnection()) {
            setChecksum(c, "8", 12345);
            try {
                assertEquals(0, LandedMigrationComments.repair(c, "flyway_schema_history"));
                assertEquals(12345, recordedChecksum(c, "8"));
            } finally {
                setChecksum(c, "8", v8[1]);
            }
        }
    }

    private static int recordedChecksum(Connection c, String version) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(
                "select checksum from flyway_schema_history where version = ? and success")) {
            q.setString(1, version);
            try (ResultSet rs = q.executeQuery()) {
                assertTrue(rs.next(), "V" + version + " is recorded");
                return rs.getInt("checksum");
            }
        }
    }

    private static void setChecksum(Connection c, String version, int checksum) throws SQLException {
        try (PreparedStatement u = c.prepareStatement("update flyway_schema_history set checksum = ? where version = ?")) {
            u.setInt(1, checksum);
            u.setString(2, version);
            assertEquals(1, u.executeUpdate());
        }
    }
}
