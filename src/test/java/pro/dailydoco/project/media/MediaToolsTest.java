package pro.dailydoco.project.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The external programs as the app sees them: missing ones, the deadline, argument lists, and what the probe takes. */
class MediaToolsTest {

    /** A configuration with the mapping's defaults, but the programs named here. */
    private static MediaConfig config(String ffmpeg, String ffprobe) {
        Map<String, Object> values = Map.of("ffmpeg", ffmpeg, "ffprobe", ffprobe, "niceness", 10, "processTimeout",
                Duration.ofMinutes(1));
        return (MediaConfig) Proxy.newProxyInstance(MediaConfig.class.getClassLoader(), new Class<?>[] {MediaConfig.class},
                (proxy, method, args) -> values.get(method.getName()));
    }

    @Test
    void aMissingFfmpegIsReportedAsMissing() {
        assertFalse(new MediaTools(config("/nonexistent/ffmpeg", "/nonexistent/ffprobe")).available());
    }

    @Test
    void aRunPastItsDeadlineIsKilled() {
        Instant start = Instant.now();
        ExternalProcess.Stopped stopped = assertThrows(ExternalProcess.Stopped.class,
                () -> ExternalProcess.run(List.of("sleep", "30"), 10, Duration.ofSeconds(1), line -> {
                }, () -> false));
        assertFalse(stopped.cancelled);
        assertTrue(Duration.between(start, Instant.now()).toSeconds() < 10, "stopped at the deadline, not at the end");
    }

    @Test
    void argumentsAreNeverReadByAShell() throws Exception {
        Path marker = Files.createTempFile("dailydoco-shell", ".txt");
        Files.delete(marker);
        ExternalProcess.Result result = ExternalProcess.run(List.of("echo", "x; touch " + marker), 0,
                Duration.ofSeconds(10), line -> {
                }, () -> false);
        assertEquals(0, result.exitCode());
        assertEquals("x; touch " + marker, result.output().strip());
        assertFalse(Files.exists(marker), "the text after ; stayed text");
    }

    @Test
    void theProbeTakesOnlyKnownContainersAndCodecsAndRoundsTheLengthUp() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Probe ok = Probe.of(json.readTree("""
                {"format": {"format_name": "mov,mp4,m4a,3gp,3g2,mj2", "duration": "61.200000"},
                 "streams": [{"codec_type": "video", "codec_name": "h264", "width": 640, "height": 360},
                             {"codec_type": "audio", "codec_name": "aac"}]}"""));
        assertEquals(61_200, ok.durationMillis());
        assertEquals(62, ok.meteredSeconds());
        Probe.Refused gif = assertThrows(Probe.Refused.class, () -> Probe.of(json.readTree("""
                {"format": {"format_name": "gif", "format_long_name": "CompuServe Graphics Interchange Format (GIF)",
                 "duration": "2"}, "streams": [{"codec_type": "video", "codec_name": "gif", "width": 64, "height": 64}]}""")));
        assertTrue(gif.getMessage().contains("GIF"), gif.getMessage());
        Probe.Refused audioOnly = assertThrows(Probe.Refused.class, () -> Probe.of(json.readTree("""
                {"format": {"format_name": "mov,mp4,m4a,3gp,3g2,mj2", "duration": "5"},
                 "streams": [{"codec_type": "audio", "codec_name": "aac"}]}""")));
        assertTrue(audioOnly.getMessage().contains("no video"), audioOnly.getMessage());
    }
}
