package pro.dailydoco.core.database;

import java.io.IOException;

/** Another process (another DailyDoco) is running the embedded PostgreSQL of this data directory. */
public final class DataDirectoryInUse extends IOException {

    DataDirectoryInUse(String message) {
        super(message);
    }
}
