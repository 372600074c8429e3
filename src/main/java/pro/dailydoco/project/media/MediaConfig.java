package pro.dailydoco.project.media;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Uploaded videos: where their files live, how large they may be, and how ffmpeg is run
 * (docs/decisions/0195-video-storage-and-resumable-upload.md, docs/decisions/0196-video-processing-jobs.md).
 */
@ConfigMapping(prefix = "dailydoco.video")
public interface MediaConfig {

    /** Where published files live: the local disk, or an S3-compatible bucket ({@link #s3()}). */
    @WithDefault("local")
    StorageKind storage();

    /**
     * Directory of the local-disk storage; empty: {@code ~/.dailydoco/media}, beside the embedded database. With a
     * bucket it holds only what ffmpeg works on (an upload while processed, the work directory).
     */
    Optional<String> storageDirectory();

    /** The bucket, when {@code storage=s3} (docs/decisions/0212-video-storage-on-s3-compatible-buckets.md). */
    S3 s3();

    enum StorageKind {
        LOCAL, S3
    }

    interface S3 {
        /** The server's address; empty: AWS's own endpoint for the region. */
        Optional<String> endpoint();

        @WithDefault("us-east-1")
        String region();

        Optional<String> bucket();

        /** Bucket in the path ({@code host/bucket/key}) rather than the host name, as most S3-compatible servers want. */
        @WithDefault("false")
        boolean pathStyle();

        /** Credentials: only from the environment (application.properties reads the variables). */
        Optional<String> accessKey();

        Optional<String> secretKey();

        /** Published files larger than this go up in parts of this size (S3's multipart upload; at least 5M). */
        @WithDefault("16M")
        MemorySize partSize();
    }

    /** The largest file one upload may be. */
    @WithDefault("2G")
    MemorySize maxUploadSize();

    /** The largest chunk one PUT may carry (below the HTTP body limit, so a chunk is never refused by the server). */
    @WithDefault("8M")
    MemorySize maxChunkSize();

    /** What a workspace may keep in storage: uploads in progress count with their announced size. */
    @WithDefault("50G")
    MemorySize storageQuota();

    /** The ffmpeg and ffprobe programs (Debian's {@code ffmpeg} package puts both on the PATH). */
    @WithDefault("ffmpeg")
    String ffmpeg();

    @WithDefault("ffprobe")
    String ffprobe();

    /** {@code -threads} given to every ffmpeg run, so a job never takes every core of the instance. */
    @WithDefault("2")
    int threads();

    /** The {@code nice} adjustment ffmpeg runs with, so pages stay responsive while a video is processed. */
    @WithDefault("10")
    int niceness();

    /** The longest one ffmpeg or ffprobe run may take; then it is stopped and the attempt fails. */
    @WithDefault("PT1H")
    Duration processTimeout();

    /** HLS rendition heights offered, highest first; a source gets those not above its own height. */
    @WithDefault("1080,720,480")
    List<Integer> renditions();

    /** One thumbnail every this many seconds of video. */
    @WithDefault("10")
    int thumbnailEverySeconds();

    /** Attempts of a processing job before it is given up with the reason shown on the page. */
    @WithDefault("3")
    int maxAttempts();

    /** Wait before the first retry; doubled for each further one. */
    @WithDefault("PT30S")
    Duration retryBackoff();

    /** How often each instance's worker claims queued processing jobs; {@code off} in tests (they call it). */
    @WithDefault("2s")
    String processEvery();

    /** An upload that received no chunk for this long is abandoned: deleted with its partial file. */
    @WithDefault("PT24H")
    Duration abandonUploadsAfter();

    /** How often each instance deletes abandoned uploads; {@code off} in tests (they call it). */
    @WithDefault("15m")
    String abandonedUploadsEvery();
}
