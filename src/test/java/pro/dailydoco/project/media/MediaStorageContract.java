package pro.dailydoco.project.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every video storage must do, run against each one (the local disk, an S3-compatible bucket): uploads in
 * chunks, publishing a work directory, reading published files whole and by byte range, deleting an upload, deleting
 * every file of a video, and counting a workspace's bytes for its quota.
 */
abstract class MediaStorageContract {

    private static final String PLAYLIST = "#EXTM3U\n#EXTINF:4.0,\nseg_0000.ts\n";
    private static final String MASTER = "#EXTM3U\n480/index.m3u8\n";
    /** What {@link #work} writes beside the MP4: the playlists, a segment, the poster. */
    private static final long BESIDE_MP4 = PLAYLIST.length() + MASTER.length() + 1_000 + 500;

    @TempDir
    Path scratch;

    /** The storage under test, its local working files under {@code scratch}. */
    abstract MediaStorage storage(Path scratch);

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static InputStream chunk(byte[] bytes, int from, int to) {
        return new ByteArrayInputStream(Arrays.copyOfRange(bytes, from, to));
    }

    static MediaKey newKey(UUID tenant) {
        return new MediaKey(tenant, UUID.randomUUID());
    }

    /** A work directory as processing leaves it: an MP4 of {@code mp4Size} bytes, an HLS rendition and a poster. */
    static Path work(MediaStorage storage, MediaKey key, byte[] mp4) throws IOException {
        Path work = storage.workDirectory(key);
        Files.write(work.resolve("video.mp4"), mp4);
        Path hls = Files.createDirectories(work.resolve("hls/480"));
        Files.writeString(hls.resolve("index.m3u8"), PLAYLIST);
        Files.write(hls.resolve("seg_0000.ts"), random(1_000, 3));
        Files.writeString(work.resolve("hls/master.m3u8"), MASTER);
        Files.write(work.resolve("poster.jpg"), random(500, 4));
        return work;
    }

    private static byte[] read(MediaFile file, long start, long length) throws IOException {
        try (InputStream in = file.open(start, length)) {
            return in.readAllBytes();
        }
    }

    @Test
    void anUploadArrivesInChunksAndIsReadBackWhole() throws IOException {
        MediaStorage storage = storage(scratch);
        MediaKey key = newKey(UUID.randomUUID());
        byte[] bytes = random(300_000, 1);
        assertEquals(100_000, storage.appendUpload(key, 0, chunk(bytes, 0, 100_000), bytes.length));
        assertEquals(250_000, storage.appendUpload(key, 100_000, chunk(bytes, 100_000, 250_000), bytes.length));
        assertEquals(300_000, storage.appendUpload(key, 250_000, chunk(bytes, 250_000, 300_000), bytes.length));
        Path file = storage.uploadFile(key);
        assertArrayEquals(bytes, Files.readAllBytes(file), "the upload is the file, byte for byte");
        assertEquals(file, storage.uploadFile(key), "asked again, the same local file");
    }

    @Test
    void aChunkPastTheLimitIsRefusedAndKeepsNothingOfIt() throws IOException {
        MediaStorage storage = storage(scratch);
        MediaKey key = newKey(UUID.randomUUID());
        byte[] bytes = random(2_000, 2);
        storage.appendUpload(key, 0, chunk(bytes, 0, 1_000), 1_500);
        MediaStorage.ChunkRefused refused = assertThrows(MediaStorage.ChunkRefused.class,
                () -> storage.appendUpload(key, 1_000, chunk(bytes, 1_000, 2_000), 1_500));
        assertFalse(refused.busy());
        assertArrayEquals(Arrays.copyOf(bytes, 1_000), Files.readAllBytes(storage.uploadFile(key)));
    }

