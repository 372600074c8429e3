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

    /** Where stripe-java sends API calls; tests point it at a local stand-in. Default: application.properties. */
    String stripeApiBase();

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

    Prices prices();

    /** Stripe price ids per plan, comma-separated; the first is the one Checkout offers (e.g. monthly, yearly). */
    interface Prices {
        Optional<List<String>> pro();

        Optional<List<String>> team();

        Optional<List<String>> enterprise();
    }
}
