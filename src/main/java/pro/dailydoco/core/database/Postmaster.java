package pro.dailydoco.core.database;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The server process a data directory's {@code postmaster.pid} names (PostgreSQL writes its pid on line 1 and its
 * port on line 4, and removes the file when it stops cleanly).
 */
record Postmaster(long pid, int port) {

    static Optional<Postmaster> of(Path dataDirectory) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(dataDirectory.resolve("postmaster.pid"), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (lines.size() < 4) {
            // Being written by a server that is starting, or cut short by a crash: PostgreSQL decides.
            return Optional.empty();
        }
        try {
            return Optional.of(new Postmaster(Long.parseLong(lines.get(0).strip()), Integer.parseInt(lines.get(3).strip())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A live PostgreSQL server process running on {@code dataDirectory}. */
    boolean runsOn(Path dataDirectory) {
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return false;
        }
        ProcessHandle.Info info = process.get().info();
        boolean postgres = info.command().map(command -> Path.of(command).getFileName().toString())
                .filter(name -> name.equals("postgres") || name.equals("postgres.exe")).isPresent();
        String[] arguments = info.arguments().orElse(null);
        if (postgres && arguments == null) {
            // Some systems hide a process's arguments: a live postgres under the pid its file names is taken at its word.
            return true;
        }
        for (int i = 0; postgres && i + 1 < arguments.length; i++) {
            if (arguments[i].equals("-D") && sameDirectory(Path.of(arguments[i + 1]), dataDirectory)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The pid names a process that has ended but is not yet reaped (a zombie: alive to the kernel, with no program),
     * or one we may not inspect. PostgreSQL counts it as alive and would refuse to start.
     */
    boolean isUnknownProcess() {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(p -> p.info().command().isEmpty()).orElse(false);
    }

    boolean hasEnded() {
        return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    }

    private static boolean sameDirectory(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }
}
