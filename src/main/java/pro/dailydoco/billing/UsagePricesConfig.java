package pro.dailydoco.billing;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Usage over the plans' allowances ({@code dailydoco.billing.usage.*}): the metered Stripe prices, the meters' event
 * names, the unit prices the billing page projects with, and the sender job's pace
 * (docs/decisions/0201-overage-outbox-to-stripe-meters.md). The defaults of the properties deployments set through
 * an environment variable are written on that variable's line in application.properties
 * (docs/decisions/0052-configuration-mappings.md).
 */
@ConfigMapping(prefix = "dailydoco.billing.usage")
public interface UsagePricesConfig {

    /** API calls over the plan's monthly allowance. */
    Meter apiCalls();

    /** Video minutes over the plan's monthly allowance. */
    Meter videoMinutes();

    /**
     * How long units gather in a workspace's open batch before it is sealed and sent as one meter event: one event
     * per workspace and meter per window, not one per call.
     */
    @WithDefault("5m")
    Duration batchWindow();

    /** How often the sender job runs ({@code off} disables it, as the tests do). Default: application.properties. */
    String sendEvery();

    /** First wait after a failed send; each further attempt waits twice as long, up to {@link #maxRetryWait()}. */
    @WithDefault("1m")
    Duration firstRetryWait();

    @WithDefault("1h")
    Duration maxRetryWait();

    /**
     * How long after sealing a batch is retried. Stripe enforces a meter event's identifier for at least 24 hours:
     * a send retried later could count twice, so the batch is flagged for the operator instead.
     */
    @WithDefault("23h")
    Duration giveUpAfter();

    /** How many due batches the sender claims at once; it claims batch after batch until none is due. */
    @WithDefault("25")
    int claimBatch();

    /** One metered price. */
    interface Meter {

        /** The Stripe price id (a metered price on this meter); without it the overage can't be billed. */
        Optional<String> price();

        /** The {@code event_name} of the Stripe meter the price uses. */
        String eventName();

        /** What one price unit costs, in cents (the price's {@code unit_amount}). */
        long unitAmount();

        /** How many units one price unit covers (the price's {@code transform_quantity.divide_by}, rounded up). */
        @WithDefault("1")
        long unitsPerPriceUnit();
    }
}
