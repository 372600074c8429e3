package pro.dailydoco.project;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.resteasy.reactive.PathPart;

import jakarta.ws.rs.core.Response;
import pro.dailydoco.core.DomainException;
import pro.dailydoco.project.media.MediaFile;

/**
 * A published media file as an HTTP answer: its type from its (our own) name, and byte ranges, which Safari asks
 * for before it plays an MP4 and every player uses to seek. A file on the local disk is sent by its path; one in a
 * bucket is streamed from a Range request to it (docs/decisions/0212-video-storage-on-s3-compatible-buckets.md).
 */
final class MediaFiles {

    private static final Map<String, String> TYPES = Map.of("mp4", "video/mp4", "m3u8", "application/vnd.apple.mpegurl",
            "ts", "video/mp2t", "jpg", "image/jpeg");

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d{0,18})-(\\d{0,18})");

    private MediaFiles() {
    }

    static Response answer(MediaFile file, String range) {
        String name = file.name();
        String type = TYPES.getOrDefault(name.substring(name.lastIndexOf('.') + 1), "application/octet-stream");
        long size = file.size();
        if (range != null && !range.isBlank()) {
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
                return body(Response.status(206), file, start, end - start + 1).type(type)
                        .header("Accept-Ranges", "bytes").header("Content-Range", "bytes " + start + "-" + end + "/" + size)
                        .build();
            }
        }
        return body(Response.ok(), file, 0, size).type(type).header("Accept-Ranges", "bytes").build();
    }

    /** A disk file by its path (the server sets the length); a bucket's stream with the length it will have. */
    private static Response.ResponseBuilder body(Response.ResponseBuilder answer, MediaFile file, long start,
            long length) {
        Optional<Path> local = file.localPath();
        if (local.isPresent()) {
            return answer.entity(start == 0 && length == file.size() ? local.get()
                    : new PathPart(local.get(), start, length));
        }
        try {
            return answer.entity(file.open(start, length)).header("Content-Length", length);
        } catch (IOException e) {
            throw new DomainException(503, "Video storage unavailable", "The video's files cannot be read right now; "
                    + "try again in a moment.");
        }
    }
}
