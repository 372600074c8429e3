package pro.dailydoco.api;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The public API's limits (docs/decisions/0185-api-rate-limits-and-quota.md): requests a minute per key and per
 * workspace, shared by every instance through PostgreSQL. The monthly allowance comes from the plan, not from here.
 */
@ConfigMapping(prefix = "dailydoco.api")
public interface ApiConfig {

    /** Requests a minute one API key may send (a bucket refilled evenly over the minute). */
    @WithDefault("120")
    int requestsPerMinutePerKey();

    /** Requests a minute all keys of one workspace may send together. */
    @WithDefault("600")
    int requestsPerMinutePerWorkspace();

    /** How long a stored answer to a POST with an Idempotency-Key is replayed. */
    @WithDefault("PT24H")
    Duration idempotencyWindow();

    /** The longest grace period an owner may give a rotated key. */
    @WithDefault("P30D")
    Duration maxRotationGrace();
}
