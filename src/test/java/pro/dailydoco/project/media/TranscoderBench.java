package pro.dailydoco.project.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.quarkus.runtime.configuration.MemorySize;

/**
 * The processing benchmark's driver (bench/video.sh), not a test: probes a source with the application's MediaTools
 * and runs the application's own Transcoder on it (the very ffmpeg argument lists a job runs), {@code jobs} at once,
 * each into its own work directory, with the configured ladder, threads and nice. Prints one tab-separated line per
 * job: ladder, jobs at once, job number, source seconds, wall seconds, then the seconds of each stage.
 *
 * <p>Usage: {@code TranscoderBench <source> <work-dir> <ladder e.g. 1080,720,480> <threads> <jobs>}
 */
public final class TranscoderBench {

    private TranscoderBench() {
    }

    public static void main(String[] args) throws Exception {
        Path source = Path.of(args[0]);
        Path workRoot = Path.of(args[1]);
        List<Integer> ladder = Arrays.stream(args[2].split(",")).map(String::strip).map(Integer::valueOf).toList();
        int threads = Integer.parseInt(args[3]);
        int jobs = Integer.parseInt(args[4]);
        MediaConfig config = config(ladder, threads);
        Probe probe = new MediaTools(config).probe(source);
        Transcoder transcoder = new Transcoder(config);
        ExecutorService pool = Executors.newFixedThreadPool(jobs);
        List<Future<String>> runs = new ArrayList<>();
        for (int job = 1; job <= jobs; job++) {
            int number = job;
            runs.add(pool.submit(() -> run(transcoder, source, probe, workRoot.resolve(args[2] + "-" + jobs + "-" + number),
                    args[2], jobs, number)));
        }
        for (Future<String> run : runs) {
            System.out.println(run.get());
        }
        pool.shutdown();
    }

    private static String run(Transcoder transcoder, Path source, Probe probe, Path work, String ladder, int jobs,
            int number) throws IOException {
        LocalDiskStorage.deleteTree(work);
        Files.createDirectories(work);
        Map<Transcoder.Stage, Long> firstSeen = new EnumMap<>(Transcoder.Stage.class);
        long start = System.nanoTime();
        transcoder.transcode(source, probe, work, (stage, percent) -> firstSeen.putIfAbsent(stage, System.nanoTime()),
                () -> false);
        long end = System.nanoTime();
        long encode = firstSeen.getOrDefault(Transcoder.Stage.RENDITIONS, end) - start;
        long renditions = firstSeen.getOrDefault(Transcoder.Stage.IMAGES, end)
                - firstSeen.getOrDefault(Transcoder.Stage.RENDITIONS, end);
        long images = end - firstSeen.getOrDefault(Transcoder.Stage.IMAGES, end);
        long bytes;
        try (var files = Files.walk(work)) {
            bytes = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
        LocalDiskStorage.deleteTree(work);
        return String.join("\t", ladder, String.valueOf(jobs), String.valueOf(number),
                String.format(java.util.Locale.ROOT, "%.1f", probe.durationMillis() / 1000.0), seconds(end - start),
                seconds(encode), seconds(renditions), seconds(images), String.valueOf(bytes));
    }

    private static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e9);
    }

    /** The application's defaults, with the ladder and threads under test. */
    private static MediaConfig config(List<Integer> ladder, int threads) {
        return new MediaConfig() {
            public StorageKind storage() {
                return StorageKind.LOCAL;
            }

            public Optional<String> storageDirectory() {
                return Optional.empty();
            }

            public S3 s3() {
                return null;
            }

            public MemorySize maxUploadSize() {
                return new MemorySize(java.math.BigInteger.valueOf(2L << 30));
            }

            public MemorySize maxChunkSize() {
                return new MemorySize(java.math.BigInteger.valueOf(8L << 20));
            }

            public MemorySize storageQuota() {
                return new MemorySize(java.math.BigInteger.valueOf(50L << 30));
            }

            public String ffmpeg() {
                return "ffmpeg";
            }

            public String ffprobe() {
                return "ffprobe";
            }

            public int threads() {
                return threads;
            }

            public int niceness() {
                return 10;
            }

            public Duration processTimeout() {
                return Duration.ofHours(1);
            }

            public List<Integer> renditions() {
                return ladder;
            }

            public int thumbnailEverySeconds() {
                return 10;
            }

            public int maxAttempts() {
                return 3;
            }

            public Duration retryBackoff() {
                return Duration.ofSeconds(30);
            }

            public String processEvery() {
                return "2s";
            }

            public Duration abandonUploadsAfter() {
                return Duration.ofHours(24);
            }

            public String abandonedUploadsEvery() {
                return "15m";
            }
        };
    }
}
