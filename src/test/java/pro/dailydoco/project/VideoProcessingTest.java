package pro.dailydoco.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import pro.dailydoco.project.VideoUploadTest.Desk;
import pro.dailydoco.project.media.LocalDiskStorage;
import pro.dailydoco.project.media.MediaKey;
import pro.dailydoco.support.Browser;
import pro.dailydoco.tenant.ScopedWork;

/**
 * Processing with real ffmpeg on tiny generated clips: probe refusals keep nothing, a clip becomes an H.264/AAC MP4 with
 * fast start, HLS, poster and thumbnails, its minutes are metered from the media, two workers never claim the same
 * job, cancelling stops and deletes, share links open and close, deleting a video deletes its files.
 */
@QuarkusTest
class VideoProcessingTest {

    @Inject
    ScopedWork scopedWork;

    @Inject
    LocalDiskStorage storage;

    @Inject
    VideoProcessingJob job;

    @Inject
    VideoMetering metering;

    private Video video(Desk desk, String pageUrl) {
        UUID id = UUID.fromString(pageUrl.substring(pageUrl.lastIndexOf('/') + 1));
        return scopedWork.call(desk.tenant().id, null, () -> Video.<Video>findById(id));
    }

    private Path videoDirectory(Desk desk, Video video) {
        return storage.root().resolve(desk.tenant().id.toString()).resolve(video.id.toString());
    }

    @Test
    void aTextFileNamedMp4IsRefusedWithAReasonAndNothingIsKept() {
        Clips.assumeFfmpeg();
        Desk desk = VideoUploadTest.desk("vid-text", "PRO");
        String page = VideoUploadTest.upload(desk, "Not a video",
                "just some notes, renamed walkthrough.mp4\n".repeat(500).getBytes(StandardCharsets.UTF_8));
        job.processQueued();
        Video video = video(desk, page);
        assertEquals(Video.MediaState.REFUSED, video.mediaState);
        assertTrue(video.mediaMessage.contains("not a video we can read"), video.mediaMessage);
        assertFalse(Files.exists(videoDirectory(desk, video)), "no file of it is kept");
        assertEquals(0, video.storedBytes);
        Document html = Browser.html(desk.browser().get(page));
        assertTrue(html.text().contains("not a video we can read"), "the page says why");
    }

    @Test
    void anUnsupportedCodecIsRefusedByName() throws Exception {
        Desk desk = VideoUploadTest.desk("vid-codec", "PRO");
        String page = VideoUploadTest.upload(desk, "Archive copy", Files.readAllBytes(Clips.ffv1(1)));
        job.processQueued();
        Video video = video(desk, page);
        assertEquals(Video.MediaState.REFUSED, video.mediaState);
        assertTrue(video.mediaMessage.contains("FFV1"), video.mediaMessage);
        assertFalse(Files.exists(videoDirectory(desk, video)));
    }

