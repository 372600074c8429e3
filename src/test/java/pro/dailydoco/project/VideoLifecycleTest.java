package pro.dailydoco.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import pro.dailydoco.core.database.Row;
import pro.dailydoco.project.VideoUploadTest.Desk;
import pro.dailydoco.project.media.LocalDiskStorage;
import pro.dailydoco.project.media.MediaConfig;
import pro.dailydoco.project.media.MediaKey;
import pro.dailydoco.project.media.Transcoder;
import pro.dailydoco.project.media.TranscoderFailingOnce;
import pro.dailydoco.support.Browser;
import pro.dailydoco.support.TestClock;
import pro.dailydoco.tenant.ScopedWork;

/**
 * A video's life past the happy path: a failed processing attempt is retried after its back-off and then succeeds;
 * a workspace's storage quota refuses an upload before a byte is kept; an expired share link answers exactly as an
 * unknown one while a live one plays.
 */
@QuarkusTest
class VideoLifecycleTest {

    @Inject
    ScopedWork scopedWork;

    @Inject
    VideoProcessingJob job;

    @Inject
    LocalDiskStorage storage;

    @Inject
    MediaConfig config;

    @Inject
    EntityManager entityManager;

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private Video video(Desk desk, UUID id) {
        return scopedWork.call(desk.tenant().id, null, () -> Video.<Video>findById(id));
    }

    private static UUID id(String page) {
        return UUID.fromString(page.substring(page.lastIndexOf('/') + 1));
    }

    private Row jobRow(UUID videoId) {
        return scopedWork.call(null, null, () -> Row.list(entityManager.createNativeQuery("""
                select attempts as attempts, status as status, next_attempt_at as next_attempt_at from video_job
                where video_id = ?1""", Tuple.class).setParameter(1, videoId)).get(0));
    }

    @Test
    void aFailedAttemptIsRetriedAfterItsBackOffAndThenSucceeds() throws Exception {
        Clips.assumeFfmpeg();
        Desk desk = VideoUploadTest.desk("vid-retry", "PRO");
        UUID videoId = id(VideoUploadTest.upload(desk, "Retried", Files.readAllBytes(Clips.mp4(2, 160, 90))));
        TranscoderFailingOnce transcoder = new TranscoderFailingOnce(config, videoId.toString());
        QuarkusMock.installMockForType(transcoder, Transcoder.class);

        Instant failedAt = clock.instant();
        job.processQueued();
        Video waiting = video(desk, videoId);
        assertEquals(Video.MediaState.QUEUED, waiting.mediaState, "a failed attempt queues the video again");
        assertTrue(waiting.mediaMessage.startsWith("Attempt 1 failed (") && waiting.mediaMessage.contains("ffmpeg failed")
                && waiting.mediaMessage.contains("trying again at"), waiting.mediaMessage);
        assertFalse(waiting.mediaMessage.contains("/"), "no server path in the reason: " + waiting.mediaMessage);
        Row first = jobRow(videoId);
        assertEquals(1, first.intValue("attempts"));
        assertEquals("QUEUED", first.string("status"));
        Instant retryAt = first.instant("next_attempt_at");
        assertFalse(retryAt.isBefore(failedAt.plus(config.retryBackoff())), "not before the back-off: " + retryAt);
        assertTrue(retryAt.isBefore(clock.instant().plus(config.retryBackoff()).plusSeconds(1)), "the first back-off");

        // Until the back-off has passed no worker takes the job again.
        clock.advance(Duration.between(clock.instant(), retryAt).minusMillis(500));
        job.processQueued();
        assertEquals(1, jobRow(videoId).intValue("attempts"), "not retried before its time");
        assertEquals(1, transcoder.runs());

        clock.advance(Duration.ofSeconds(1));
        job.processQueued();
        Video ready = video(desk, videoId);
        assertEquals(Video.MediaState.READY, ready.mediaState, ready.mediaMessage);
        assertEquals(null, ready.mediaMessage, "the earlier failure is no longer shown");
        Row done = jobRow(videoId);
        assertEquals(2, done.intValue("attempts"));
        assertEquals("DONE", done.string("status"));
        assertEquals(2, transcoder.runs());
        assertTrue(storage.published(new MediaKey(desk.tenant().id, videoId), "video.mp4").isPresent());
    }

