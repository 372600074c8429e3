package pro.dailydoco.core.database;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Held for as long as an app runs the server of a data directory. The operating system lets go of it when the
 * process ends, however it ends: a server found running without its lock held was left behind by a killed app.
 */
final class DataDirectoryLock implements AutoCloseable {

    // The name zonky's EmbeddedPostgres locked, so that an older DailyDoco on the same directory is seen too.
    static final String FILE_NAME = "epg-lock";

    // Closing any channel on a locked file releases the JVM's lock on it (POSIX record locks belong to the process),
    // so a second attempt from this JVM must not even open the file: it is turned away here.
    private static final Set<Path> HELD_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

    private final Path directory;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(Path directory, FileChannel channel, FileLock lock) {
        this.directory = directory;
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock, or null when another process (or another server object in this JVM) holds it. */
    static DataDirectoryLock tryAcquire(Path dataDirectory) throws IOException {
        Path directory = dataDirectory.toRealPath();
        if (!HELD_IN_THIS_JVM.add(directory)) {
            return null;
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(directory.resolve(FILE_NAME), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return new DataDirectoryLock(directory, channel, lock);
            }
            channel.close();
            HELD_IN_THIS_JVM.remove(directory);
            return null;
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            HELD_IN_THIS_JVM.remove(directory);
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
            channel.close();
        } finally {
            HELD_IN_THIS_JVM.remove(directory);
        }
    }
}
