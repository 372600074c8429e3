package pro.dailydoco.project.media;

import java.nio.file.Path;

/** The storage contract on the local disk (the default). */
class LocalDiskStorageTest extends MediaStorageContract {

    @Override
    MediaStorage storage(Path scratch) {
        return new LocalDiskStorage(scratch);
    }
}
