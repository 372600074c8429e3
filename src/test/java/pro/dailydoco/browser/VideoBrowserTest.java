package pro.dailydoco.browser;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import pro.dailydoco.project.VideoProcessingJob;
import pro.dailydoco.support.Accounts;

/**
 * A person uploads a generated screen recording in Chromium through the page's chunked upload, the worker processes
 * it with real ffmpeg, and the player page's video element reaches {@code canplay} (hls.js from the app's webjar).
 */
@QuarkusTest
class VideoBrowserTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    VideoProcessingJob job;

    private String url(String path) {
        return base.toString().replaceAll("/$", "") + path;
    }

    @Test
    void anUploadedRecordingPlaysInTheBrowser() throws Exception {
        Path clip = clip();
        WebDriver browser = RealBrowser.start();
        try {
            browser.get(url("/signup"));
            browser.findElement(By.id("email")).sendKeys(Accounts.uniqueEmail("browser-video"));
            browser.findElement(By.id("password")).sendKeys(Accounts.PASSWORD);
            browser.findElement(By.id("workspaceName")).sendKeys("Video Docs");
            RealBrowser.submit(browser, By.cssSelector("form[action='/signup'] button[type=submit]"));
            String workspace = browser.getCurrentUrl().replaceFirst("^https?://[^/]+", "").replaceAll("/$", "");

            browser.get(url(workspace + "/projects/new"));
            browser.findElement(By.id("name")).sendKeys("Walkthroughs");
            RealBrowser.submit(browser, By.cssSelector("form[action$='/projects'] button[type=submit]"));
            String project = browser.getCurrentUrl().replaceFirst("^https?://[^/]+", "");

            browser.get(url(project + "/videos/upload"));
            browser.findElement(By.id("title")).sendKeys("First steps");
            browser.findElement(By.id("file")).sendKeys(clip.toString());
            browser.findElement(By.cssSelector("#video-upload button[type=submit]")).click();
            new WebDriverWait(browser, Duration.ofSeconds(60))
                    .until(d -> d.getCurrentUrl().contains(workspace + "/videos/"));
            RealBrowser.screenshot(browser, "video-01-processing");

            job.processQueued();
            browser.navigate().refresh();
            JavascriptExecutor js = (JavascriptExecutor) browser;
            js.executeScript("var v = document.getElementById('player'); v.muted = true; window.__canplay = v.readyState >= 3;"
                    + "v.addEventListener('canplay', function () { window.__canplay = true; });");
            new WebDriverWait(browser, Duration.ofSeconds(30))
                    .until(d -> Boolean.TRUE.equals(js.executeScript("return window.__canplay === true;")));
            RealBrowser.screenshot(browser, "video-02-player");
            assertTrue((Boolean) js.executeScript("return document.getElementById('player').readyState >= 3;"));
        } finally {
            browser.quit();
        }
    }

    /** A 3-second 640x360 test pattern with a tone, made by ffmpeg; skipped without it. */
    private static Path clip() throws Exception {
        Path out = Files.createTempFile("dailydoco-browser-clip", ".mp4");
        Process process;
        try {
            process = new ProcessBuilder("ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i",
                    "testsrc=size=640x360:rate=25:duration=3", "-f", "lavfi", "-i", "sine=frequency=440:duration=3",
                    "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest",
                    out.toString()).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            Assumptions.abort("ffmpeg is not installed: the video browser test is skipped (apt-get install ffmpeg)");
            throw e;
        }
        process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0, "ffmpeg made the clip");
        out.toFile().deleteOnExit();
        return out;
    }
}
