package pro.dailydoco.core.database;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Reads that may lag go to a streaming replica when one is configured ({@code DAILYDOCO_REPLICA_JDBC_URL}); see
 * docs/decisions/0216-lag-tolerant-reads-on-a-replica.md.
 */
@ConfigMapping(prefix = "dailydoco.replica")
public interface ReplicaConfig {

    /** How far behind the primary the replica may be for a read to be served there; past it the primary answers. */
    @WithDefault("5s")
    Duration maxLag();

    /**
     * How often a node writes the heartbeat the lag is measured by (well under {@link #maxLag()}). The job's
     * {@code @Scheduled} expression reads this property, and with it this default.
     */
    @WithDefault("1s")
    Duration heartbeatEvery();

    /** After the replica failed to answer, how long this node reads from the primary before trying it again. */
    @WithDefault("10s")
    Duration retryAfter();
}
