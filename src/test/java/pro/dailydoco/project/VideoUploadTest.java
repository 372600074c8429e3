package pro.dailydoco.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.UUID;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import pro.dailydoco.account.Role;
import pro.dailydoco.project.media.LocalDiskStorage;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;
import pro.dailydoco.support.TestTenants;
import pro.dailydoco.tenant.ScopedWork;
import pro.dailydoco.tenant.Tenant;

/**
 * Resumable uploads: announced, sent in chunks with their offset, resumed from the server's offset after an
 * interruption; refused before a byte is sent when too large or past the plan's minutes; every chunk needs the CSRF
 * token and the workspace's membership.
 */
@QuarkusTest
class VideoUploadTest {

    @Inject
    ScopedWork scopedWork;

    @Inject
    LocalDiskStorage storage;

    /** A signed-in editor, their workspace and a project of it. */
    record Desk(Tenant tenant, Browser browser, String projectPath, UUID projectId) {
    }

    static Desk desk(String prefix, String plan) {
        Tenant tenant = TestTenants.withPlan(prefix, plan);
        Browser browser = Accounts.signedInMember(tenant, Role.MEMBER);
        browser.get("/t/" + tenant.slug + "/projects/new");
        Response created = browser.post("/t/" + tenant.slug + "/projects", "name", "Walkthroughs", "repositoryUrl",
                "https://github.com/acme/walkthroughs", "description", "Videos");
        assertEquals(303, created.statusCode(), created.asString());
        String path = created.getHeader("Location");
        return new Desk(tenant, browser, path, UUID.fromString(path.substring(path.lastIndexOf('/') + 1)));
    }

    static Response start(Desk desk, String title, long size, String duration) {
        desk.browser().get(desk.projectPath() + "/videos/upload");
        return desk.browser().request().accept("application/json").contentType("application/x-www-form-urlencoded")
                .formParam("_csrf", desk.browser().csrfToken()).formParam("title", title)
                .formParam("size", String.valueOf(size)).formParam("duration", duration)
                .post(desk.projectPath() + "/videos/uploads");
    }

    static Response put(Browser browser, String uploadUrl, long offset, byte[] chunk) {
        return browser.request().accept("application/json").header("X-CSRF-Token", browser.csrfToken())
                .header("Upload-Offset", String.valueOf(offset)).contentType("application/offset+octet-stream")
                .body(chunk).put(uploadUrl);
    }

    /** Uploads a whole file in two chunks; returns the video's page path. */
    static String upload(Desk desk, String title, byte[] bytes) {
        Response started = start(desk, title, bytes.length, "");
        assertEquals(201, started.statusCode(), started.asString());
        String url = started.jsonPath().getString("uploadUrl");
        int half = bytes.length / 2;
        assertEquals(200, put(desk.browser(), url, 0, Arrays.copyOfRange(bytes, 0, half)).statusCode());
        Response last = put(desk.browser(), url, half, Arrays.copyOfRange(bytes, half, bytes.length));
        assertEquals(200, last.statusCode(), last.asString());
        assertTrue(last.jsonPath().getBoolean("complete"));
        return started.jsonPath().getString("pageUrl");
    }

    @Test
    void anInterruptedUploadContinuesFromTheServersOffset() throws Exception {
        Desk desk = desk("vid-resume", "PRO");
        byte[] bytes = new byte[300_000];
        new java.util.Random(7).nextBytes(bytes);
        Response started = start(desk, "Resumed", bytes.length, "");
        assertEquals(201, started.statusCode(), started.asString());
        String url = started.jsonPath().getString("uploadUrl");
        UUID videoId = UUID.fromString(started.jsonPath().getString("video"));

        Response first = put(desk.browser(), url, 0, Arrays.copyOfRange(bytes, 0, 100_000));
        assertEquals(200, first.statusCode(), first.asString());
        assertEquals("100000", first.getHeader("Upload-Offset"));
        // The connection dropped; after a reload the page asks where the server's copy ends.
        Response state = desk.browser().request().accept("application/json").get(url);
        assertEquals(200, state.statusCode());
        assertEquals(100_000, state.jsonPath().getLong("offset"));
        assertFalse(state.jsonPath().getBoolean("complete"));
        // A chunk sent again from the start is refused with the server's offset, and nothing is written twice.
        Response stale = put(desk.browser(), url, 0, Arrays.copyOfRange(bytes, 0, 100_000));
        assertEquals(409, stale.statusCode());
        assertEquals(100_000, stale.jsonPath().getLong("offset"));

        Response rest = put(desk.browser(), url, 100_000, Arrays.copyOfRange(bytes, 100_000, bytes.length));
        assertEquals(200, rest.statusCode(), rest.asString());
        assertTrue(rest.jsonPath().getBoolean("complete"));
        Path file = storage.uploadFile(new pro.dailydoco.project.media.MediaKey(desk.tenant().id, videoId));
        assertTrue(Arrays.equals(bytes, Files.readAllBytes(file)), "the stored upload is the file, byte for byte");
        Video video = scopedWork.call(desk.tenant().id, null, () -> Video.<Video>findById(videoId));
        assertEquals(Video.MediaState.QUEUED, video.mediaState);
        assertEquals(300_000, video.uploadOffset);
        // Finished: no more chunks.
        assertEquals(409, put(desk.browser(), url, 300_000, new byte[] {1}).statusCode());
    }

