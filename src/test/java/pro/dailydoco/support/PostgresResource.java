package pro.dailydoco.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import pro.dailydoco.core.database.EmbeddedPostgresServer;
import pro.dailydoco.core.database.EmbeddedPostgresServer.Durability;

/**
 * The real PostgreSQL the tests run on: the same embedded server the app uses by default, in a temporary
 * directory on a free port, started once per test run. With QUARKUS_DATASOURCE_JDBC_URL set, that server is
 * used instead.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    private static EmbeddedPostgresServer server;
    private static Map<String, String> config;

    @Override
    public synchronized Map<String, String> start() {
        if (System.getenv("QUARKUS_DATASOURCE_JDBC_URL") != null) {
            return Map.of();
        }
        if (server == null) {
            try {
                Path directory = Files.createTempDirectory("dailydoco-test-pg");
                // A throw-away directory: speed over durability (the app itself always runs durable).
                server = EmbeddedPostgresServer.start(directory, 0, Durability.FAST_UNSAFE);
                config = server.quarkusConfig();
            } catch (Exception e) {
                throw new IllegalStateException("Could not start the embedded PostgreSQL for tests", e);
            }
        }
        return config;
    }

    @Override
    public void stop() {
        // Kept for the whole JVM: later test profiles reuse it; the shutdown hook stops the server.
    }

    /** The embedded server of this run; null when the tests run on a server named by QUARKUS_DATASOURCE_JDBC_URL. */
    public static EmbeddedPostgresServer server() {
        return server;
    }

    public static String jdbcUrl() {
        return config == null ? System.getenv("QUARKUS_DATASOURCE_JDBC_URL") : config.get("quarkus.datasource.jdbc.url");
    }
}