    @Test
    void publishedFilesAreReadWholeAndByByteRange() throws IOException {
        MediaStorage storage = storage(scratch);
        MediaKey key = newKey(UUID.randomUUID());
        // Past the bucket's 5 MB part size: the MP4 goes up in three parts.
        byte[] mp4 = random(12 * 1024 * 1024 + 321, 5);
        Path work = work(storage, key, mp4);
        long bytes = storage.publish(key, work);
        assertEquals(mp4.length + BESIDE_MP4, bytes);
        assertFalse(Files.exists(work), "the work directory is gone once published");

        MediaFile video = storage.published(key, "video.mp4").orElseThrow();
        assertEquals("video.mp4", video.name());
        assertEquals(mp4.length, video.size());
        assertArrayEquals(mp4, read(video, 0, mp4.length));
        assertArrayEquals(Arrays.copyOfRange(mp4, 7 * 1024 * 1024 - 10, 7 * 1024 * 1024 + 90),
                read(video, 7 * 1024 * 1024 - 10, 100), "a range across a part boundary");
        assertArrayEquals(Arrays.copyOfRange(mp4, mp4.length - 5, mp4.length), read(video, mp4.length - 5, 5));
        MediaFile master = storage.published(key, "hls/master.m3u8").orElseThrow();
        assertEquals(MASTER, new String(read(master, 0, master.size()), StandardCharsets.UTF_8));
        assertTrue(storage.published(key, "hls/480/seg_0000.ts").isPresent());
        assertTrue(storage.published(key, "thumbs/0001.jpg").isEmpty(), "a file that was not made");
        assertTrue(storage.published(key, "../upload").isEmpty(), "never outside the published files");
        assertTrue(storage.published(newKey(key.tenantId()), "video.mp4").isEmpty(), "another video's");
    }

    @Test
    void deletingTheUploadKeepsThePublishedFiles() throws IOException {
        MediaStorage storage = storage(scratch);
        MediaKey key = newKey(UUID.randomUUID());
        storage.appendUpload(key, 0, new ByteArrayInputStream(random(1_000, 6)), 1_000);
        storage.uploadFile(key);
        storage.publish(key, work(storage, key, random(2_000, 7)));
        storage.deleteUpload(key);
        assertTrue(storage.published(key, "video.mp4").isPresent());
        assertEquals(2_000 + BESIDE_MP4, storage.bytesStored(key.tenantId()), "only the published files");
    }

    @Test
    void deletingAVideoDeletesEveryFileOfItAndNoOtherVideos() throws IOException {
        MediaStorage storage = storage(scratch);
        UUID tenant = UUID.randomUUID();
        MediaKey gone = newKey(tenant);
        MediaKey kept = newKey(tenant);
        for (MediaKey key : new MediaKey[] {gone, kept}) {
            storage.appendUpload(key, 0, new ByteArrayInputStream(random(1_000, 8)), 1_000);
            storage.publish(key, work(storage, key, random(3_000, 9)));
        }
        long before = storage.bytesStored(tenant);
        storage.deleteAll(gone);
        assertTrue(storage.published(gone, "video.mp4").isEmpty());
        assertTrue(storage.published(gone, "hls/master.m3u8").isEmpty());
        assertFalse(Files.exists(scratch.resolve(tenant.toString()).resolve(gone.videoId().toString())),
                "no local working file is left either");
        assertTrue(storage.published(kept, "video.mp4").isPresent(), "the other video is untouched");
        assertEquals(before / 2, storage.bytesStored(tenant), "the deleted video's bytes are freed");
    }

    @Test
    void aWorkspacesBytesAreCountedByListingItsFilesOnly() throws IOException {
        MediaStorage storage = storage(scratch);
        UUID tenant = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        assertEquals(0, storage.bytesStored(tenant));
        storage.appendUpload(newKey(tenant), 0, new ByteArrayInputStream(random(4_000, 10)), 4_000);
        MediaKey published = newKey(tenant);
        storage.publish(published, work(storage, published, random(6_000, 11)));
        storage.appendUpload(newKey(other), 0, new ByteArrayInputStream(random(9_000, 12)), 9_000);
        assertEquals(4_000 + 6_000 + BESIDE_MP4, storage.bytesStored(tenant));
        assertEquals(9_000, storage.bytesStored(other));
    }
}
