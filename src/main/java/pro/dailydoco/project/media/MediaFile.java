package pro.dailydoco.project.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One published file as the player endpoints serve it: its name (for the content type), its size (for byte
 * ranges), and its bytes. A file on the local disk also gives its path, so the server can send it without copying.
 */
public interface MediaFile {

    String name();

    long size();

    /** The file on this machine's disk, when it is one. */
    Optional<Path> localPath();

    /** {@code length} bytes from {@code start}, streamed: the caller closes the stream. */
    InputStream open(long start, long length) throws IOException;
}
