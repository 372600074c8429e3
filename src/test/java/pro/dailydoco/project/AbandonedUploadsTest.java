package pro.dailydoco.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import pro.dailydoco.project.VideoUploadTest.Desk;
import pro.dailydoco.project.media.LocalDiskStorage;
import pro.dailydoco.project.media.MediaKey;
import pro.dailydoco.support.TestClock;
import pro.dailydoco.tenant.ScopedWork;

/**
 * Uploads never finished are deleted with their partial files once no chunk came for the configured time (24 hours),
 * by any number of instances at once without deleting one twice; finished and recently active uploads are kept, and
 * the workspace's storage quota is freed.
 */
@QuarkusTest
class AbandonedUploadsTest {

    @Inject
    ScopedWork scopedWork;

    @Inject
    AbandonedUploads abandoned;

    @Inject
    VideoUploads uploads;

    @Inject
    LocalDiskStorage storage;

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private UUID startWithOneChunk(Desk desk, String title) {
        Response started = VideoUploadTest.start(desk, title, 300_000, "");
        assertEquals(201, started.statusCode(), started.asString());
        assertEquals(200, VideoUploadTest.put(desk.browser(), started.jsonPath().getString("uploadUrl"), 0,
                new byte[100_000]).statusCode());
        return UUID.fromString(started.jsonPath().getString("video"));
    }

    private Video video(Desk desk, UUID id) {
        return scopedWork.call(desk.tenant().id, null, () -> Video.<Video>findById(id));
    }

    /** The upload's last chunk {@code ago} (the time is set on the row, so the session stays signed in). */
    private void lastChunk(Desk desk, UUID id, Duration ago) {
        scopedWork.run(desk.tenant().id, null, () -> Video.<Video>findById(id).updatedAt = clock.instant().minus(ago));
    }

    @Test
    void anUploadWithoutAChunkFor24HoursIsDeletedWithItsFileAndFreesTheQuota() {
        Desk desk = VideoUploadTest.desk("vid-abandon", "PRO");
        UUID stale = startWithOneChunk(desk, "Left half-way");
        UUID recent = startWithOneChunk(desk, "Still coming");
        UUID finished = UUID.fromString(VideoUploadTest.upload(desk, "Finished", new byte[] {1, 2, 3})
                .replaceAll(".*/", ""));
        lastChunk(desk, stale, Duration.ofHours(24).plusMinutes(1));
        lastChunk(desk, recent, Duration.ofHours(23));
        lastChunk(desk, finished, Duration.ofHours(48));
        long usedBefore = scopedWork.call(desk.tenant().id, null, () -> uploads.storageUsed());
        assertTrue(Files.exists(storage.uploadFile(new MediaKey(desk.tenant().id, stale))));

        assertTrue(abandoned.deleteAbandoned() >= 1);
        assertNull(video(desk, stale), "the abandoned upload is gone");
        assertFalse(Files.exists(storage.root().resolve(desk.tenant().id.toString()).resolve(stale.toString())),
                "with its partial file");
        assertEquals(Video.MediaState.QUEUED, video(desk, finished).mediaState, "a finished upload stays");
        assertEquals(100_000, video(desk, recent).uploadOffset, "an upload that received a chunk lately stays");
        assertTrue(Files.exists(storage.uploadFile(new MediaKey(desk.tenant().id, recent))));
        assertEquals(usedBefore - 300_000, (long) scopedWork.call(desk.tenant().id, null, () -> uploads.storageUsed()),
                "the quota no longer counts it");
        // The deleted upload's chunk endpoint answers not found: the page's script starts a new upload.
        assertEquals(404, desk.browser().request().accept("application/json")
                .get("/t/" + desk.tenant().slug + "/videos/" + stale + "/upload").statusCode());
    }

    @Test
    void instancesCleaningUpAtOnceDeleteEachUploadOnce() throws Exception {
        Desk desk = VideoUploadTest.desk("vid-abandon-many", "PRO");
        List<UUID> ours = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ours.add(startWithOneChunk(desk, "Left " + i));
        }
        for (UUID id : ours) {
            lastChunk(desk, id, Duration.ofHours(25));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> instances = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            instances.add(pool.submit(() -> {
                go.await();
                return abandoned.deleteAbandoned();
            }));
        }
        go.countDown();
        int total = 0;
        for (Future<Integer> instance : instances) {
            total += instance.get();
        }
        pool.shutdown();
        assertTrue(total >= ours.size(), "every abandoned upload was deleted: " + total);
        for (UUID id : ours) {
            assertNull(video(desk, id));
        }
        assertEquals(0, abandoned.deleteAbandoned(), "nothing is left to delete");
    }
}
