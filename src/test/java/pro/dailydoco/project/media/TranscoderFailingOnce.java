package pro.dailydoco.project.media;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * The application's Transcoder whose first run finds its source unreadable (real ffmpeg, given a path that is not
 * there, fails as it would on a file that vanished from a network volume); every later run is the real one.
 */
public class TranscoderFailingOnce extends Transcoder {

    private final AtomicInteger runs = new AtomicInteger();
    private final String videoId;

    /** Fails the first run on the upload of this video only (other queued videos are processed as usual). */
    public TranscoderFailingOnce(MediaConfig config, String videoId) {
        super(config);
        this.videoId = videoId;
    }

    /** Runs on that video's upload. */
    public int runs() {
        return runs.get();
    }

    @Override
    public Output transcode(Path input, Probe probe, Path work, Progress progress, BooleanSupplier cancelled)
            throws IOException {
        if (!input.toString().contains(videoId)) {
            return super.transcode(input, probe, work, progress, cancelled);
        }
        Path source = runs.getAndIncrement() == 0 ? input.resolveSibling("briefly-unreadable") : input;
        return super.transcode(source, probe, work, progress, cancelled);
    }
}