    @Test
    void anUploadPastTheWorkspacesStorageQuotaIsRefusedAndNothingIsKept() {
        Desk desk = VideoUploadTest.desk("vid-quota", "PRO");
        UUID kept = id(VideoUploadTest.upload(desk, "Large library", new byte[] {1, 2, 3}));
        long quota = config.storageQuota().asLongValue();
        // The workspace already keeps all but 500 bytes of its quota in processed files.
        scopedWork.run(desk.tenant().id, null, () -> {
            Video video = Video.findById(kept);
            video.mediaState = Video.MediaState.READY;
            video.storedBytes = quota - 500;
        });
        scopedWork.run(null, null, () -> entityManager.createNativeQuery(
                "update video_job set status = 'DONE' where video_id = ?1").setParameter(1, kept).executeUpdate());
        long videosBefore = scopedWork.call(desk.tenant().id, null, () -> Video.count());

        Response refused = VideoUploadTest.start(desk, "One too many", 1_000, "");
        assertEquals(413, refused.statusCode(), refused.asString());
        assertEquals("Storage full", refused.jsonPath().getString("title"));
        assertTrue(refused.jsonPath().getString("detail").contains("does not fit"), refused.asString());
        assertEquals(videosBefore, (long) scopedWork.call(desk.tenant().id, null, () -> Video.count()),
                "no video is kept for the refused upload");
        try (var entries = Files.list(storage.root().resolve(desk.tenant().id.toString()))) {
            assertEquals(1, entries.count(), "no file either: only the kept video's directory");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        // What still fits is taken.
        assertEquals(201, VideoUploadTest.start(desk, "Small", 400, "").statusCode());
    }

    @Test
    void anExpiredShareLinkAnswersAsAnUnknownOneWhileALiveOnePlays() throws Exception {
        Desk desk = VideoUploadTest.desk("vid-expiry", "PRO");
        String page = VideoUploadTest.upload(desk, "Shared for a day", new byte[] {1, 2, 3});
        UUID videoId = id(page);
        MediaKey key = new MediaKey(desk.tenant().id, videoId);
        Path work = storage.workDirectory(key);
        Files.write(work.resolve("video.mp4"), new byte[2_000]);
        storage.publish(key, work);
        scopedWork.run(desk.tenant().id, null, () -> Video.<Video>findById(videoId).mediaState = Video.MediaState.READY);
        scopedWork.run(null, null, () -> entityManager.createNativeQuery(
                "update video_job set status = 'DONE' where video_id = ?1").setParameter(1, videoId).executeUpdate());

        String path = VideoProcessingTest.shareLink(desk, page, "1");
        Browser stranger = new Browser();
        assertEquals(200, stranger.get(path).statusCode(), "a live link opens the video");
        Response range = stranger.request().header("Range", "bytes=0-99").get(path + "/media/video.mp4");
        assertEquals(206, range.statusCode());
        assertEquals(100, range.asByteArray().length);

        clock.advance(Duration.ofDays(1).plusMinutes(1));
        Response expired = stranger.get(path);
        Response unknown = stranger.get("/v/" + "x".repeat(path.length() - 3));
        assertEquals(404, expired.statusCode());
        assertEquals(unknown.statusCode(), expired.statusCode());
        assertEquals(Browser.html(unknown).select("main").text(), Browser.html(expired).select("main").text(),
                "an expired link says no more than an unknown one");
        assertEquals(404, stranger.request().header("Range", "bytes=0-99").get(path + "/media/video.mp4").statusCode());
    }
}
