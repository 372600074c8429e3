package pro.dailydoco.project.media;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** ffprobe and ffmpeg as this instance has them: whether they are installed, and probing a file. */
@ApplicationScoped
public class MediaTools {

    /** How long a "missing" or "present" answer is trusted before asking the system again. */
    private static final Duration RECHECK = Duration.ofMinutes(1);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MediaConfig config;
    private volatile Boolean available;
    private volatile long checkedAt;

    MediaTools(MediaConfig config) {
        this.config = config;
    }

    /** Says clearly in the log at start-up when uploads could not be processed here. */
    void atStartup(@Observes StartupEvent event) {
        if (!available()) {
            Log.warnf("ffmpeg/ffprobe not found (%s, %s): uploaded videos will wait unprocessed. Install Debian's "
                    + "ffmpeg package (apt-get install ffmpeg) or set dailydoco.video.ffmpeg and .ffprobe.",
                    config.ffmpeg(), config.ffprobe());
        } else {
            Log.infof("ffmpeg found: uploaded videos are processed by this instance (%d threads, nice %d)",
                    config.threads(), config.niceness());
        }
    }

    /** Whether both programs run here; checked at most once a minute. */
    public boolean available() {
        Boolean known = available;
        if (known != null && System.nanoTime() - checkedAt < RECHECK.toNanos()) {
            return known;
        }
        boolean found = runs(config.ffmpeg()) && runs(config.ffprobe());
        available = found;
        checkedAt = System.nanoTime();
        return found;
    }

    private static boolean runs(String program) {
        try {
            return ExternalProcess.run(List.of(program, "-version"), 0, Duration.ofSeconds(20), line -> {
            }, () -> false).exitCode() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Probes a file with ffprobe's JSON output.
     *
     * @throws Probe.Refused when it is not a video we process (the message says why)
     */
    public Probe probe(Path file) throws IOException, Probe.Refused {
        ExternalProcess.Result result = ExternalProcess.run(List.of(config.ffprobe(), "-v", "error", "-print_format",
                "json", "-show_format", "-show_streams", file.toString()), config.niceness(),
                Duration.ofMinutes(2).compareTo(config.processTimeout()) < 0 ? Duration.ofMinutes(2) : config.processTimeout(),
                line -> {
                }, () -> false);
        if (result.exitCode() != 0) {
            throw new Probe.Refused("The file is not a video we can read: please upload an MP4, MOV, WebM or MKV "
                    + "video.");
        }
        JsonNode json = JSON.readTree(result.output());
        return Probe.of(json);
    }
}
