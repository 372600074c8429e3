package pro.dailydoco.core.database;

import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;

/**
 * The one mechanism for limits every instance shares: Bucket4j's token buckets kept in a PostgreSQL table (one row per
 * bucket, {@code id text primary key, state bytea, expires_at bigint}, changed under {@code select … for update}), so N
 * instances never allow N times a limit. The public API's rate limits and sign-in throttling both draw from buckets
 * built here, each in its feature's own table (docs/decisions/0209-one-bucket-mechanism-for-sign-in-and-api-limits.md).
 * Bucket4j commits its own short transaction per call: call it outside any transaction.
 */
public final class SharedBuckets {

    private SharedBuckets() {
    }

    /**
     * Buckets by text key in {@code table}, timed by {@code clock} (the application's, so tests that move time move the
     * buckets too). A row is removed once its bucket has been full again for {@code keepFull}: it holds nothing.
     */
    public static ProxyManager<String> in(DataSource dataSource, String table, Clock clock, Duration keepFull) {
        return Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table(table).idColumn("id").stateColumn("state").expiresAtColumn("expires_at")
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(keepFull))
                .clientClock(timeOf(clock))
                .build();
    }

    private static TimeMeter timeOf(Clock clock) {
        return new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                java.time.Instant now = clock.instant();
                return now.getEpochSecond() * 1_000_000_000L + now.getNano();
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }
}
