package pro.dailydoco.project.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

/**
 * Where a video's files live: the upload while it arrives and is processed, then the published renditions, poster
 * and thumbnails. One interface so that a bucket can replace the local disk without touching upload, processing or
 * playback (docs/decisions/0195-video-storage-and-resumable-upload.md).
 */
public interface MediaStorage {

    /**
     * Writes one chunk of an upload at {@code offset}, streaming it to storage (never whole into memory).
     *
     * @return the upload's size after the chunk
     * @throws ChunkRefused when the chunk would pass {@code limit} bytes in all, or another chunk is being written
     */
    long appendUpload(MediaKey key, long offset, InputStream chunk, long limit) throws IOException;

    /** The complete upload as a local file, for ffprobe and ffmpeg (fetched from the bucket first when there is one). */
    Path uploadFile(MediaKey key) throws IOException;

    /** An empty local directory processing writes its outputs into. */
    Path workDirectory(MediaKey key) throws IOException;

    /** Makes the outputs of a work directory the video's published files; returns the bytes they take. */
    long publish(MediaKey key, Path workDirectory) throws IOException;

    /** Deletes the upload (once processed, or refused). */
    void deleteUpload(MediaKey key);

    /** A published file ({@code video.mp4}, {@code hls/720/index.m3u8}, {@code poster.jpg}…), if it exists. */
    Optional<MediaFile> published(MediaKey key, String relativePath);

    /** Deletes every file of the video: the upload, what processing left, the published files. */
    void deleteAll(MediaKey key);

    /** Bytes a workspace's files take in storage, counted by listing them (for reconciling the quota's figures). */
    long bytesStored(UUID tenantId) throws IOException;

    /** A chunk that cannot be taken: too large, or written to at the same time by another request. */
    final class ChunkRefused extends IOException {
        private final boolean busy;

        public ChunkRefused(String message, boolean busy) {
            super(message);
            this.busy = busy;
        }

        public boolean busy() {
            return busy;
        }
    }
}
