package pro.dailydoco.core.database;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A real streaming replica of the tests' embedded PostgreSQL, made the way an operator makes one, with the programs
 * the embedded binaries have ({@code initdb}, {@code pg_ctl}, {@code postgres}; no {@code pg_basebackup}): a
 * physical replication slot, a base backup through the low-level API ({@code pg_backup_start}, a copy of the data
 * directory, {@code pg_backup_stop} whose label goes into {@code backup_label}), {@code standby.signal} and
 * {@code primary_conninfo}. The replica then streams from the primary like any hot standby.
 */
public final class TestReplica implements AutoCloseable {

    private static final String SLOT = "dailydoco_test_replica";
    /** What a base backup leaves out: the running server's files, its WAL (streamed instead) and our own files. */
    private static final Set<String> NOT_COPIED = Set.of("postmaster.pid", "postmaster.opts", "pg_wal", "pg_replslot",
            "log", "pg_stat_tmp", DataDirectoryLock.FILE_NAME, "backup_label", "tablespace_map");

    private final EmbeddedPostgresServer primary;
    private final Path directory;
    private final int port;
    private final String superuserPassword;

    private TestReplica(EmbeddedPostgresServer primary, Path directory, int port, String superuserPassword) {
        this.primary = primary;
        this.directory = directory;
        this.port = port;
        this.superuserPassword = superuserPassword;
    }

    /** Takes a base backup of {@code primary} and starts a hot standby streaming from it. */
    public static TestReplica start(EmbeddedPostgresServer primary) throws IOException, SQLException {
        Path source = primary.dataDirectory();
        String superuser = RolePasswords.read(source, EmbeddedPostgresServer.ROLES).of(EmbeddedPostgresServer.SUPERUSER);
        Path hba = source.resolve("pg_hba.conf");
        if (!Files.readString(hba).contains("replication")) {
            Files.writeString(hba, "host    replication  postgres  127.0.0.1/32  scram-sha-256\n", StandardOpenOption.APPEND);
        }
        Path directory = Files.createTempDirectory("dailydoco-test-replica",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        int port = freePort();
        try (Connection connection = connect(primary.port(), superuser, "postgres");
                Statement statement = connection.createStatement()) {
            statement.execute("select pg_reload_conf()");
            statement.execute("select pg_drop_replication_slot(slot_name) from pg_replication_slots where slot_name = '"
                    + SLOT + "'");
            // Reserved now: the WAL from the backup's start on is kept until the replica has streamed it.
            statement.execute("select pg_create_physical_replication_slot('" + SLOT + "', true)");
            statement.execute("select pg_backup_start('test replica', true)");
            copy(source, directory);
            try (ResultSet rs = statement.executeQuery("select labelfile from pg_backup_stop(false)")) {
                rs.next();
                Files.writeString(directory.resolve("backup_label"), rs.getString(1));
            }
        }
        Files.createDirectories(directory.resolve("pg_wal").resolve("archive_status"));
        Files.createDirectories(directory.resolve("pg_replslot"));
        Files.createFile(directory.resolve("standby.signal"));
        Files.writeString(directory.resolve("postgresql.auto.conf"), "primary_conninfo = 'host=127.0.0.1 port="
                + primary.port() + " user=postgres password=" + superuser + " application_name=test_replica'\n"
                + "primary_slot_name = '" + SLOT + "'\nhot_standby = on\n", StandardOpenOption.APPEND);
        TestReplica replica = new TestReplica(primary, directory, port, superuser);
        replica.startServer();
        return replica;
    }

    private void startServer() throws IOException {
        Path log = directory.resolve("log").resolve("postgresql.log");
        Files.createDirectories(log.getParent());
        PostgresBinaries.unpacked().run("pg_ctl", List.of("-D", directory.toString(), "-l", log.toString(), "-o",
                "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=off"
                        // at least the primary's settings: a hot standby refuses to run with fewer
                        + " -c timezone=UTC -c max_connections=100",
                "-w", "-t", "60", "start"), null);
    }

    /** Starts it again after {@link #stop}. */
    public void restart() throws IOException {
        startServer();
    }

    /** Stops the replica at once (as if its machine went away). */
    public void stop() throws IOException {
        PostgresBinaries.unpacked().run("pg_ctl", List.of("-D", directory.toString(), "-m", "immediate", "-w", "stop"), null);
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + EmbeddedPostgresServer.DATABASE;
    }

    /** A superuser connection to the replica (to pause and resume replay). */
    public Connection superuser() throws SQLException {
        return connect(port, superuserPassword, EmbeddedPostgresServer.DATABASE);
    }

    /** Pauses replay: the replica keeps receiving WAL but its data stays as it is, so it falls behind. */
    public void pauseReplay() throws SQLException {
        try (Connection c = superuser(); Statement s = c.createStatement()) {
            s.execute("select pg_wal_replay_pause()");
        }
    }

    public void resumeReplay() throws SQLException {
        try (Connection c = superuser(); Statement s = c.createStatement()) {
            s.execute("select pg_wal_replay_resume()");
        }
    }

    @Override
    public void close() throws IOException {
        try {
            stop();
        } catch (IOException e) {
            // already stopped
        }
        try (Connection connection = connect(primary.port(), superuserPassword, "postgres");
                Statement statement = connection.createStatement()) {
            // A slot nobody reads would keep the primary's WAL for ever.
            statement.execute("select pg_drop_replication_slot(slot_name) from pg_replication_slots where slot_name = '"
                    + SLOT + "'");
        } catch (SQLException e) {
            // the primary is gone too: nothing to release
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static void copy(Path source, Path target) throws IOException {
        try (Stream<Path> top = Files.list(source)) {
            for (Path entry : top.toList()) {
                if (!NOT_COPIED.contains(entry.getFileName().toString())) {
                    copyTree(entry, target.resolve(entry.getFileName().toString()));
                }
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (Files.isDirectory(from)) {
            Files.createDirectories(to);
            try (Stream<Path> children = Files.list(from)) {
                for (Path child : children.toList()) {
                    copyTree(child, to.resolve(child.getFileName().toString()));
                }
            }
        } else {
            try {
                Files.copy(from, to);
            } catch (java.nio.file.NoSuchFileException e) {
                // A file the running server removed while we copied: replay of the WAL recreates what matters.
            }
        }
    }

    private static Connection connect(int port, String password, String database) throws SQLException {
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("user", EmbeddedPostgresServer.SUPERUSER);
        properties.setProperty("password", password);
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, properties);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

}
