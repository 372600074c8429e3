package pro.dailydoco.project;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import pro.dailydoco.project.VideoUploadTest.Desk;
import pro.dailydoco.project.media.LocalDiskStorage;
import pro.dailydoco.support.Browser;
import pro.dailydoco.support.S3ProxyServer;
import pro.dailydoco.tenant.ScopedWork;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The whole way with the files in an S3-compatible bucket (a real S3 API server, S3Proxy): chunks go up as objects,
 * the worker fetches the upload, processes it with real ffmpeg and publishes to the bucket; the player's MP4 answers
 * a Range request with the bucket's bytes; deleting the video deletes its objects. Nothing stays on the local disk.
 */
@QuarkusTest
@TestProfile(VideoOnS3Test.OnS3.class)
class VideoOnS3Test {

    /** The application with {@code dailydoco.video.storage=s3}, pointed at the test server's bucket. */
    public static class OnS3 implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(S3ProxyServer.class));
        }
    }

    @Inject
    ScopedWork scopedWork;

    @Inject
    VideoProcessingJob job;

    @Inject
    LocalDiskStorage disk;

    private static List<S3Object> objects(S3Client s3, String prefix) {
        return s3.listObjectsV2Paginator(b -> b.bucket(S3ProxyServer.BUCKET).prefix(prefix)).contents().stream().toList();
    }

    @Test
    void aClipUploadedToTheBucketIsProcessedPlayedByRangeAndDeletedWithItsObjects() throws Exception {
        Clips.assumeFfmpeg();
        Desk desk = VideoUploadTest.desk("vid-s3", "PRO");
        String page = VideoUploadTest.upload(desk, "In the bucket", Files.readAllBytes(Clips.mp4(12, 160, 90)));
        UUID videoId = UUID.fromString(page.substring(page.lastIndexOf('/') + 1));
        String prefix = desk.tenant().id + "/" + videoId + "/";
        try (S3Client s3 = S3ProxyServer.client()) {
            assertEquals(2, objects(s3, prefix + "upload/").size(), "each chunk is an object");

            assertEquals(1, job.processQueued());
            Video video = scopedWork.call(desk.tenant().id, null, () -> Video.<Video>findById(videoId));
            assertEquals(Video.MediaState.READY, video.mediaState, video.mediaMessage);
            assertTrue(objects(s3, prefix + "upload/").isEmpty(), "the upload's chunks are deleted once processed");
            List<String> published = objects(s3, prefix + "published/").stream().map(o -> o.key().substring(prefix.length()))
                    .toList();
            assertTrue(published.containsAll(List.of("published/video.mp4", "published/hls/master.m3u8",
                    "published/hls/" + video.renditions + "/index.m3u8", "published/poster.jpg",
                    "published/thumbs/0001.jpg")), published.toString());
            long bucketBytes = objects(s3, prefix).stream().mapToLong(S3Object::size).sum();
            assertEquals(bucketBytes, video.storedBytes, "the quota counts what the bucket holds");
            Path local = disk.root().resolve(desk.tenant().id.toString()).resolve(videoId.toString());
            assertFalse(Files.exists(local.resolve("published")) || Files.exists(local.resolve("upload")),
                    "nothing of it stays on the local disk");

            byte[] mp4 = s3.getObjectAsBytes(b -> b.bucket(S3ProxyServer.BUCKET).key(prefix + "published/video.mp4"))
                    .asByteArray();
            Response range = desk.browser().request().header("Range", "bytes=100-1123").get(page + "/media/video.mp4");
            assertEquals(206, range.statusCode());
            assertEquals("bytes 100-1123/" + mp4.length, range.getHeader("Content-Range"));
            assertArrayEquals(Arrays.copyOfRange(mp4, 100, 1124), range.asByteArray());
            Response whole = desk.browser().get(page + "/media/video.mp4");
            assertEquals(200, whole.statusCode());
            assertArrayEquals(mp4, whole.asByteArray());
            Response master = desk.browser().get(page + "/media/hls/master.m3u8");
            assertEquals(200, master.statusCode());
            String rendition = "hls/" + video.renditions + "/";
            assertTrue(master.asString().contains(video.renditions + "/index.m3u8"), master.asString());
            String segment = desk.browser().get(page + "/media/" + rendition + "index.m3u8").asString().lines()
                    .filter(l -> l.endsWith(".ts")).findFirst().orElseThrow();
            Response played = desk.browser().get(page + "/media/" + rendition + segment);
            assertEquals(200, played.statusCode());
            assertTrue(played.asByteArray().length > 0);
            assertEquals(404, desk.browser().get(page + "/media/missing.mp4").statusCode());
            assertEquals(404, new Browser().get(page + "/media/video.mp4").statusCode(), "still private");

            desk.browser().get(desk.projectPath());
            assertEquals(303, desk.browser().post(desk.projectPath() + "/videos/" + videoId + "/delete").statusCode());
            assertTrue(objects(s3, prefix).isEmpty(), "deleting the video deletes every object of it");
        }
    }
}
