package pro.dailydoco.project;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.resteasy.reactive.PathPart;

import jakarta.ws.rs.core.Response;

/**
 * A published media file as an HTTP answer: its type from its (our own) name, and byte ranges, which Safari asks
 * for before it plays an MP4 and every player uses to seek.
 */
final class MediaFiles {

    private static final Map<String, String> TYPES = Map.of("mp4", "video/mp4", "m3u8", "application/vnd.apple.mpegurl",
            "ts", "video/mp2t", "jpg", "image/jpeg");

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d{0,18})-(\\d{0,18})");

    private MediaFiles() {
    }

    static Response answer(Path file, String range) {
        String name = file.getFileName().toString();
        String type = TYPES.getOrDefault(name.substring(name.lastIndexOf('.') + 1), "application/octet-stream");
        long size = file.toFile().length();
        if (range != null && !range.isBlank() && Files.isRegularFile(file)) {
            Matcher m = RANGE.matcher(range.strip());
            if (m.matches() && !(m.group(1).isEmpty() && m.group(2).isEmpty())) {
                long start;
                long end;
                if (m.group(1).isEmpty()) {
                    long suffix = Long.parseLong(m.group(2));
                    start = Math.max(0, size - suffix);
                    end = size - 1;
                } else {
                    start = Long.parseLong(m.group(1));
                    end = m.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(m.group(2)));
                }
                if (start >= size || end < start) {
                    return Response.status(416).header("Content-Range", "bytes */" + size).build();
                }
                return Response.status(206).type(type).header("Accept-Ranges", "bytes")
                        .header("Content-Range", "bytes " + start + "-" + end + "/" + size)
                        .entity(new PathPart(file, start, end - start + 1)).build();
            }
        }
        return Response.ok(file).type(type).header("Accept-Ranges", "bytes").build();
    }
}
