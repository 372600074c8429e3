package pro.dailydoco;

import java.nio.file.Path;
import java.util.Map;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import pro.dailydoco.core.database.DataDirectoryInUse;
import pro.dailydoco.core.database.EmbeddedPostgresServer;
import pro.dailydoco.core.database.EmbeddedPostgresServer.Durability;

/**
 * Starts the embedded PostgreSQL server before Quarkus when no external database is configured, so that
 * {@code ./mvnw quarkus:dev} and {@code java -jar target/quarkus-app/quarkus-run.jar} need nothing but a JDK.
 */
@QuarkusMain
public class Main {

    static final String STARTED_MARKER = "dailydoco.embedded-postgres.started";

    public static void main(String... args) throws Exception {
        if (externalDatabaseConfigured()) {
            Log.info("Using the database configured by QUARKUS_DATASOURCE_JDBC_URL");
        } else if (System.getProperty(STARTED_MARKER) == null) {
            // System properties outlive dev-mode restarts (new class loader, same JVM): start once per JVM.
            try {
                startEmbeddedPostgres();
            } catch (DataDirectoryInUse e) {
                // A situation, not a bug: one line that says what to do, no stack trace. Printed, not logged: until
                // Quarkus.run sets logging up, log records wait in a buffer that exiting now would throw away.
                System.err.println("DailyDoco cannot start: " + e.getMessage()
                        + ". Stop that process, or set DAILYDOCO_PGDATA to another directory.");
                System.exit(1);
            }
        }
        Quarkus.run(args);
    }

    private static boolean externalDatabaseConfigured() {
        return notBlank(System.getenv("QUARKUS_DATASOURCE_JDBC_URL"))
                || notBlank(System.getProperty("quarkus.datasource.jdbc.url"));
    }

    private static void startEmbeddedPostgres() throws Exception {
        Path dataDirectory = Path.of(env("DAILYDOCO_PGDATA",
                Path.of(System.getProperty("user.home"), ".dailydoco", "pgdata").toString()));
        int port = Integer.parseInt(env("DAILYDOCO_PGPORT", "0"));
        // Durable in dev mode too: only the tests' throw-away server trades that for speed
        // (docs/decisions/0080-embedded-postgresql-durable-and-authenticated.md).
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDirectory, port, Durability.DURABLE);
        Map<String, String> config = server.quarkusConfig();
        config.forEach(System::setProperty);
        System.setProperty(STARTED_MARKER, "true");
        // The server stops when the JVM exits (its own shutdown hook).
        Log.infof("Embedded PostgreSQL at %s (data in %s)", server.jdbcUrl(), dataDirectory);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return notBlank(value) ? value : fallback;
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }
}
