package pro.dailydoco.privacy;

import java.time.Duration;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Data exports: how long a finished one stays, how large one may grow, how often the job looks for work. */
@ConfigMapping(prefix = "dailydoco.privacy")
public interface PrivacyConfig {

    /** How long a finished export can be downloaded; afterwards the job deletes its file. */
    @WithDefault("P7D")
    Duration exportExpiry();

    /**
     * The largest zip an export may be: it is built in memory and kept in PostgreSQL
     * (docs/decisions/0131-data-exports-built-in-the-background.md); a larger one fails with a message.
     */
    @WithDefault("64M")
    MemorySize exportMaxSize();

    /** How often each instance's job builds queued exports and deletes expired ones; {@code off} in tests. */
    @WithDefault("5s")
    String exportJobEvery();
}
