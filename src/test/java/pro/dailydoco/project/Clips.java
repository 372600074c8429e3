package pro.dailydoco.project;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * Small test media made by ffmpeg itself (lavfi's testsrc and sine), never checked in. Tests that need ffmpeg skip
 * with a message when it is not installed, as the browser tests do without Chromium.
 */
final class Clips {

    private static Boolean available;

    private Clips() {
    }

    static void assumeFfmpeg() {
        if (available == null) {
            available = runs("ffmpeg") && runs("ffprobe");
        }
        Assumptions.assumeTrue(available, "ffmpeg/ffprobe are not installed: video processing tests are skipped "
                + "(apt-get install ffmpeg)");
    }

    /** An H.264/AAC MP4 of {@code seconds} at {@code width}x{@code height}: a test pattern and a tone. */
    static Path mp4(double seconds, int width, int height) throws IOException {
        return make(".mp4", List.of("-f", "lavfi", "-i", "testsrc=size=" + width + "x" + height + ":rate=10:duration=" + seconds,
                "-f", "lavfi", "-i", "sine=frequency=440:duration=" + seconds, "-c:v", "libx264", "-preset", "ultrafast",
                "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest"));
    }

    /** A Matroska file whose video is FFV1 (a lossless archive codec we don't take). */
    static Path ffv1(double seconds) throws IOException {
        return make(".mkv", List.of("-f", "lavfi", "-i", "testsrc=size=160x90:rate=5:duration=" + seconds, "-c:v", "ffv1"));
    }

    private static Path make(String suffix, List<String> arguments) throws IOException {
        assumeFfmpeg();
        Path out = Files.createTempFile("dailydoco-clip", suffix);
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "error", "-y"));
        command.addAll(arguments);
        command.add(out.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("ffmpeg could not make the test clip: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        out.toFile().deleteOnExit();
        return out;
    }

    /** What ffprobe says of a file: "codec_name=h264" lines and the like. */
    static String probe(Path file) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("ffprobe", "-v", "error", "-show_entries",
                "format=duration:stream=codec_name,codec_type,width,height", "-of", "default=noprint_wrappers=1",
                file.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor(30, TimeUnit.SECONDS);
        return output;
    }

    private static boolean runs(String program) {
        try {
            Process process = new ProcessBuilder(program, "-version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(20, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