    @Test
    void aChunkPastTheAnnouncedSizeIsRefusedAndDropped() {
        Desk desk = desk("vid-over", "PRO");
        Response started = start(desk, "Short", 1_000, "");
        String url = started.jsonPath().getString("uploadUrl");
        Response over = put(desk.browser(), url, 0, new byte[1_500]);
        assertEquals(413, over.statusCode(), over.asString());
        Response state = desk.browser().request().accept("application/json").get(url);
        assertEquals(0, state.jsonPath().getLong("offset"));
    }

    @Test
    void everyChunkNeedsTheCsrfTokenAndTheWorkspace() {
        Desk desk = desk("vid-guard", "PRO");
        Response started = start(desk, "Guarded", 1_000, "");
        String url = started.jsonPath().getString("uploadUrl");
        Response noToken = desk.browser().request().accept("application/json").header("Upload-Offset", "0")
                .contentType("application/offset+octet-stream").body(new byte[10]).put(url);
        assertEquals(403, noToken.statusCode());

        Desk outsider = desk("vid-outsider", "PRO");
        outsider.browser().get("/t/" + outsider.tenant().slug + "/projects");
        // Through the outsider's own workspace path: row-level security hides the other workspace's video.
        String theirs = url.replace("/t/" + desk.tenant().slug + "/", "/t/" + outsider.tenant().slug + "/");
        assertEquals(404, put(outsider.browser(), theirs, 0, new byte[10]).statusCode());
        // Through the owning workspace's path: not a member there.
        assertEquals(404, put(outsider.browser(), url, 0, new byte[10]).statusCode());
        Response state = desk.browser().request().accept("application/json").get(url);
        assertEquals(0, state.jsonPath().getLong("offset"), "nothing of theirs was written");
    }

    @Test
    void aFileOverTheSizeLimitIsRefusedBeforeAByteIsSent() {
        Desk desk = desk("vid-size", "PRO");
        Response refused = start(desk, "Huge", 3L * 1024 * 1024 * 1024, "");
        assertEquals(413, refused.statusCode());
        assertTrue(refused.jsonPath().getString("detail").contains("up to 2 GB"), refused.asString());
    }

    @Test
    void anUploadPastThePlansMinutesIsRefusedBeforeItStartsWithTheUpgradeLink() {
        Desk desk = desk("vid-limit", "FREE");
        // 59 of the Free plan's 60 minutes, typed by hand.
        desk.browser().get(desk.projectPath() + "/videos/new");
        assertEquals(303, desk.browser().post(desk.projectPath() + "/videos", "title", "Typed", "durationMinutes", "59",
                "status", "DRAFT").statusCode());
        // 61.2 s is 62 s: past the 60 minutes. The person is a member, not billing: no link, whom to ask instead.
        Response refused = start(desk, "Too long", 10_000, "61.2");
        assertEquals(402, refused.statusCode(), refused.asString());
        assertTrue(refused.jsonPath().getString("detail").contains("60"), refused.asString());
        // 58.3 s rounds up to 59 s: fits exactly.
        assertEquals(201, start(desk, "Fits", 10_000, "58.3").statusCode());

        Tenant tenant = desk.tenant();
        Browser owner = Accounts.signedInMember(tenant, Role.OWNER);
        owner.get(desk.projectPath() + "/videos/upload");
        Response ownerRefused = owner.request().accept("application/json").contentType("application/x-www-form-urlencoded")
                .formParam("_csrf", owner.csrfToken()).formParam("title", "Too long").formParam("size", "10000")
                .formParam("duration", "61.2").post(desk.projectPath() + "/videos/uploads");
        assertEquals(402, ownerRefused.statusCode());
        assertEquals("/t/" + tenant.slug + "/billing", ownerRefused.jsonPath().getString("upgradeUrl"));
    }

    @Test
    void theUploadPageServesItsScriptFromThisSite() {
        Desk desk = desk("vid-page", "PRO");
        Response page = desk.browser().get(desk.projectPath() + "/videos/upload");
        assertEquals(200, page.statusCode());
        Document html = Browser.html(page);
        assertNotNull(html.selectFirst("script[src=/js/video-upload.js]"));
        assertTrue(html.select("script:not([src])").isEmpty(), "no inline script");
        assertEquals(200, desk.browser().get("/js/video-upload.js").statusCode());
        assertNotNull(html.selectFirst("form#video-upload progress, progress#upload-progress"));
    }
}
