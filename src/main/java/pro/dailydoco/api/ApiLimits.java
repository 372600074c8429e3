package pro.dailydoco.api;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import javax.sql.DataSource;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import pro.dailydoco.core.database.SharedBuckets;

/**
 * Requests a minute per API key and per workspace, as token buckets Bucket4j keeps in PostgreSQL (table
 * {@code api_rate_bucket}, one row per bucket, changed under {@code select … for update}): every instance draws from
 * the same buckets, so N instances never allow N times the limit (docs/decisions/0185-api-rate-limits-and-quota.md).
 * Called outside any transaction: Bucket4j commits its own short one per bucket.
 */
@ApplicationScoped
public class ApiLimits {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    /**
     * What one request drew: whether it may go on, and what the RateLimit headers tell the client about the tighter of
     * the two buckets (its limit, what is left, seconds until it is full again, or until the next token when refused).
     */
    public record Decision(boolean allowed, long limit, long remaining, long resetSeconds, long retryAfterSeconds) {
    }

    private final ProxyManager<String> buckets;
    private final BucketConfiguration perKey;
    private final BucketConfiguration perWorkspace;
    private final int keyLimit;
    private final int workspaceLimit;

    @Inject
    ApiLimits(DataSource dataSource, ApiConfig config) {
        this(dataSource, config.requestsPerMinutePerKey(), config.requestsPerMinutePerWorkspace());
    }

    /** Also how a second instance's limiter is built (tests build one beside the application's, on the same database). */
    public ApiLimits(DataSource dataSource, int keyLimit, int workspaceLimit) {
        this.keyLimit = keyLimit;
        this.workspaceLimit = workspaceLimit;
        // A bucket that would be full again holds nothing worth keeping: its row may be removed.
        this.buckets = SharedBuckets.in(dataSource, "api_rate_bucket", Clock.systemUTC(), Duration.ofSeconds(10));
        this.perKey = perMinute(keyLimit);
        this.perWorkspace = perMinute(workspaceLimit);
    }

    /**
     * Draws one request from the key's bucket, then from its workspace's. A request refused by the workspace's bucket
     * has spent the key's token: the key's own limit is the smaller one, so this only matters when many keys share a
     * workspace.
     */
    public Decision draw(UUID keyId, UUID tenantId) {
        ConsumptionProbe key = buckets.builder().build("key:" + keyId, () -> perKey).tryConsumeAndReturnRemaining(1);
        if (!key.isConsumed()) {
            return refused(keyLimit, key);
        }
        ConsumptionProbe workspace = buckets.builder().build("workspace:" + tenantId, () -> perWorkspace)
                .tryConsumeAndReturnRemaining(1);
        if (!workspace.isConsumed()) {
            return refused(workspaceLimit, workspace);
        }
        // The headers describe whichever bucket is closer to empty.
        boolean keyTighter = key.getRemainingTokens() * workspaceLimit <= workspace.getRemainingTokens() * (long) keyLimit;
        ConsumptionProbe tighter = keyTighter ? key : workspace;
        return new Decision(true, keyTighter ? keyLimit : workspaceLimit, tighter.getRemainingTokens(),
                seconds(tighter.getNanosToWaitForReset()), 0);
    }

    private static Decision refused(int limit, ConsumptionProbe probe) {
        return new Decision(false, limit, 0, seconds(probe.getNanosToWaitForReset()),
                Math.max(1, seconds(probe.getNanosToWaitForRefill())));
    }

    private static long seconds(long nanos) {
        return (nanos + 999_999_999L) / 1_000_000_000L;
    }

    private static BucketConfiguration perMinute(int limit) {
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(limit).refillGreedy(limit, MINUTE).build())
                .build();
    }
}
