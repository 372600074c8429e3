package pro.dailydoco.billing.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.stripe.Stripe;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import pro.dailydoco.billing.BillingConfig;
import pro.dailydoco.core.DomainException;

/**
 * Receives a Stripe webhook: verifies its signature, stores it (transaction 1), then processes it (transaction 2).
 * The sender gets 2xx once the event is stored, whatever processing does: a failure is recorded and retried here,
 * so Stripe's own retries are not needed for it.
 */
@ApplicationScoped
public class StripeWebhooks {

    private final BillingConfig config;
    private final StripeEventStore store;
    private final StripeEventProcessor processor;
    private final Clock clock;
    private final Set<String> reportedApiVersions = ConcurrentHashMap.newKeySet();

    StripeWebhooks(BillingConfig config, StripeEventStore store, StripeEventProcessor processor, Clock clock) {
        this.config = config;
        this.store = store;
        this.processor = processor;
        this.clock = clock;
    }

    void warnWhenUnconfigured(@Observes StartupEvent startup) {
        if (config.webhookSecret().isEmpty()) {
            Log.warn("STRIPE_WEBHOOK_SECRET is not set: /webhooks/stripe answers 503 and subscriptions will not change");
        }
    }

    /**
     * Verifies, stores and processes one delivery.
     *
     * @throws DomainException 503 without a signing secret, 400 for a bad or stale signature or a malformed body
     *         (nothing is stored then)
     */
    public void receive(byte[] body, String signatureHeader) {
        String secret = config.webhookSecret().orElseThrow(() -> new DomainException(503, "Webhooks not configured",
                "This server has no Stripe webhook signing secret, so it cannot accept Stripe events."));
        String payload = new String(body, StandardCharsets.UTF_8);
        Event event = verify(payload, signatureHeader, secret);
        noteApiVersion(event.getApiVersion());
        store.store(new StripeEventStore.StoredEvent(event.getId(), event.getType(), event.getApiVersion(),
                Instant.ofEpochSecond(event.getCreated()), payload));
        processor.process(event.getId());
    }

    private Event verify(String payload, String signatureHeader, String secret) {
        if (signatureHeader == null || signatureHeader.isBlank()) {
            throw DomainException.badRequest("The Stripe-Signature header is missing.");
        }
        Event event;
        try {
            event = Webhook.constructEvent(payload, signatureHeader, secret, config.webhookTolerance().toSeconds(), clock);
        } catch (SignatureVerificationException e) {
            throw DomainException.badRequest("The Stripe signature is not valid or too old.");
        } catch (RuntimeException e) {
            // stripe-java parses with Gson and reports a malformed body with Gson's unchecked exceptions.
            throw DomainException.badRequest("The body is not a Stripe event.");
        }
        if (event == null || event.getId() == null || event.getType() == null || event.getCreated() == null) {
            throw DomainException.badRequest("The body is not a Stripe event.");
        }
        return event;
    }

    /** Fixtures and parsing follow stripe-java's API version; another version still works, but say so once. */
    private void noteApiVersion(String apiVersion) {
        if (apiVersion != null && !Stripe.API_VERSION.equals(apiVersion) && reportedApiVersions.add(apiVersion)) {
            Log.warnf("Stripe sends events in API version %s; this build expects %s. Processing continues from the raw"
                    + " JSON; update the webhook endpoint's version in Stripe when convenient.", apiVersion,
                    Stripe.API_VERSION);
        }
    }
}
