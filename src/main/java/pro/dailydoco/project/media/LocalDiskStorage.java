package pro.dailydoco.project.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;

/**
 * Media on the local disk: {@code <root>/<tenant>/<video>/upload} while it arrives, {@code …/published/} once
 * processed. Instances that share the directory (one host, or a shared volume) share the files. With a bucket
 * ({@link S3Storage}) the same layout holds only the files ffmpeg works on. Typed to its class: which storage the
 * application uses is {@link MediaStorageChoice}'s decision.
 */
@ApplicationScoped
@Typed(LocalDiskStorage.class)
public class LocalDiskStorage implements MediaStorage {

    /** Published names are ours (renditions, poster, thumbnails): plain segments only, never {@code ..}. */
    static final Pattern SAFE_PATH = Pattern.compile("[a-z0-9_-]+(\\.[a-z0-9]+)?(/[a-z0-9_-]+(\\.[a-z0-9]+)?){0,3}");

    private final Path root;

    @Inject
    LocalDiskStorage(MediaConfig config) {
        this(Path.of(config.storageDirectory().filter(s -> !s.isBlank())
                .orElse(Path.of(System.getProperty("user.home"), ".dailydoco", "media").toString())));
    }

    LocalDiskStorage(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    private Path videoDirectory(MediaKey key) {
        return root.resolve(key.tenantId().toString()).resolve(key.videoId().toString());
    }

    @Override
    public long appendUpload(MediaKey key, long offset, InputStream chunk, long limit) throws IOException {
        Path file = uploadFile(key);
        Files.createDirectories(file.getParent());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock = tryLock(channel);
            if (lock == null) {
                throw new ChunkRefused("Another part of this upload is being sent right now.", true);
            }
            try (lock) {
                // Bytes past the offset the database confirmed belong to a chunk that was cut off: drop them.
                channel.truncate(offset);
                channel.position(offset);
                byte[] buffer = new byte[64 * 1024];
                long size = offset;
                for (int read = chunk.read(buffer); read >= 0; read = chunk.read(buffer)) {
                    size += read;
                    if (size > limit) {
                        channel.truncate(offset);
                        throw new ChunkRefused("The chunk goes past the upload's announced size.", false);
                    }
                    ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, read);
                    while (bytes.hasRemaining()) {
                        channel.write(bytes);
                    }
                }
                channel.force(false);
                return size;
            }
        }
    }

    /** The upload's lock, or null while another request (this instance's or another's) writes to it. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    @Override
    public Path uploadFile(MediaKey key) {
        return videoDirectory(key).resolve("upload");
    }

    @Override
    public Path workDirectory(MediaKey key) throws IOException {
        Path work = videoDirectory(key).resolve("work");
        deleteTree(work);
        return Files.createDirectories(work);
    }

    @Override
    public long publish(MediaKey key, Path workDirectory) throws IOException {
        Path published = videoDirectory(key).resolve("published");
        deleteTree(published);
        Files.move(workDirectory, published, StandardCopyOption.ATOMIC_MOVE);
        long[] bytes = {0};
        Files.walkFileTree(published, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                bytes[0] += attributes.size();
                return FileVisitResult.CONTINUE;
            }
        });
        return bytes[0];
    }

    @Override
    public void deleteUpload(MediaKey key) {
        try {
            Files.deleteIfExists(uploadFile(key));
        } catch (IOException e) {
            Log.warnf("Could not delete the upload of video %s: %s", key.videoId(), e.toString());
        }
    }

    @Override
    public Optional<MediaFile> published(MediaKey key, String relativePath) {
        if (relativePath == null || !SAFE_PATH.matcher(relativePath).matches()) {
            return Optional.empty();
        }
        Path file = videoDirectory(key).resolve("published").resolve(relativePath).normalize();
        return file.startsWith(videoDirectory(key)) && Files.isRegularFile(file) ? Optional.of(new DiskFile(file))
                : Optional.empty();
    }

    /** A published file on this disk: served by its path, so the server sends it without copying it through Java. */
    private record DiskFile(Path file) implements MediaFile {
        @Override
        public String name() {
            return file.getFileName().toString();
        }

        @Override
        public long size() {
            return file.toFile().length();
        }

        @Override
        public Optional<Path> localPath() {
            return Optional.of(file);
        }

        @Override
        public InputStream open(long start, long length) throws IOException {
            InputStream in = Files.newInputStream(file);
            in.skipNBytes(start);
            return new BoundedStream(in, length);
        }
    }

    @Override
    public long bytesStored(UUID tenantId) throws IOException {
        Path tenant = root.resolve(tenantId.toString());
        if (!Files.isDirectory(tenant)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(tenant)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    @Override
    public void deleteAll(MediaKey key) {
        try {
            deleteTree(videoDirectory(key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        Files.walkFileTree(directory, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                try {
                    Files.deleteIfExists(dir);
                } catch (NoSuchFileException ignored) {
                    // gone already: another instance deleted it
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
