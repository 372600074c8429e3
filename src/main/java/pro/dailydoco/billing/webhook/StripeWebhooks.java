package pro.dailydoco.billing.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.stripe.Stripe;
import com.stripe.exception.SignatureVerificationException;
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
    private final InvalidStripeEvents invalid;
    private final Set<String> reportedApiVersions = ConcurrentHashMap.newKeySet();

    StripeWebhooks(BillingConfig config, StripeEventStore store, StripeEventProcessor processor, Clock clock,
            InvalidStripeEvents invalid) {
        this.config = config;
        this.invalid = invalid;
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
     * Verifies, stores and processes one delivery. A signed event whose content breaks Stripe's rules (an amount that
     * is not whole cents, a negative tax, a missing currency or id, an id reused with another body) is kept apart for
     * the operator with its reason and acknowledged, so Stripe stops sending it; one whose envelope cannot even be
     * keyed or ordered (id, type or {@code created} unusable) is kept apart too and refused with 400
     * (docs/decisions/0100-invalid-stripe-events-are-kept-apart.md).
     *
     * @throws DomainException 503 without a signing secret; 400 for a missing or bad signature, one timestamped
     *         outside the tolerance either way (nothing is stored then), or an unusable envelope
     */
    public void receive(byte[] body, String signatureHeader) {
        String secret = config.webhookSecret().orElseThrow(() -> new DomainException(503, "Webhooks not configured",
                "This server has no Stripe webhook signing secret, so it cannot accept Stripe events."));
        String payload = new String(body, StandardCharsets.UTF_8);
        verify(payload, signatureHeader, secret);
        StripeEventEnvelope envelope = StripeEventEnvelope.read(payload, clock.instant(), config.webhookTolerance());
        if (envelope.problem() != null) {
            invalid.record(envelope, payload, envelope.problem(), 400);
            throw DomainException.badRequest("The body is not a usable Stripe event: " + envelope.problem() + ".");
        }
        noteApiVersion(envelope.apiVersion());
        Optional<String> problem = StripeEventRules.problemOf(envelope.type(), envelope.object());
        if (problem.isPresent()) {
            invalid.record(envelope, payload, problem.get(), 200);
            return;
        }
        boolean stored = store.store(new StripeEventStore.StoredEvent(envelope.id(), envelope.type(),
                envelope.apiVersion(), envelope.created(), payload));
        if (!stored && !store.payloadOf(envelope.id()).map(envelope::sameEventAs).orElse(true)) {
            invalid.record(envelope, payload, "the same event id was received before with a different body", 200);
            return;
        }
        processor.process(envelope.id());
    }

    /**
     * Checks the signature with stripe-java (which refuses a timestamp older than the tolerance), then refuses one
     * further ahead than the tolerance too: a clock that far off, or a signature made for later, is not trusted.
     */
    private void verify(String payload, String signatureHeader, String secret) {
        if (signatureHeader == null || signatureHeader.isBlank()) {
            throw DomainException.badRequest("The Stripe-Signature header is missing.");
        }
        long tolerance = config.webhookTolerance().toSeconds();
        try {
            Webhook.Signature.verifyHeader(payload, signatureHeader, secret, tolerance, clock);
        } catch (SignatureVerificationException e) {
            throw DomainException.badRequest("The Stripe signature is not valid or too old.");
        }
        long signedAt = signedAt(signatureHeader);
        if (signedAt > clock.instant().getEpochSecond() + tolerance) {
            throw DomainException.badRequest("The Stripe signature is timestamped in the future.");
        }
    }

    /** The {@code t=} of the header, the time stripe-java verified the signature for. */
    private static long signedAt(String signatureHeader) {
        for (String element : signatureHeader.split(",")) {
            String[] pair = element.trim().split("=", 2);
            if (pair.length == 2 && pair[0].equals("t")) {
                try {
                    return Long.parseLong(pair[1]);
                } catch (NumberFormatException e) {
                    break;
                }
            }
        }
        throw DomainException.badRequest("The Stripe signature is not valid or too old.");
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
