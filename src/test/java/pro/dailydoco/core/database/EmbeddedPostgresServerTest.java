package pro.dailydoco.core.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import pro.dailydoco.core.database.EmbeddedPostgresServer.Durability;

/**
 * The embedded default keeps its data between runs, and sets up the owner and app roles each time. It keeps what it
 * acknowledged, asks every connection for a password generated for its directory, and copes with a killed app.
 * Real processes throughout: the server, the killed app (another JVM) and the second app (another JVM).
 */
class EmbeddedPostgresServerTest {

    /** A directory initialised once (fast) and copied, so that most tests skip initdb. */
    private static Path template;

    @BeforeAll
    static void initialiseTemplate() throws Exception {
        template = Files.createTempDirectory("dailydoco-template");
        EmbeddedPostgresServer.start(template, 0, Durability.FAST_UNSAFE).close();
    }

    @Test
    void dataSurvivesARestartOnTheSameDirectory() throws Exception {
        Path directory = Files.createTempDirectory("dailydoco-restart");
        try (EmbeddedPostgresServer first = EmbeddedPostgresServer.start(directory, 0)) {
            Map<String, String> config = first.quarkusConfig();
            try (Connection c = DriverManager.getConnection(first.jdbcUrl(), config.get("quarkus.flyway.username"),
                    config.get("quarkus.flyway.password")); Statement s = c.createStatement()) {
                s.execute("create table kept (value text)");
                s.execute("insert into kept values ('still here')");
            }
        }
        try (EmbeddedPostgresServer second = EmbeddedPostgresServer.start(directory, 0)) {
            Map<String, String> config = second.quarkusConfig();
            try (Connection c = DriverManager.getConnection(second.jdbcUrl(), config.get("quarkus.flyway.username"),
                    config.get("quarkus.flyway.password")); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select value from kept")) {
                rs.next();
                assertEquals("still here", rs.getString(1));
            }
            try (Connection c = DriverManager.getConnection(second.jdbcUrl(), config.get("quarkus.datasource.username"),
                    config.get("quarkus.datasource.password")); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select rolsuper or rolbypassrls from pg_roles where rolname = current_user")) {
                rs.next();
                assertEquals(false, rs.getBoolean(1), "the app role obeys row-level security");
            }
        }
    }

