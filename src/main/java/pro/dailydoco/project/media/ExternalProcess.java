package pro.dailydoco.project.media;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs ffmpeg or ffprobe: arguments as a list (never through a shell, so no file name or title can become a
 * command), under {@code nice}, with a deadline, on the caller's thread (a worker's, never a request's)
 * (docs/decisions/0196-video-processing-jobs.md).
 */
final class ExternalProcess {

    /** What a finished run left: its exit code, standard output, and the end of standard error. */
    record Result(int exitCode, String output, String errorTail) {
    }

    /** The run took longer than allowed, or was cancelled: it was stopped. */
    static final class Stopped extends IOException {
        final boolean cancelled;

        Stopped(String message, boolean cancelled) {
            super(message);
            this.cancelled = cancelled;
        }
    }

    private ExternalProcess() {
    }

    /**
     * Runs {@code command}; each line of standard output goes to {@code lines} as it comes. {@code cancelled} is
     * asked about once a second; when it says yes, or the timeout passes, the process is killed.
     */
    static Result run(List<String> command, int niceness, Duration timeout, Consumer<String> lines,
            BooleanSupplier cancelled) throws IOException {
        List<String> full = new ArrayList<>();
        if (niceness > 0) {
            full.addAll(List.of("nice", "-n", String.valueOf(Math.min(19, niceness))));
        }
        full.addAll(command);
        Path errors = Files.createTempFile("dailydoco-ffmpeg", ".log");
        try {
            Process process = new ProcessBuilder(full).redirectError(errors.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            StringBuffer output = new StringBuffer();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        if (output.length() < 1_000_000) {
                            output.append(line).append('\n');
                        }
                        lines.accept(line);
                    }
                } catch (IOException | RuntimeException e) {
                    // the process died or was killed; its exit code says what happened
                }
            }, "ffmpeg-output");
            reader.setDaemon(true);
            reader.start();
            Instant deadline = Instant.now().plus(timeout);
            try {
                while (!process.waitFor(1, TimeUnit.SECONDS)) {
                    boolean stop = cancelled.getAsBoolean();
                    if (stop || Instant.now().isAfter(deadline)) {
                        process.descendants().forEach(ProcessHandle::destroyForcibly);
                        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                        throw new Stopped(stop ? "cancelled" : "took longer than " + timeout.toMinutes() + " minutes",
                                stop);
                    }
                }
                reader.join(5_000);
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new Stopped("interrupted", false);
            }
            String error = Files.readString(errors, StandardCharsets.UTF_8);
            return new Result(process.exitValue(), output.toString(),
                    error.substring(Math.max(0, error.length() - 2_000)).strip());
        } finally {
            Files.deleteIfExists(errors);
        }
    }
}
