package pro.dailydoco;

import java.nio.file.Path;
import java.util.Map;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import pro.dailydoco.core.database.EmbeddedPostgresServer;

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
            startEmbeddedPostgres();
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
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDirectory, port);
        Map<String, String> config = server.quarkusConfig();
        config.forEach(System::setProperty);
        System.setProperty(STARTED_MARKER, "true");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                // The JVM is going away; PostgreSQL notices its parent is gone and stops on its own.
            }
        }, "embedded-postgres-stop"));
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
