package pro.dailydoco.account;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

import javax.sql.DataSource;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import pro.dailydoco.core.database.SharedBuckets;

/**
 * Throttles shared by every instance, as token buckets in PostgreSQL (table {@code throttle_bucket}) through the same
 * mechanism as the API's rate limits, {@link SharedBuckets}
 * (docs/decisions/0209-one-bucket-mechanism-for-sign-in-and-api-limits.md). After {@code maxFailures} within the
 * window, each further failure blocks the key for a back-off that doubles up to a ceiling — a slow-down rather than a
 * hard lock, so an attacker cannot lock a victim out for good.
 * <p>
 * A key's bucket first counts failures ({@code maxFailures} tokens, all back at the end of the window). The failure
 * that takes the last token replaces it with a back-off bucket: one token, refilled after the back-off of its level
 * (the level is the bandwidth's id). Each failure after a back-off lapsed blocks again at the next level, until a
 * success resets the key.
 */
@ApplicationScoped
public class RateLimiter {

    private static final String BACK_OFF = "back-off:";

    private final ProxyManager<String> buckets;
    private final DataSource dataSource;
    private final AccountConfig config;

    RateLimiter(DataSource dataSource, AccountConfig config, Clock clock) {
        this.dataSource = dataSource;
        this.config = config;
        this.buckets = SharedBuckets.in(dataSource, "throttle_bucket", clock, config.loginWindow());
    }

    /** How long {@code key} stays blocked, if it is. One plain read when the key has no bucket (nearly always). */
    public Optional<Duration> blockedFor(String key) {
        return outsideTransactions(() -> {
            if (!hasBucket(key)) {
                return Optional.<Duration>empty();
            }
            EstimationProbe probe = buckets.builder().build(key, this::failureWindow).estimateAbilityToConsume(1);
            return probe.canBeConsumed() ? Optional.<Duration>empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
        });
    }

    /** Counts one failure for {@code key}; returns the back-off now in force, if any. */
    public Optional<Duration> recordFailure(String key) {
        return outsideTransactions(() -> {
            int level = hasBucket(key) ? buckets.getProxyConfiguration(key).map(RateLimiter::backOffLevel).orElse(-1) : -1;
            if (level < 0) {
                ConsumptionProbe probe = buckets.builder().build(key, this::failureWindow).tryConsumeAndReturnRemaining(1);
                if (probe.isConsumed() && probe.getRemainingTokens() > 0) {
                    return Optional.<Duration>empty();
                }
            }
            Duration wait = backoff(level + 1);
            remove(key);
            buckets.builder().build(key, () -> backOffBucket(level + 1, wait)).getAvailableTokens();
            return Optional.of(wait);
        });
    }

    /**
     * Counts one use of a capped action (e.g. sign-ups per IP); returns the wait when the cap is reached. Unlike
     * failures, uses past the cap do not lengthen the wait: the cap's tokens all come back at the end of the window.
     */
    public Optional<Duration> recordUse(String key, int max, Duration window) {
        return outsideTransactions(() -> {
            ConsumptionProbe probe = buckets.builder().build(key, () -> window(max, window)).tryConsumeAndReturnRemaining(1);
            if (!probe.isConsumed()) {
                return Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
            }
            return probe.getRemainingTokens() == 0 ? Optional.of(Duration.ofNanos(probe.getNanosToWaitForReset()))
                    : Optional.<Duration>empty();
        });
    }

    public void reset(String key) {
        outsideTransactions(() -> {
            remove(key);
            return null;
        });
    }

    /**
     * Whether the key has a bucket, read without a lock. Not through Bucket4j's {@code getProxyConfiguration}: its
     * PostgreSQL backend inserts an empty row to lock before it reads, and every sign-in would leave one behind.
     */
    private boolean hasBucket(String key) {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(
                    "select 1 from throttle_bucket where id = ? and state is not null")) {
                select.setString(1, key);
                try (var row = select.executeQuery()) {
                    return row.next();
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Could not read a throttle", e);
            }
        });
    }

    /**
     * Removes the key's bucket in a transaction of its own. Not through Bucket4j's {@code removeProxy}: that relies on
     * the pooled connection being in auto-commit, which a connection Bucket4j itself used may no longer be.
     */
    private void remove(String key) {
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement delete = connection.prepareStatement("delete from throttle_bucket where id = ?")) {
                delete.setString(1, key);
                delete.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException("Could not reset a throttle", e);
            }
        });
    }

    private BucketConfiguration failureWindow() {
        return window(config.loginMaxFailures(), config.loginWindow());
    }

    private static BucketConfiguration window(int max, Duration window) {
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(max).refillIntervally(max, window).build()).build();
    }

    private static BucketConfiguration backOffBucket(int level, Duration wait) {
        return BucketConfiguration.builder().addLimit(Bandwidth.builder().capacity(1).refillGreedy(1, wait)
                .id(BACK_OFF + level).initialTokens(0).build()).build();
    }

    private static int backOffLevel(BucketConfiguration configuration) {
        Bandwidth bandwidth = configuration.getBandwidths()[0];
        return bandwidth.hasId() && bandwidth.getId().startsWith(BACK_OFF)
                ? Integer.parseInt(bandwidth.getId().substring(BACK_OFF.length())) : -1;
    }

    private Duration backoff(int extraFailures) {
        Duration wait = config.loginBackoffBase().multipliedBy(1L << Math.min(extraFailures, 20));
        return wait.compareTo(config.loginBackoffMax()) > 0 ? config.loginBackoffMax() : wait;
    }

    /** Bucket4j commits its own short transaction per call; a caller's transaction waits meanwhile. */
    private static <T> T outsideTransactions(Supplier<T> work) {
        return QuarkusTransaction.suspendingExisting().call(work::get);
    }

    /** "1 minute", "12 minutes": how long to wait, rounded up so nobody retries too early. */
    public static String humanMinutes(Duration wait) {
        long minutes = Math.max(1, (wait.toSeconds() + 59) / 60);
        return minutes == 1 ? "1 minute" : minutes + " minutes";
    }
}
