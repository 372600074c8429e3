package pro.dailydoco.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import pro.dailydoco.core.database.Row;

/**
 * Failure counters shared by every instance (they live in PostgreSQL, not in memory). After
 * {@code maxFailures} within the window, each further failure blocks the key for a back-off that doubles up to a
 * ceiling — a slow-down rather than a hard lock, so an attacker cannot lock a victim out for good.
 */
@ApplicationScoped
public class RateLimiter {

    private final EntityManager entityManager;
    private final AccountConfig config;
    private final Clock clock;

    RateLimiter(EntityManager entityManager, AccountConfig config, Clock clock) {
        this.entityManager = entityManager;
        this.config = config;
        this.clock = clock;
    }

    /** How long {@code key} stays blocked, if it is. */
    public Optional<Duration> blockedFor(String key) {
        Instant now = clock.instant();
        return QuarkusTransaction.requiringNew().call(() -> {
            List<?> rows = entityManager.createNativeQuery("select blocked_until from rate_limit where key = ?1")
                    .setParameter(1, key).getResultList();
            if (rows.isEmpty() || rows.get(0) == null) {
                return Optional.<Duration>empty();
            }
            Instant until = pro.dailydoco.core.Timestamps.instant(rows.get(0));
            return until.isAfter(now) ? Optional.of(Duration.between(now, until)) : Optional.<Duration>empty();
        });
    }

    /** Counts one failure for {@code key}; returns the back-off now in force, if any. */
    public Optional<Duration> recordFailure(String key) {
        return count(key, config.loginMaxFailures(), config.loginWindow(), true);
    }

    /**
     * Counts one use of a capped action (e.g. sign-ups per IP); returns the wait when the cap is reached. Unlike
     * failures, uses past the cap do not lengthen the wait.
     */
    public Optional<Duration> recordUse(String key, int max, Duration window) {
        return count(key, max, window, false);
    }

    public void reset(String key) {
        QuarkusTransaction.requiringNew().run(() -> entityManager
                .createNativeQuery("delete from rate_limit where key = ?1").setParameter(1, key).executeUpdate());
    }

    private Optional<Duration> count(String key, int max, Duration window, boolean backOff) {
        Instant now = clock.instant();
        return QuarkusTransaction.requiringNew().call(() -> {
            entityManager.createNativeQuery(
                    "insert into rate_limit (key, failures, window_start) values (?1, 0, ?2) on conflict (key) do nothing")
                    .setParameter(1, key).setParameter(2, now).executeUpdate();
            Row row = Row.single(entityManager.createNativeQuery(
                    "select failures as failures, window_start as window_start from rate_limit where key = ?1 for update",
                    Tuple.class).setParameter(1, key));
            int failures = row.intValue("failures");
            Instant windowStart = row.instant("window_start");
            if (windowStart.plus(window).isBefore(now) && failures < max) {
                failures = 0;
                windowStart = now;
            }
            failures++;
            Instant blockedUntil = null;
            if (failures >= max) {
                Duration wait = backOff ? backoff(failures - max) : Duration.between(now, windowStart.plus(window));
                blockedUntil = now.plus(wait);
            }
            entityManager.createNativeQuery(
                    "update rate_limit set failures = ?2, window_start = ?3, blocked_until = ?4 where key = ?1")
                    .setParameter(1, key).setParameter(2, failures).setParameter(3, windowStart)
                    .setParameter(4, blockedUntil).executeUpdate();
            return Optional.ofNullable(blockedUntil).map(until -> Duration.between(now, until));
        });
    }

    private Duration backoff(int extraFailures) {
        Duration wait = config.loginBackoffBase().multipliedBy(1L << Math.min(extraFailures, 20));
        return wait.compareTo(config.loginBackoffMax()) > 0 ? config.loginBackoffMax() : wait;
    }

    /** "1 minute", "12 minutes": how long to wait, rounded up so nobody retries too early. */
    public static String humanMinutes(Duration wait) {
        long minutes = Math.max(1, (wait.toSeconds() + 59) / 60);
        return minutes == 1 ? "1 minute" : minutes + " minutes";
    }
}
