package pro.dailydoco.project.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns a probed upload into what the player needs, in a work directory: {@code video.mp4} (H.264/AAC, fast start),
 * HLS renditions under {@code hls/<height>/} with {@code hls/master.m3u8}, {@code poster.jpg}, and
 * {@code thumbs/0001.jpg}… one every N seconds (docs/decisions/0196-video-processing-jobs.md).
 */
@ApplicationScoped
public class Transcoder {

    /** Where the work is, for the page: a stage's name and the percentage of the whole. */
    public interface Progress {
        void report(Stage stage, int percent);
    }

    public enum Stage {
        PROBING("Checking the file"), ENCODING("Encoding the MP4"), RENDITIONS("Preparing streaming renditions"),
        IMAGES("Making the poster and thumbnails");

        private final String label;

        Stage(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** The renditions made, highest first. */
    public record Output(List<Integer> renditions, int thumbnails) {
    }

    private final MediaConfig config;

    Transcoder(MediaConfig config) {
        this.config = config;
    }

    /** The HLS heights for a source: the configured ones it reaches, or its own height when it reaches none. */
    public List<Integer> ladder(int sourceHeight) {
        List<Integer> heights = config.renditions().stream().filter(h -> h <= sourceHeight).sorted((a, b) -> b - a)
                .distinct().toList();
        return heights.isEmpty() ? List.of(sourceHeight - sourceHeight % 2) : heights;
    }

    public Output transcode(Path input, Probe probe, Path work, Progress progress, BooleanSupplier cancelled)
            throws IOException {
        List<Integer> ladder = ladder(probe.height());
        int top = ladder.get(0);
        double seconds = probe.durationMillis() / 1000.0;

        // 1. The MP4 every browser plays: H.264 High, AAC stereo, moov atom first (+faststart) so playback starts
        // before the whole file has arrived.
        List<String> mp4 = new ArrayList<>(List.of(config.ffmpeg(), "-nostdin", "-hide_banner", "-v", "error",
                "-progress", "pipe:1", "-i", input.toString(), "-threads", String.valueOf(config.threads()),
                "-map", "0:v:0", "-map", "0:a:0?", "-vf", "scale=-2:" + top + ",format=yuv420p", "-c:v", "libx264",
                "-preset", "veryfast", "-crf", "23", "-g", "48", "-c:a", "aac", "-b:a", "128k", "-ac", "2",
                "-movflags", "+faststart", work.resolve("video.mp4").toString()));
        ffmpeg(mp4, seconds, Stage.ENCODING, 0, 55, progress, cancelled);

        // 2. HLS renditions from that MP4: the top one by copying its stream (already the right size), the others
        // scaled down.
        Path mp4File = work.resolve("video.mp4");
        StringBuilder master = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n");
        int span = 35 / ladder.size();
        for (int i = 0; i < ladder.size(); i++) {
            int height = ladder.get(i);
            Path dir = Files.createDirectories(work.resolve("hls").resolve(String.valueOf(height)));
            List<String> hls = new ArrayList<>(List.of(config.ffmpeg(), "-nostdin", "-hide_banner", "-v", "error",
                    "-progress", "pipe:1", "-i", mp4File.toString(), "-threads", String.valueOf(config.threads()),
                    "-map", "0:v:0", "-map", "0:a:0?"));
            if (height == top) {
                hls.addAll(List.of("-c", "copy"));
            } else {
                hls.addAll(List.of("-vf", "scale=-2:" + height + ",format=yuv420p", "-c:v", "libx264", "-preset",
                        "veryfast", "-crf", "23", "-g", "48", "-c:a", "aac", "-b:a", "128k", "-ac", "2"));
            }
            hls.addAll(List.of("-f", "hls", "-hls_time", "4", "-hls_playlist_type", "vod", "-hls_segment_filename",
                    dir.resolve("seg_%04d.ts").toString(), dir.resolve("index.m3u8").toString()));
            ffmpeg(hls, seconds, Stage.RENDITIONS, 55 + i * span, span, progress, cancelled);
            long bytes;
            try (Stream<Path> files = Files.list(dir)) {
                bytes = files.mapToLong(f -> f.toFile().length()).sum();
            }
            long bandwidth = Math.max(64_000, Math.round(bytes * 8 / Math.max(seconds, 0.1)));
            int width = (int) Math.round((double) probe.width() * height / probe.height() / 2) * 2;
            master.append("#EXT-X-STREAM-INF:BANDWIDTH=").append(bandwidth).append(",RESOLUTION=").append(width)
                    .append('x').append(height).append('\n').append(height).append("/index.m3u8\n");
        }
        Files.writeString(work.resolve("hls").resolve("master.m3u8"), master);

        // 3. A poster from the first second (or the middle of a shorter clip), and the thumbnails.
        String at = String.format(java.util.Locale.ROOT, "%.3f", Math.min(1.0, seconds / 2));
        ffmpeg(List.of(config.ffmpeg(), "-nostdin", "-hide_banner", "-v", "error", "-ss", at, "-i", mp4File.toString(),
                "-threads", String.valueOf(config.threads()), "-frames:v", "1", "-q:v", "3",
                work.resolve("poster.jpg").toString()), seconds, Stage.IMAGES, 90, 2, progress, cancelled);
        Path thumbs = Files.createDirectories(work.resolve("thumbs"));
        ffmpeg(List.of(config.ffmpeg(), "-nostdin", "-hide_banner", "-v", "error", "-progress", "pipe:1", "-i",
                mp4File.toString(), "-threads", String.valueOf(config.threads()), "-vf",
                "fps=1/" + config.thumbnailEverySeconds() + ",scale=320:-2", "-q:v", "5",
                thumbs.resolve("%04d.jpg").toString()), seconds, Stage.IMAGES, 92, 7, progress, cancelled);
        int thumbnails;
        try (Stream<Path> files = Files.list(thumbs)) {
            thumbnails = (int) files.count();
        }
        return new Output(ladder, thumbnails);
    }

    /** One ffmpeg run whose {@code -progress} lines move the job's percentage from {@code from} over {@code span}. */
    private void ffmpeg(List<String> command, double seconds, Stage stage, int from, int span, Progress progress,
            BooleanSupplier cancelled) throws IOException {
        progress.report(stage, from);
        int[] last = {from};
        ExternalProcess.Result result = ExternalProcess.run(command, config.niceness(), config.processTimeout(), line -> {
            if (line.startsWith("out_time_us=")) {
                try {
                    double done = Long.parseLong(line.substring("out_time_us=".length())) / 1_000_000.0;
                    int percent = from + (int) Math.min(span, Math.max(0, span * done / Math.max(seconds, 0.1)));
                    if (percent >= last[0] + 2) {
                        last[0] = percent;
                        progress.report(stage, percent);
                    }
                } catch (NumberFormatException notYet) {
                    // "N/A" before the first frame
                }
            }
        }, cancelled);
        if (result.exitCode() != 0) {
            throw new IOException("ffmpeg failed (" + stage.label().toLowerCase(java.util.Locale.ROOT) + ", exit "
                    + result.exitCode() + "): " + result.errorTail());
        }
    }
}
