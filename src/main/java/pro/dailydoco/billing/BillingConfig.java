package pro.dailydoco.billing;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Billing settings ({@code dailydoco.billing.*}). The Stripe secrets come only from the environment (see
 * application.properties). Each default is written once: here, or — for the properties deployments set through an
 * environment variable that is not the property's own name (DAILYDOCO_WEBHOOK_MAX_ATTEMPTS, not
 * DAILYDOCO_BILLING_WEBHOOK_MAX_ATTEMPTS) — on that variable's line in application.properties
 * (docs/decisions/0052-configuration-mappings.md).
 */
@ConfigMapping(prefix = "dailydoco.billing")
public interface BillingConfig {

    /** Where stripe-java sends API calls; tests point it at a WireMock server. Default: application.properties. */
    String stripeApiBase();

    /** How long to wait for a connection to Stripe. */
    @WithDefault("5s")
    Duration stripeConnectTimeout();

    /** How long to wait for Stripe's answer (Checkout and Portal; webhook look-ups use a shorter one). */
    @WithDefault("20s")
    Duration stripeReadTimeout();

    /** Network retries of a failed Stripe call (stripe-java retries only what is safe, with back-off). */
    @WithDefault("2")
    int stripeMaxNetworkRetries();

    /** Secret API key ({@code STRIPE_API_KEY}); without it checkout and portal are unavailable. */
    Optional<String> stripeApiKey();

    /** Webhook signing secret ({@code STRIPE_WEBHOOK_SECRET}); without it the webhook answers 503. */
    Optional<String> webhookSecret();

    /** How old a signed webhook may be; Stripe's own default is five minutes. */
    @WithDefault("300s")
    Duration webhookTolerance();

    /** How long a past_due subscription keeps its plan before the tenant falls back to Free limits. */
    @WithDefault("7d")
    Duration gracePeriod();

    /**
     * Processing attempts of a webhook event before it is flagged for the operator. Default:
     * application.properties.
     */
    int webhookMaxAttempts();

    /** First retry delay; each further attempt waits twice as long, up to {@link #webhookRetryMaxDelay()}. */
    @WithDefault("1m")
    Duration webhookRetryDelay();

    @WithDefault("1h")
    Duration webhookRetryMaxDelay();

    /**
     * How often the retry job looks for due events ({@code off} disables it, as the tests do); the job's
     * {@code @Scheduled} expression reads this property. Default: application.properties.
     */
    String webhookRetryEvery();

    /**
     * How long a worker owns the events it claimed (or received) before another may take them: longer than the
     * processing of a batch, short enough that the events of an instance that died are soon picked up.
     */
    @WithDefault("2m")
    Duration webhookClaimLease();

    /** How many due events the retry job claims at once; it claims batch after batch until none is due. */
    @WithDefault("25")
    int webhookClaimBatch();

    Prices prices();

    /** Stripe price ids per plan, comma-separated; the first is the one Checkout offers (e.g. monthly, yearly). */
    interface Prices {
        Optional<List<String>> pro();

        Optional<List<String>> team();

        Optional<List<String>> enterprise();

        /** Add-on prices, one property per {@link pro.dailydoco.billing.events.AddOn#key()}; the first is sold. */
        Optional<List<String>> premiumSupport();

        Optional<List<String>> whiteLabel();

        Optional<List<String>> trainingSeats();

        Optional<List<String>> extraSeats();

        Optional<List<String>> customIntegration();

        Optional<List<String>> enterpriseLicence();
    }
}