    @Test
    void theAppsServerIsDurableAndOnlyTheTestsTurnThatOff() throws Exception {
        Path directory = copyOfTemplate();
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(directory, 0)) {
            assertEquals(List.of("on", "on"), settings(server, "fsync", "synchronous_commit"));
        }
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(directory, 0, Durability.FAST_UNSAFE)) {
            assertEquals(List.of("off", "off"), settings(server, "fsync", "synchronous_commit"));
        }
    }

    @Test
    void everyConnectionNeedsItsRolesPasswordTheSuperusersToo() throws Exception {
        Path directory = copyOfTemplate();
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(directory, 0, Durability.FAST_UNSAFE)) {
            String url = "jdbc:postgresql://127.0.0.1:" + server.port() + "/";
            for (String role : EmbeddedPostgresServer.ROLES) {
                assertRefused(url + "postgres", role, null);
                assertRefused(url + "postgres", role, "");
                assertRefused(url + "postgres", role, "wrong");
                assertRefused(url + EmbeddedPostgresServer.DATABASE, role, role); // the passwords once fixed in code
            }
            try (Connection c = DriverManager.getConnection(url + "postgres", EmbeddedPostgresServer.SUPERUSER,
                    passwords(directory).of(EmbeddedPostgresServer.SUPERUSER)); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery(
                            "select count(*) from pg_hba_file_rules where auth_method <> 'scram-sha-256' or error is not null")) {
                rs.next();
                assertEquals(0, rs.getInt(1), "pg_hba.conf has no rule but scram-sha-256");
            }
        }
    }

    @Test
    void passwordsAreGeneratedPerDataDirectoryAndOnlyItsOwnerCanReadThem() throws Exception {
        Path other = Files.createTempDirectory("dailydoco-fresh");
        EmbeddedPostgresServer.start(other, 0, Durability.FAST_UNSAFE).close();
        for (Path directory : List.of(template, other)) {
            assertEquals("rw-------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(RolePasswords.file(directory))));
        }
        RolePasswords first = passwords(template);
        RolePasswords second = passwords(other);
        for (String role : EmbeddedPostgresServer.ROLES) {
            assertTrue(first.of(role).length() >= 40, "at least 32 random bytes");
            assertNotEquals(first.of(role), second.of(role), role);
        }
        assertEquals(3, first.byRole().values().stream().distinct().count(), "one password per role");
    }

    @Test
    void aDirectoryMadeBeforePasswordsGetsThemAndKeepsItsData() throws Exception {
        Path directory = Files.createTempDirectory("dailydoco-old");
        // Exactly as the previous version set it up: trust for every loopback connection, passwords fixed in code.
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(directory).setCleanDataDirectory(false)
                .setServerConfig("listen_addresses", "127.0.0.1").setServerConfig("max_connections", "100").start()) {
            try (Connection c = old.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("create role dailydoco_owner login nosuperuser nobypassrls nocreaterole password 'dailydoco_owner'");
                s.execute("create role dailydoco_app login nosuperuser nobypassrls nocreaterole password 'dailydoco_app'");
                s.execute("create database dailydoco owner dailydoco_owner");
            }
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + old.getPort() + "/dailydoco",
                    "dailydoco_owner", "dailydoco_owner"); Statement s = c.createStatement()) {
                s.execute("create table kept (value text)");
                s.execute("insert into kept values ('from before')");
            }
        }
        assertFalse(Files.exists(RolePasswords.file(directory)));

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(directory, 0, Durability.FAST_UNSAFE)) {
            assertEquals(DataDirectory.PG_HBA, Files.readString(directory.resolve("pg_hba.conf")));
            assertEquals("rw-------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(RolePasswords.file(directory))));
            String url = "jdbc:postgresql://127.0.0.1:" + server.port() + "/";
            for (String role : EmbeddedPostgresServer.ROLES) {
                assertRefused(url + "postgres", role, null);
                assertRefused(url + "postgres", role, role);
            }
            Map<String, String> config = server.quarkusConfig();
            try (Connection c = DriverManager.getConnection(server.jdbcUrl(), config.get("quarkus.datasource.username"),
                    config.get("quarkus.datasource.password")); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select rolsuper or rolbypassrls from pg_roles where rolname = current_user")) {
                rs.next();
                assertFalse(rs.getBoolean(1));
            }
            assertEquals("from before", ownerReads(server, "select value from kept"));
        }
    }

    @Test
    void aServerLeftRunningByAKilledAppIsStoppedCleanlyAndTheNextStartRuns() throws Exception {
        Path directory = copyOfTemplate();
        Process app = java(ServerOfAKilledApp.class.getName(), directory, List.of(directory.toString()));
        long leftPid;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("READY ")) {
                // the child's log
            }
            assertTrue(line != null, "the child app started its server");
            leftPid = Long.parseLong(line.substring("READY ".length()));
            app.destroyForcibly(); // SIGKILL: no shutdown hook runs
            app.waitFor(30, TimeUnit.SECONDS);
        }
        Postmaster left = Postmaster.of(directory).orElseThrow();
        assertEquals(leftPid, left.pid());
        assertTrue(left.runsOn(directory), "its PostgreSQL outlived the app");

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(directory, 0, Durability.FAST_UNSAFE)) {
            assertFalse(left.runsOn(directory), "the server left running was stopped");
            assertNotEquals(leftPid, Postmaster.of(directory).orElseThrow().pid());
            assertEquals("written by the killed app", ownerReads(server, "select value from kept"));
        }
    }

    @Test
    void aSecondAppOnTheSameDirectorySaysSoInOneLineAndExits() throws Exception {
        Path directory = copyOfTemplate();
        try (EmbeddedPostgresServer first = EmbeddedPostgresServer.start(directory, 0, Durability.FAST_UNSAFE)) {
            assertThrows(DataDirectoryInUse.class,
                    () -> EmbeddedPostgresServer.start(directory, 0, Durability.FAST_UNSAFE).close());

            Process second = java("pro.dailydoco.Main", directory, List.of());
            String output = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(second.waitFor(60, TimeUnit.SECONDS));
            assertEquals(1, second.exitValue(), output);
            List<String> errors = output.lines().filter(line -> line.contains("cannot start")).toList();
            assertEquals(1, errors.size(), output);
            assertTrue(errors.get(0).contains(directory + " is in use by another process (its PostgreSQL runs as pid "
                    + Postmaster.of(directory).orElseThrow().pid() + " on port " + first.port() + ")"), output);
            assertFalse(output.contains("Exception") || output.contains("\tat "), "no stack trace:\n" + output);
            assertEquals("still served", ownerReads(first, "select 'still served'"), "the first app's server is untouched");
        }
    }

    @Test
    void aCommittedRowSurvivesKill9OfPostgres() throws Exception {
        Path directory = copyOfTemplate();
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(directory, 0);
        ownerExecutes(server, "create table kept (value text)");
        ownerExecutes(server, "insert into kept values ('acknowledged')");
        Postmaster killed = Postmaster.of(directory).orElseThrow();
        ProcessHandle postmaster = ProcessHandle.of(killed.pid()).orElseThrow();
        List<ProcessHandle> all = new ArrayList<>(postmaster.descendants().toList());
        all.add(0, postmaster);
        all.forEach(ProcessHandle::destroyForcibly); // SIGKILL, at once: nothing gets to flush
        for (int i = 0; i < 100 && killed.runsOn(directory); i++) {
            Thread.sleep(50);
        }
        assertFalse(killed.runsOn(directory));
        server.close(); // nothing left to stop; lets go of the directory, as a killed app would

        try (EmbeddedPostgresServer restarted = EmbeddedPostgresServer.start(directory, 0)) {
            assertEquals("acknowledged", ownerReads(restarted, "select value from kept"));
        }
    }

    /** The app that gets killed: starts a server on the directory, writes a row, and waits. */
    public static final class ServerOfAKilledApp {
        public static void main(String... args) throws Exception {
            EmbeddedPostgresServer server = EmbeddedPostgresServer.start(Path.of(args[0]), 0, Durability.FAST_UNSAFE);
            ownerExecutes(server, "create table kept (value text)");
            ownerExecutes(server, "insert into kept values ('written by the killed app')");
            System.out.println("READY " + Postmaster.of(Path.of(args[0])).orElseThrow().pid());
            System.out.flush();
            Thread.sleep(TimeUnit.MINUTES.toMillis(5));
        }
    }

    private static Process java(String mainClass, Path dataDirectory, List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("QUARKUS_DATASOURCE_JDBC_URL");
        builder.environment().remove("DAILYDOCO_PGPORT");
        builder.environment().put("DAILYDOCO_PGDATA", dataDirectory.toString());
        return builder.start();
    }

    private static Path copyOfTemplate() throws IOException {
        Path copy = Files.createTempDirectory("dailydoco-copy");
        try (Stream<Path> paths = Files.walk(template)) {
            for (Path source : paths.toList()) {
                Path target = copy.resolve(template.relativize(source).toString());
                if (source.equals(template) || source.getFileName().toString().equals(DataDirectoryLock.FILE_NAME)) {
                    continue;
                }
                Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        return copy;
    }

    private static RolePasswords passwords(Path directory) throws IOException {
        return RolePasswords.read(directory, EmbeddedPostgresServer.ROLES);
    }

    private static List<String> settings(EmbeddedPostgresServer server, String... names) throws SQLException {
        List<String> values = new ArrayList<>();
        for (String name : names) {
            values.add(ownerReads(server, "show " + name));
        }
        return values;
    }

    private static void assertRefused(String url, String role, String password) {
        SQLException refused = assertThrows(SQLException.class, () -> DriverManager.getConnection(url, role, password).close(),
                role + " with password " + password);
        // 28P01: wrong password; 08004: no password given to a server that asks for one (scram-sha-256).
        assertTrue(List.of("28P01", "08004").contains(refused.getSQLState()), refused.getSQLState() + " " + refused.getMessage());
    }

    private static Connection owner(EmbeddedPostgresServer server) throws SQLException {
        Map<String, String> config = server.quarkusConfig();
        return DriverManager.getConnection(server.jdbcUrl(), config.get("quarkus.flyway.username"),
                config.get("quarkus.flyway.password"));
    }

    private static void ownerExecutes(EmbeddedPostgresServer server, String sql) throws SQLException {
        try (Connection c = owner(server); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String ownerReads(EmbeddedPostgresServer server, String sql) throws SQLException {
        try (Connection c = owner(server); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
