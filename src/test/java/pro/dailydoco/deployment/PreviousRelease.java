package pro.dailydoco.deployment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The release the running nodes may still be on while this one rolls out: the commit named in
 * deploy/PREVIOUS_RELEASE (docs/decisions/0220-expand-deploy-contract-migrations.md). Read from the repository's own
 * git history, so it needs a clone with history, no network.
 */
final class PreviousRelease {

    static final Path FILE = Path.of("deploy/PREVIOUS_RELEASE");
    static final String MIGRATIONS = "src/main/resources/db/migration";

    private PreviousRelease() {
    }

    /** The full commit hash on the first line of deploy/PREVIOUS_RELEASE that is not a comment. */
    static String commit() throws IOException {
        String commit = Files.readAllLines(FILE).stream().map(String::trim)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).findFirst()
                .orElseThrow(() -> new IllegalStateException(FILE + " names no commit"));
        if (!commit.matches("[0-9a-f]{40}")) {
            throw new IllegalStateException(FILE + " must name a full 40-digit commit hash, not " + commit);
        }
        return commit;
    }

    /** The migration file names the previous release shipped. */
    static Set<String> migrationFiles(String commit) throws IOException, InterruptedException {
        String listing = run(Path.of("."), Duration.ofSeconds(30), "git", "ls-tree", "--name-only", commit + ":" + MIGRATIONS);
        return listing.lines().map(String::trim).filter(l -> l.endsWith(".sql")).collect(Collectors.toSet());
    }

    /**
     * The previous release's runnable jar, built once per commit into target/previous-release/&lt;commit&gt;/ from
     * {@code git archive} with the local Maven repository only (offline), and reused by later runs.
     */
    static Path jar(String commit) throws IOException, InterruptedException {
        Path home = Path.of("target", "previous-release", commit).toAbsolutePath();
        Path jar = home.resolve("src/target/quarkus-app/quarkus-run.jar");
        if (Files.isRegularFile(jar)) {
            return jar;
        }
        Path src = home.resolve("src");
        Files.createDirectories(src);
        Path archive = home.resolve("source.tar");
        run(Path.of("."), Duration.ofMinutes(1), "git", "archive", "--format=tar", "-o", archive.toString(), commit);
        run(src, Duration.ofMinutes(1), "tar", "-xf", archive.toString());
        Files.delete(archive);
        // Tests are neither compiled nor run: only the jar is wanted. -o: the tests never reach the network.
        run(src, Duration.ofMinutes(8), "./mvnw", "-o", "-q", "-B", "package", "-Dmaven.test.skip=true");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Building the previous release left no " + jar);
        }
        return jar;
    }

    /** Runs a command, failing with its output when it fails or outlives the limit. Returns its standard output. */
    static String run(Path directory, Duration limit, String... command) throws IOException, InterruptedException {
        Path output = Files.createTempFile("previous-release", ".out");
        try {
            Process process = new ProcessBuilder(List.of(command)).directory(directory.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            boolean finished = process.waitFor(limit.toSeconds(), TimeUnit.SECONDS);
            if (!finished) {
                process.destroyForcibly();
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            if (!finished || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + (finished ? " failed" : " took too long")
                        + " in " + directory + ":\n" + tail(text, 4000));
            }
            return text;
        } finally {
            Files.deleteIfExists(output);
        }
    }

    static String tail(String text, int chars) {
        return text.length() <= chars ? text : "…" + text.substring(text.length() - chars);
    }
}
