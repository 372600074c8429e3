package pro.dailydoco.billing;

import java.util.Optional;
import java.util.UUID;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.PaymentIntentRetrieveParams;
import com.stripe.param.checkout.SessionCreateParams;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import pro.dailydoco.core.DomainException;
import pro.dailydoco.core.Money;

/**
 * The one class that calls the Stripe API (stripe-java). It builds its own {@link StripeClient} from
 * configuration — key and API base — instead of stripe-java's global static settings, so tests can point it at a
 * local stand-in and nothing leaks between uses.
 */
@ApplicationScoped
public class StripeGateway {

    public static final String TENANT_METADATA_KEY = "tenant_id";

    /**
     * Look-ups made while a webhook is processed (inside its transaction) get short timeouts and one retry instead
     * of stripe-java's 30 s / 80 s, so a slow Stripe delays an event by seconds, not minutes.
     */
    private static final RequestOptions LOOKUP = RequestOptions.builder().setConnectTimeout(5_000)
            .setReadTimeout(10_000).setMaxNetworkRetries(1).build();

    private final BillingConfig config;
    private volatile StripeClient client;

    StripeGateway(BillingConfig config) {
        this.config = config;
    }

    public boolean isConfigured() {
        return config.stripeApiKey().isPresent();
    }

    /** Creates the tenant's Stripe customer; the idempotency key makes a retried call return the same customer. */
    public String createCustomer(UUID tenantId, String displayName) {
        CustomerCreateParams params = CustomerCreateParams.builder()
                .setName(displayName)
                .putMetadata(TENANT_METADATA_KEY, tenantId.toString())
                .build();
        RequestOptions options = RequestOptions.builder().setIdempotencyKey("customer-" + tenantId).build();
        return call("create a customer", () -> {
            Customer customer = client().v1().customers().create(params, options);
            return customer.getId();
        });
    }

    /** Opens a Checkout Session in subscription mode for the tenant's customer; returns the URL to send them to. */
    public String createCheckoutSession(UUID tenantId, String customerId, String priceId, String successUrl,
            String cancelUrl) {
        SessionCreateParams params = SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.SUBSCRIPTION)
                .setCustomer(customerId)
                .setClientReferenceId(tenantId.toString())
                .putMetadata(TENANT_METADATA_KEY, tenantId.toString())
                .setSubscriptionData(SessionCreateParams.SubscriptionData.builder()
                        .putMetadata(TENANT_METADATA_KEY, tenantId.toString())
                        .build())
                .addLineItem(SessionCreateParams.LineItem.builder().setPrice(priceId).setQuantity(1L).build())
                .setSuccessUrl(successUrl)
                .setCancelUrl(cancelUrl)
                .build();
        return call("open Checkout", () -> {
            Session session = client().v1().checkout().sessions().create(params);
            return session.getUrl();
        });
    }

    /** Opens a Customer Portal session (change card, plan, cancel); returns its URL. */
    public String createPortalSession(String customerId, String returnUrl) {
        var params = com.stripe.param.billingportal.SessionCreateParams.builder()
                .setCustomer(customerId)
                .setReturnUrl(returnUrl)
                .build();
        return call("open the customer portal", () -> client().v1().billingPortal().sessions().create(params).getUrl());
    }

    /** The subscription as Stripe has it now, read from the response's raw JSON like webhook payloads are. */
    public StripeObjects.SubscriptionState retrieveSubscription(String subscriptionId) {
        String json = call("read a subscription", () -> {
            // Stripe's Subscription model, not ours: only its raw response body is used.
            com.stripe.model.Subscription subscription = client().v1().subscriptions().retrieve(subscriptionId);
            return subscription.getLastResponse().body();
        });
        return StripeObjects.SubscriptionState.from(StripeObjects.parse(json));
    }

    /**
     * The fingerprint of the card that made a payment ({@code payment_method_details.card.fingerprint} of the
     * charge). Invoices before API 2025-03-31 name the charge; newer ones name only the payment intent, whose
     * {@code latest_charge} is expanded. Empty for a payment without a card (bank debit, …), when neither id is
     * known, when Stripe is not configured and when Stripe cannot answer: the caller goes on without it (logged).
     */
    public Optional<String> cardFingerprintOf(String chargeId, String paymentIntentId) {
        if (!isConfigured() || (chargeId == null && paymentIntentId == null)) {
            return Optional.empty();
        }
        try {
            com.fasterxml.jackson.databind.JsonNode charge;
            if (chargeId != null) {
                charge = StripeObjects.parse(client().v1().charges().retrieve(chargeId, LOOKUP)
                        .getLastResponse().body());
            } else {
                PaymentIntentRetrieveParams params = PaymentIntentRetrieveParams.builder().addExpand("latest_charge")
                        .build();
                charge = StripeObjects.parse(client().v1().paymentIntents().retrieve(paymentIntentId, params, LOOKUP)
                        .getLastResponse().body()).path("latest_charge");
            }
            return Optional.ofNullable(StripeObjects.cardFingerprint(charge));
        } catch (StripeException | RuntimeException e) {
            Log.warnf("Could not read the card of payment %s: %s (request %s)",
                    chargeId != null ? chargeId : paymentIntentId, e.getMessage(),
                    e instanceof StripeException se ? se.getRequestId() : "-");
            return Optional.empty();
        }
    }

    /**
     * Pays {@code amount} to a connected account (Stripe Connect transfer); returns the transfer id. The caller's
     * idempotency key (the payout id) makes a retried call return the first transfer instead of paying twice —
     * Stripe keeps keys for 24 hours, so the caller also records the transfer and never retries a recorded one.
     */
    public String createTransfer(Money amount, String destinationAccountId, String idempotencyKey) {
        if (amount.isNegative() || amount.isZero()) {
            throw new IllegalArgumentException("A transfer pays a positive amount; got " + amount);
        }
        com.stripe.param.TransferCreateParams params = com.stripe.param.TransferCreateParams.builder()
                .setAmount(amount.minor())
                .setCurrency(amount.currency().toLowerCase(java.util.Locale.ROOT))
                .setDestination(destinationAccountId)
                .putMetadata("payout_id", idempotencyKey)
                .build();
        RequestOptions options = RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
        return call("send a payout transfer", () -> client().v1().transfers().create(params, options).getId());
    }

    private StripeClient client() {
        StripeClient current = client;
        if (current == null) {
            String key = config.stripeApiKey().orElseThrow(() -> new DomainException(503, "Billing unavailable",
                    "Stripe is not configured on this server, so billing is unavailable. Please try again later."));
            current = StripeClient.builder()
                    .setApiKey(key)
                    .setApiBase(config.stripeApiBase())
                    .setMaxNetworkRetries(2)
                    .build();
            client = current;
        }
        return current;
    }

    private interface StripeCall<T> {
        T run() throws StripeException;
    }

    private static <T> T call(String what, StripeCall<T> call) {
        try {
            return call.run();
        } catch (StripeException e) {
            // The Stripe request id lets support find the call; the message never holds card data.
            Log.warnf("Stripe refused to %s: %s (request %s)", what, e.getMessage(), e.getRequestId());
            throw new DomainException(502, "Payment provider unavailable",
                    "Stripe could not " + what + " just now. Nothing was charged; please try again in a minute.");
        }
    }
}
