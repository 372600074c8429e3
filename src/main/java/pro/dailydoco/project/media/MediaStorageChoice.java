package pro.dailydoco.project.media;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

/**
 * The storage the application uses: the local disk by default, an S3-compatible bucket with
 * {@code dailydoco.video.storage=s3} (docs/decisions/0212-video-storage-on-s3-compatible-buckets.md).
 */
@ApplicationScoped
class MediaStorageChoice {

    @Produces
    @ApplicationScoped
    MediaStorage storage(MediaConfig config, LocalDiskStorage disk) {
        if (config.storage() == MediaConfig.StorageKind.LOCAL) {
            return disk;
        }
        String bucket = config.s3().bucket().filter(b -> !b.isBlank()).orElseThrow(() -> new IllegalStateException(
                "dailydoco.video.storage=s3 needs dailydoco.video.s3.bucket (DAILYDOCO_VIDEO_S3_BUCKET)"));
        Log.infof("Video files are kept in the bucket %s%s", bucket,
                config.s3().endpoint().map(e -> " at " + e).orElse(""));
        return new S3Storage(S3Storage.client(config.s3()), bucket, config.s3().partSize().asLongValue(), disk);
    }

    void close(@Disposes MediaStorage storage) {
        if (storage instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                Log.debugf("Closing the video storage: %s", e.toString());
            }
        }
    }
}