    @Test
    void aClipBecomesAFastStartMp4WithHlsPosterAndThumbnailsMeteredToTheSecond() throws Exception {
        Desk desk = VideoUploadTest.desk("vid-e2e", "FREE");
        long before = scopedWork.call(desk.tenant().id, null, () -> metering.secondsThisMonth());
        String page = VideoUploadTest.upload(desk, "Getting started", Files.readAllBytes(Clips.mp4(61.2, 160, 90)));
        assertTrue(Browser.html(desk.browser().get(page)).selectFirst("#video-progress[hx-get]") != null,
                "the page polls for progress while the video waits");
        job.processQueued();
        Video video = video(desk, page);
        assertEquals(Video.MediaState.READY, video.mediaState, video.mediaMessage);
        // 61.2 s of media is 62 s metered, in this month; the month's minutes are those seconds rounded up: 2.
        assertEquals(62, video.meteredSeconds);
        assertEquals(62, scopedWork.call(desk.tenant().id, null, () -> metering.secondsThisMonth()) - before);
        assertEquals(2, video.durationMinutes);
        assertTrue(Math.abs(video.durationMillis - 61_200) < 150, "exact duration: " + video.durationMillis);

        Path published = videoDirectory(desk, video).resolve("published");
        String probed = Clips.probe(published.resolve("video.mp4"));
        assertTrue(probed.contains("codec_name=h264") && probed.contains("codec_name=aac"), probed);
        byte[] head = Arrays.copyOf(Files.readAllBytes(published.resolve("video.mp4")), 4096);
        String start = new String(head, StandardCharsets.ISO_8859_1);
        assertTrue(start.contains("moov") && (!start.contains("mdat") || start.indexOf("moov") < start.indexOf("mdat")),
                "fast start: the moov atom comes before the media data");
        assertFalse(Files.exists(videoDirectory(desk, video).resolve("upload")), "the upload is deleted once processed");
        assertTrue(video.thumbnails >= 7, "one thumbnail every 10 s: " + video.thumbnails);

        Document html = Browser.html(desk.browser().get(page));
        assertNotNull(html.selectFirst("video#player[data-hls$=/media/hls/master.m3u8]"));
        assertNotNull(html.selectFirst("video#player source[type=video/mp4]"));
        assertTrue(html.select("script:not([src])").isEmpty(), "no inline script");
        Response master = desk.browser().get(page + "/media/hls/master.m3u8");
        assertEquals(200, master.statusCode());
        assertTrue(master.getContentType().startsWith("application/vnd.apple.mpegurl"));
        String variant = master.asString().lines().filter(l -> l.endsWith(".m3u8")).findFirst().orElseThrow();
        Response playlist = desk.browser().get(page + "/media/hls/" + variant);
        assertEquals(200, playlist.statusCode());
        String segment = playlist.asString().lines().filter(l -> l.endsWith(".ts")).findFirst().orElseThrow();
        assertEquals(200, desk.browser().get(page + "/media/hls/" + variant.replace("index.m3u8", segment)).statusCode());
        Response range = desk.browser().request().header("Range", "bytes=0-99").get(page + "/media/video.mp4");
        assertEquals(206, range.statusCode());
        assertEquals(100, range.asByteArray().length);
        assertEquals(200, desk.browser().get(page + "/media/poster.jpg").statusCode());
        assertEquals(200, desk.browser().get(page + "/media/thumbs/0001.jpg").statusCode());
        assertEquals(404, desk.browser().get(page + "/media/..%2F..%2Fupload").statusCode());
        // Billing shows the month's minutes from the media.
        Browser owner = pro.dailydoco.support.Accounts.signedInMember(desk.tenant(), pro.dailydoco.account.Role.OWNER);
        String billing = Browser.html(owner.get("/t/" + desk.tenant().slug + "/billing")).text();
        assertTrue(billing.contains("2 of 60"), billing);

        // Private: signed out or another workspace's member sees nothing.
        assertEquals(404, new Browser().get(page).statusCode());
        assertEquals(404, new Browser().get(page + "/media/video.mp4").statusCode());

        // Shared by a link, which works signed out until it is revoked.
        String sharePath = shareLink(desk, page, "");
        Browser stranger = new Browser();
        assertEquals(200, stranger.get(sharePath).statusCode());
        assertEquals(200, stranger.get(sharePath + "/media/video.mp4").statusCode());
        assertEquals(200, stranger.get(sharePath + "/media/hls/master.m3u8").statusCode());
        desk.browser().get(page);
        assertEquals(303, desk.browser().post(page + "/share/revoke").statusCode());
        assertEquals(404, stranger.get(sharePath).statusCode());
        assertEquals(404, stranger.get(sharePath + "/media/video.mp4").statusCode());

        // Deleting the video deletes its files.
        desk.browser().get(desk.projectPath());
        Response deleted = desk.browser().post(desk.projectPath() + "/videos/" + video.id + "/delete");
        assertEquals(303, deleted.statusCode());
        assertFalse(Files.exists(videoDirectory(desk, video)), "every file of the deleted video is gone");
    }

    /** Makes a share link valid for {@code days} (empty: until revoked) from the video's page; returns its path. */
    static String shareLink(Desk desk, String page, String days) {
        desk.browser().get(page);
        Response shared = desk.browser().post(page + "/share", "days", days);
        assertEquals(200, shared.statusCode());
        String link = Browser.html(shared).selectFirst("#share-link").attr("href");
        return link.substring(link.indexOf("/v/"));
    }

