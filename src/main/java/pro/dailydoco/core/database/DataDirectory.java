package pro.dailydoco.core.database;

import static pro.dailydoco.core.database.EmbeddedPostgresServer.ROLES;
import static pro.dailydoco.core.database.EmbeddedPostgresServer.SUPERUSER;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.postgresql.util.PasswordUtil;

import io.quarkus.logging.Log;
import pro.dailydoco.core.database.EmbeddedPostgresServer.Durability;

/** One data directory of the embedded server, and what PostgreSQL's own programs do to it. */
final class DataDirectory {

    static final String PG_HBA = """
            # Written by DailyDoco when the embedded server starts; any other content is replaced. Every connection,
            # the superuser's included, proves its password (scram-sha-256): see dailydoco-passwords.properties.
            # TYPE  DATABASE  USER  ADDRESS       METHOD
            local   all       all                 scram-sha-256
            host    all       all   127.0.0.1/32  scram-sha-256
            host    all       all   ::1/128       scram-sha-256
            """;
    private static final long SERVER_LOG_LIMIT = 10L * 1024 * 1024;

    private final Path directory;

    DataDirectory(Path directory) {
        this.directory = directory;
    }

    Path path() {
        return directory;
    }

    boolean isInitialised() {
        return Files.exists(directory.resolve("PG_VERSION"));
    }

    void initialise(Durability durability) throws IOException {
        RolePasswords passwords = RolePasswords.generate(ROLES);
        Path superuserPassword = PrivateFiles.temporary(passwords.of(SUPERUSER) + "\n");
        try {
            List<String> arguments = new ArrayList<>(List.of("-D", directory.toString(), "-U", SUPERUSER, "-E", "UTF-8",
                    "--auth=scram-sha-256", "--pwfile=" + superuserPassword));
            if (durability == Durability.FAST_UNSAFE) {
                arguments.add("--no-sync");
            }
            binaries().run("initdb", arguments, null);
        } finally {
            Files.deleteIfExists(superuserPassword);
        }
        passwords.writeTo(directory);
        PrivateFiles.write(directory.resolve("pg_hba.conf"), PG_HBA);
        Log.infof("Created the embedded PostgreSQL data directory %s", directory);
    }

    /**
     * A directory made before passwords existed (trust for every loopback connection, passwords fixed in code), or
     * whose password file was deleted, gets new passwords and password authentication.
     */
    RolePasswords secure() throws IOException, SQLException {
        RolePasswords passwords = RolePasswords.read(directory, ROLES);
        Path hba = directory.resolve("pg_hba.conf");
        if (passwords != null && Files.exists(hba) && Files.readString(hba).equals(PG_HBA)) {
            return passwords;
        }
        if (passwords == null) {
            passwords = RolePasswords.generate(ROLES);
            passwords.writeTo(directory);
        }
        // In single-user mode nothing listens: the superuser is never open to a connection while it changes. The
        // other roles get theirs once the server runs (EmbeddedPostgresServer), every start.
        binaries().run("postgres", List.of("--single", "-D", directory.toString(), "-c", "exit_on_error=on", SUPERUSER),
                PasswordUtil.genAlterUserPasswordSQL(SUPERUSER, passwords.of(SUPERUSER).toCharArray(), "scram-sha-256")
                        + ";\n");
        PrivateFiles.write(hba, PG_HBA);
        Log.infof("The embedded PostgreSQL in %s now asks every connection for its password (scram-sha-256); "
                + "the roles' new passwords are in %s", directory, RolePasswords.FILE_NAME);
        return passwords;
    }

    /**
     * A server still running on the directory while nobody holds its lock was left by an app that was killed. It is
     * stopped (fast shutdown: a checkpoint, nothing lost) rather than adopted: it runs with the settings, port and
     * authentication of whatever version started it.
     */
    void stopServerLeftRunning() throws IOException {
        Optional<Postmaster> found = Postmaster.of(directory);
        if (found.isEmpty()) {
            return;
        }
        Postmaster left = found.get();
        if (left.runsOn(directory)) {
            Log.warnf("Stopping the embedded PostgreSQL (pid %d, port %d) that an earlier run left running in %s",
                    left.pid(), left.port(), directory);
            stop(left);
            return;
        }
        // A server killed a moment ago is a zombie until its parent reaps it, and PostgreSQL would take it for a
        // live server. Once it is gone, the stale postmaster.pid is PostgreSQL's to replace (it recovers from its WAL).
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (left.isUnknownProcess() && System.nanoTime() < deadline) {
            sleep(100);
        }
    }

    void stop(Postmaster postmaster) throws IOException {
        try {
            binaries().run("pg_ctl", List.of("-D", directory.toString(), "-m", "fast", "-w", "-t", "60", "stop"), null);
        } catch (IOException e) {
            if (!postmaster.runsOn(directory)) {
                Log.warnf("The embedded PostgreSQL in %s ended without a clean shutdown; it recovers from its WAL at "
                        + "the next start", directory);
                return;
            }
            Log.warnf("The embedded PostgreSQL in %s did not stop in time; stopping it at once (it recovers from its "
                    + "WAL at the next start): %s", directory, e.getMessage());
            binaries().run("pg_ctl", List.of("-D", directory.toString(), "-m", "immediate", "-w", "-t", "30", "stop"), null);
        }
    }

    Postmaster start(int port, Durability durability) throws IOException {
        Path log = directory.resolve("log").resolve("postgresql.log");
        Files.createDirectories(log.getParent());
        if (Files.exists(log) && Files.size(log) > SERVER_LOG_LIMIT) {
            Files.move(log, log.resolveSibling("postgresql.log.1"), StandardCopyOption.REPLACE_EXISTING);
        }
        String settings = durability == Durability.DURABLE
                ? "-c fsync=on -c synchronous_commit=on"
                : "-c fsync=off -c synchronous_commit=off";
        for (int attempt = 1;; attempt++) {
            int chosenPort = port > 0 ? port : freePort();
            long logStart = Files.exists(log) ? Files.size(log) : 0;
            // No Unix socket: the server answers on loopback TCP only, and nothing is left in /tmp.
            String options = "-p " + chosenPort + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=''"
                    + " -c max_connections=100 -c timezone=UTC " + settings;
            try {
                binaries().run("pg_ctl", List.of("-D", directory.toString(), "-l", log.toString(), "-o", options, "-w",
                        "-t", "60", "start"), null);
            } catch (IOException e) {
                String serverLog = readFrom(log, logStart);
                if (port == 0 && attempt < 3 && serverLog.contains("could not bind")) {
                    continue;
                }
                throw new IOException(e.getMessage() + "\nServer log (" + log + "):\n" + serverLog.strip(), e);
            }
            return Postmaster.of(directory)
                    .orElseThrow(() -> new IOException("PostgreSQL started without a postmaster.pid in " + directory));
        }
    }

    private static PostgresBinaries binaries() throws IOException {
        return PostgresBinaries.unpacked();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String readFrom(Path file, long offset) {
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(offset);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted", e);
        }
    }
}