    @Test
    void anUploadPastThePlansMinutesIsRefusedAtProbeTimeWhenItsLengthWasUnknown() throws Exception {
        Desk desk = VideoUploadTest.desk("vid-probe-limit", "FREE");
        desk.browser().get(desk.projectPath() + "/videos/new");
        assertEquals(303, desk.browser().post(desk.projectPath() + "/videos", "title", "Typed", "durationMinutes", "60",
                "status", "DRAFT").statusCode());
        String page = VideoUploadTest.upload(desk, "One more", Files.readAllBytes(Clips.mp4(1.5, 160, 90)));
        job.processQueued();
        Video video = video(desk, page);
        assertEquals(Video.MediaState.REFUSED, video.mediaState);
        assertTrue(video.refusedForPlanLimit);
        assertTrue(video.mediaMessage.contains("2 s long"), video.mediaMessage);
        assertEquals(null, video.meteredSeconds);
        assertFalse(Files.exists(videoDirectory(desk, video)));
    }

    @Test
    void twoWorkersNeverClaimTheSameJob() throws Exception {
        Desk desk = VideoUploadTest.desk("vid-claims", "PRO");
        List<UUID> ours = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ours.add(video(desk, VideoUploadTest.upload(desk, "Clip " + i, new byte[] {1, 2, 3, 4})).id);
        }
        List<UUID> claimed = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            workers.add(pool.submit(() -> {
                go.await();
                for (Optional<VideoProcessingJob.Claim> c = job.claim(); c.isPresent(); c = job.claim()) {
                    claimed.add(c.get().videoId());
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        assertEquals(claimed.size(), claimed.stream().distinct().count(), "no job was claimed twice: " + claimed);
        assertTrue(claimed.containsAll(ours), "every queued job was claimed once");
    }

    @Test
    void cancellingAQueuedOrRunningJobStopsItAndDeletesTheFiles() throws Exception {
        Desk desk = VideoUploadTest.desk("vid-cancel", "PRO");
        byte[] clip = Files.readAllBytes(Clips.mp4(2, 160, 90));
        // Queued: cancelled at once.
        String queued = VideoUploadTest.upload(desk, "Queued", clip);
        desk.browser().get(queued);
        assertEquals(303, desk.browser().post(queued + "/cancel").statusCode());
        Video cancelled = video(desk, queued);
        assertEquals(Video.MediaState.CANCELLED, cancelled.mediaState);
        assertFalse(Files.exists(videoDirectory(desk, cancelled)));

        // Running: the worker holds the job when the person cancels; its next look stops ffmpeg and deletes.
        String running = VideoUploadTest.upload(desk, "Running", clip);
        UUID runningId = video(desk, running).id;
        VideoProcessingJob.Claim claim;
        do {
            claim = job.claim().orElseThrow();
        } while (!claim.videoId().equals(runningId));
        desk.browser().get(running);
        assertEquals(303, desk.browser().post(running + "/cancel").statusCode());
        assertFalse(job.process(claim));
        Video stopped = video(desk, running);
        assertEquals(Video.MediaState.CANCELLED, stopped.mediaState);
        assertFalse(Files.exists(videoDirectory(desk, stopped)));
        // Nothing left to cancel.
        desk.browser().get(running);
        assertEquals(409, desk.browser().post(running + "/cancel").statusCode());
    }

    @Test
    void chaptersAreCheckedAndShownAsSeekButtons() {
        Desk desk = VideoUploadTest.desk("vid-chapters", "PRO");
        String page = VideoUploadTest.upload(desk, "With chapters", new byte[] {1, 2, 3});
        desk.browser().get(page);
        Response invalid = desk.browser().post(page + "/details", "chapters", "1:00 Later\n0:30 Earlier", "transcript", "");
        assertEquals(400, invalid.statusCode());
        assertTrue(Browser.html(invalid).selectFirst("#chapters-error").text().contains("before the chapter above"));
        assertEquals(303, desk.browser().post(page + "/details", "chapters", "0:00 Intro\n1:05 Setting up",
                "transcript", "Hello and welcome.").statusCode());
        Document html = Browser.html(desk.browser().get(page));
        assertEquals("65", html.select("button[data-seek]").get(1).attr("data-seek"));
        assertTrue(html.selectFirst(".transcript").text().contains("Hello and welcome."));
    }
}
