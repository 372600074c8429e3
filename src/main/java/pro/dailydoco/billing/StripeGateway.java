package pro.dailydoco.billing;

import java.util.Optional;
import java.util.UUID;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.fasterxml.jackson.databind.JsonNode;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.InvoicePaymentListParams;
import com.stripe.param.PaymentIntentRetrieveParams;
import com.stripe.param.checkout.SessionCreateParams;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import pro.dailydoco.core.DomainException;
import pro.dailydoco.core.Money;

/**
 * The one class that calls the Stripe API (stripe-java). It builds its own {@link StripeClient} from
 * configuration — key, API base, timeouts and network retries — instead of stripe-java's global static settings, so
 * tests can point it at a WireMock server and nothing leaks between uses.
 * <p>
 * No call is made while the calling thread has a database transaction open: a slow Stripe would hold that
 * transaction's row locks and connection for as long as it takes. Callers fetch first, then write
 * (docs/decisions/0105-stripe-look-ups-before-the-transaction.md); a call inside a transaction is a bug and fails.
 */
@ApplicationScoped
public class StripeGateway {

    public static final String TENANT_METADATA_KEY = "tenant_id";

    /**
     * Look-ups made while a webhook is processed get short timeouts and one retry instead of the client's, so a
     * slow Stripe delays an event by seconds, then the event waits for its retry.
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
        requireNoTransaction("create a customer");
        return call("create a customer", () -> {
            Customer customer = client().v1().customers().create(params, options);
            return customer.getId();
        });
    }

    /** Opens a Checkout Session in subscription mode for the tenant's customer; returns the URL to send them to. */
    public String createCheckoutSession(UUID tenantId, String customerId, String priceId, String successUrl,
            String cancelUrl) {
        return createCheckoutSession(tenantId, customerId, priceId, java.util.List.of(), successUrl, cancelUrl);
    }

    /**
     * As {@link #createCheckoutSession(UUID, String, String, String, String)}, with metered usage prices as further
     * items of the subscription. A metered item has no quantity (Stripe refuses one): what it bills comes from the
     * meter events sent during the period (docs/decisions/0201-overage-outbox-to-stripe-meters.md).
     */
    public String createCheckoutSession(UUID tenantId, String customerId, String priceId,
            java.util.List<String> meteredPriceIds, String successUrl, String cancelUrl) {
        SessionCreateParams.Builder builder = SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.SUBSCRIPTION)
                .setCustomer(customerId)
                .setClientReferenceId(tenantId.toString())
                .putMetadata(TENANT_METADATA_KEY, tenantId.toString())
                .setSubscriptionData(SessionCreateParams.SubscriptionData.builder()
                        .putMetadata(TENANT_METADATA_KEY, tenantId.toString())
                        .build())
                .addLineItem(SessionCreateParams.LineItem.builder().setPrice(priceId).setQuantity(1L).build())
                .setSuccessUrl(successUrl)
                .setCancelUrl(cancelUrl);
        // The plan's price stays the first item: the subscription's plan is read from the item with a plan price.
        meteredPriceIds.forEach(metered -> builder.addLineItem(SessionCreateParams.LineItem.builder().setPrice(metered)
                .build()));
        SessionCreateParams params = builder.build();
        requireNoTransaction("open Checkout");
        return call("open Checkout", () -> {
            Session session = client().v1().checkout().sessions().create(params);
            return session.getUrl();
        });
    }

    /**
     * Opens Checkout for an add-on (docs/decisions/0204-add-ons-catalogue-and-entitlements.md): in subscription mode
     * for a recurring or per-seat one, in payment mode with an invoice for a one-off one (so its {@code invoice.paid}
     * names the line and the revenue lands in the add-on's stream). Returns the URL to send the buyer to.
     */
    public String createAddOnCheckoutSession(UUID tenantId, String customerId, String priceId, long quantity,
            boolean oneOff, String successUrl, String cancelUrl) {
        SessionCreateParams.Builder params = SessionCreateParams.builder()
                .setMode(oneOff ? SessionCreateParams.Mode.PAYMENT : SessionCreateParams.Mode.SUBSCRIPTION)
                .setCustomer(customerId)
                .setClientReferenceId(tenantId.toString())
                .putMetadata(TENANT_METADATA_KEY, tenantId.toString())
                .addLineItem(SessionCreateParams.LineItem.builder().setPrice(priceId).setQuantity(quantity).build())
                .setSuccessUrl(successUrl)
                .setCancelUrl(cancelUrl);
        if (oneOff) {
            params.setInvoiceCreation(SessionCreateParams.InvoiceCreation.builder().setEnabled(true)
                    .setInvoiceData(SessionCreateParams.InvoiceCreation.InvoiceData.builder()
                            .putMetadata(TENANT_METADATA_KEY, tenantId.toString()).build())
                    .build());
        } else {
            params.setSubscriptionData(SessionCreateParams.SubscriptionData.builder()
                    .putMetadata(TENANT_METADATA_KEY, tenantId.toString()).build());
        }
        SessionCreateParams built = params.build();
        requireNoTransaction("open Checkout");
        return call("open Checkout", () -> client().v1().checkout().sessions().create(built).getUrl());
    }

    /**
     * Adds an add-on to the tenant's live subscription as a new item, invoiced at once for the rest of the period
     * (proration_behavior=always_invoice). The idempotency key makes a double click add one item. Returns its id.
     */
    public String addSubscriptionItem(String subscriptionId, String priceId, long quantity, String idempotencyKey) {
        var params = com.stripe.param.SubscriptionItemCreateParams.builder()
                .setSubscription(subscriptionId)
                .setPrice(priceId)
                .setQuantity(quantity)
                .setProrationBehavior(com.stripe.param.SubscriptionItemCreateParams.ProrationBehavior.ALWAYS_INVOICE)
                .build();
        RequestOptions options = RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
        requireNoTransaction("add to the subscription");
        return call("add to the subscription", () -> client().v1().subscriptionItems().create(params, options).getId());
    }

    /**
     * Bills a one-off add-on on invoice terms: an invoice item of {@code priceId}, then an invoice that collects it
     * ({@code collection_method=send_invoice}, due in {@code daysUntilDue} days), sent to the customer. Keys derived
     * from {@code idempotencyKey} make a retried call bill once. Returns the invoice id.
     */
    public String sendOneOffInvoice(UUID tenantId, String customerId, String priceId, long quantity, String description,
            long daysUntilDue, String idempotencyKey) {
        var item = com.stripe.param.InvoiceItemCreateParams.builder()
                .setCustomer(customerId)
                .setPricing(com.stripe.param.InvoiceItemCreateParams.Pricing.builder().setPrice(priceId).build())
                .setQuantity(quantity)
                .setDescription(description)
                .putMetadata(TENANT_METADATA_KEY, tenantId.toString())
                .build();
        var invoice = com.stripe.param.InvoiceCreateParams.builder()
                .setCustomer(customerId)
                .setCollectionMethod(com.stripe.param.InvoiceCreateParams.CollectionMethod.SEND_INVOICE)
                .setDaysUntilDue(daysUntilDue)
                .setPendingInvoiceItemsBehavior(
                        com.stripe.param.InvoiceCreateParams.PendingInvoiceItemsBehavior.INCLUDE)
                .putMetadata(TENANT_METADATA_KEY, tenantId.toString())
                .build();
        requireNoTransaction("send an invoice");
        return call("send an invoice", () -> {
            client().v1().invoiceItems().create(item,
                    RequestOptions.builder().setIdempotencyKey(idempotencyKey + "-item").build());
            String invoiceId = client().v1().invoices().create(invoice,
                    RequestOptions.builder().setIdempotencyKey(idempotencyKey + "-invoice").build()).getId();
            client().v1().invoices().sendInvoice(invoiceId,
                    RequestOptions.builder().setIdempotencyKey(idempotencyKey + "-send").build());
            return invoiceId;
        });
    }

    /**
     * Starts a subscription billed on invoice terms ({@code collection_method=send_invoice}, due in
     * {@code daysUntilDue} days): the annual Enterprise licence. Returns the subscription id.
     */
    public String createInvoicedSubscription(UUID tenantId, String customerId, String priceId, long daysUntilDue,
            String idempotencyKey) {
        var params = com.stripe.param.SubscriptionCreateParams.builder()
                .setCustomer(customerId)
                .addItem(com.stripe.param.SubscriptionCreateParams.Item.builder().setPrice(priceId).build())
                .setCollectionMethod(com.stripe.param.SubscriptionCreateParams.CollectionMethod.SEND_INVOICE)
                .setDaysUntilDue(daysUntilDue)
                .putMetadata(TENANT_METADATA_KEY, tenantId.toString())
                .build();
        RequestOptions options = RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
        requireNoTransaction("start an invoiced subscription");
        return call("start an invoiced subscription", () -> client().v1().subscriptions().create(params, options).getId());
    }

    /** Opens a Customer Portal session (change card, plan, cancel); returns its URL. */
    public String createPortalSession(String customerId, String returnUrl) {
        var params = com.stripe.param.billingportal.SessionCreateParams.builder()
                .setCustomer(customerId)
                .setReturnUrl(returnUrl)
                .build();
        requireNoTransaction("open the customer portal");
        return call("open the customer portal", () -> client().v1().billingPortal().sessions().create(params).getUrl());
    }

    /**
     * The subscription as Stripe has it now, read from the response's raw JSON like webhook payloads are.
     *
     * @throws StripeUnavailable when Stripe is not configured or cannot answer
     */
    public StripeObjects.SubscriptionState retrieveSubscription(String subscriptionId) {
        JsonNode json = lookUp("the current state of subscription " + subscriptionId, () -> client().v1().subscriptions()
                // Stripe's Subscription model, not ours: only its raw response body is used.
                .retrieve(subscriptionId, LOOKUP).getLastResponse().body());
        return StripeObjects.SubscriptionState.from(json);
    }

    /** The ids of the payment that paid an invoice: a payment intent, or a charge; both null when neither is known. */
    public record PaymentIds(String chargeId, String paymentIntentId) {
    }

    /**
     * The payment that paid {@code invoiceId}, from the Invoice Payments API ({@code GET /v1/invoice_payments?invoice=…}):
     * since API 2025-03-31 an {@code invoice.paid} payload no longer names it. Empty ids when Stripe lists no paid
     * payment (e.g. paid out of band).
     *
     * @throws StripeUnavailable when Stripe is not configured or cannot answer
     */
    public PaymentIds paymentOfInvoice(String invoiceId) {
        InvoicePaymentListParams params = InvoicePaymentListParams.builder().setInvoice(invoiceId).setLimit(10L).build();
        JsonNode list = lookUp("the payments of invoice " + invoiceId,
                () -> client().v1().invoicePayments().list(params, LOOKUP).getLastResponse().body());
        return StripeObjects.paidPayment(list.path("data"));
    }

    /**
     * The invoice a payment intent paid, from the Invoice Payments API
     * ({@code GET /v1/invoice_payments?payment[type]=payment_intent&payment[payment_intent]=…}): since API 2025-03-31
     * a charge no longer names its invoice. Empty when Stripe lists none.
     *
     * @throws StripeUnavailable when Stripe is not configured or cannot answer
     */
    public Optional<String> invoiceOfPaymentIntent(String paymentIntentId) {
        InvoicePaymentListParams params = InvoicePaymentListParams.builder()
                .setPayment(InvoicePaymentListParams.Payment.builder()
                        .setType(InvoicePaymentListParams.Payment.Type.PAYMENT_INTENT)
                        .setPaymentIntent(paymentIntentId).build())
                .setLimit(10L).build();
        JsonNode list = lookUp("the invoice of payment " + paymentIntentId,
                () -> client().v1().invoicePayments().list(params, LOOKUP).getLastResponse().body());
        for (JsonNode payment : list.path("data")) {
            String invoice = StripeObjects.idOf(payment, "invoice");
            if (invoice != null) {
                return Optional.of(invoice);
            }
        }
        return Optional.empty();
    }

    /** What a charge says about itself that a dispute does not: its customer and payment intent. */
    public record ChargeLinks(String customerId, String paymentIntentId) {
    }

    /**
     * @throws StripeUnavailable when Stripe is not configured or cannot answer
     */
    public ChargeLinks linksOfCharge(String chargeId) {
        JsonNode charge = lookUp("charge " + chargeId,
                () -> client().v1().charges().retrieve(chargeId, LOOKUP).getLastResponse().body());
        return new ChargeLinks(StripeObjects.idOf(charge, "customer"), StripeObjects.idOf(charge, "payment_intent"));
    }

    /** The charge that made a payment, and the fingerprint of its card (null without a card). */
    public record PaymentCard(String chargeId, String fingerprint) {
    }

    /**
     * The charge that made a payment and the fingerprint of its card ({@code payment_method_details.card.fingerprint}).
     * Invoices before API 2025-03-31 name the charge; newer ones name only the payment intent, whose
     * {@code latest_charge} is expanded. Empty when neither id is known, when Stripe is not configured and when Stripe
     * cannot answer: the caller goes on without it (logged).
     */
    public Optional<PaymentCard> cardOf(String chargeId, String paymentIntentId) {
        if (!isConfigured() || (chargeId == null && paymentIntentId == null)) {
            return Optional.empty();
        }
        requireNoTransaction("read the card of a payment");
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
            String charged = chargeId != null ? chargeId : StripeObjects.text(charge, "id");
            return Optional.of(new PaymentCard(charged, StripeObjects.cardFingerprint(charge)));
        } catch (StripeException | RuntimeException e) {
            Log.warnf("Could not read the card of payment %s: %s (request %s)",
                    chargeId != null ? chargeId : paymentIntentId, e.getMessage(),
                    e instanceof StripeException se ? se.getRequestId() : "-");
            return Optional.empty();
        }
    }

    /** Stripe refused or could not take a call a job retries later; the message says why, for the operator. */
    public static class CallFailed extends RuntimeException {
        public CallFailed(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Reports {@code value} units of usage to the Stripe meter named {@code eventName}, for {@code customerId}
     * ({@code POST /v1/billing/meter_events}). Stripe counts an {@code identifier} once (it enforces uniqueness for at
     * least 24 hours), so a retried send of the same batch is never counted twice; the idempotency key is derived
     * from it too. {@code timestamp} places the usage in the customer's billing period.
     *
     * @throws CallFailed when Stripe is not configured, refuses the event or cannot answer
     */
    public void sendMeterEvent(String eventName, String customerId, long value, String identifier, java.time.Instant timestamp) {
        com.stripe.param.billing.MeterEventCreateParams params = com.stripe.param.billing.MeterEventCreateParams.builder()
                .setEventName(eventName)
                .putPayload("stripe_customer_id", customerId)
                .putPayload("value", Long.toString(value))
                .setIdentifier(identifier)
                .setTimestamp(timestamp.getEpochSecond())
                .build();
        RequestOptions options = RequestOptions.builder().setIdempotencyKey("meter-event-" + identifier).build();
        if (!isConfigured()) {
            throw new CallFailed("Stripe is not configured (STRIPE_API_KEY)");
        }
        requireNoTransaction("record usage on a meter");
        try {
            com.stripe.model.billing.MeterEvent sent = client().v1().billing().meterEvents().create(params, options);
            if (!identifier.equals(sent.getIdentifier())) {
                throw new CallFailed("Stripe answered meter event " + sent.getIdentifier() + " for " + identifier);
            }
        } catch (StripeException e) {
            Log.warnf("Stripe refused meter event %s: %s (request %s)", identifier, e.getMessage(), e.getRequestId());
            throw new CallFailed("Stripe refused the meter event: " + e.getMessage());
        } catch (RuntimeException e) {
            if (e instanceof CallFailed) {
                throw e;
            }
            throw new CallFailed("Unreadable answer from Stripe: " + e.getClass().getSimpleName());
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
        requireNoTransaction("send a payout transfer");
        return call("send a payout transfer", () -> client().v1().transfers().create(params, options).getId());
    }

    private StripeClient client() {
        StripeClient current = client;
        if (current == null) {
            String key = config.stripeApiKey().orElseThrow(() -> new DomainException(503, "Billing unavailable",
                    "Stripe is not configured on this server, so billing is unavailable. Please try again later."));
            // stripe-java retries only what is safe to retry (network errors, 409, 5xx; POSTs carry an
            // idempotency key it adds itself), with back-off.
            current = StripeClient.builder()
                    .setApiKey(key)
                    .setApiBase(config.stripeApiBase())
                    .setConnectTimeout(Math.toIntExact(config.stripeConnectTimeout().toMillis()))
                    .setReadTimeout(Math.toIntExact(config.stripeReadTimeout().toMillis()))
                    .setMaxNetworkRetries(config.stripeMaxNetworkRetries())
                    .build();
            client = current;
        }
        return current;
    }

    private interface StripeCall<T> {
        T run() throws StripeException;
    }

    /** Fails a Stripe call made inside a database transaction (see the class comment). */
    private static void requireNoTransaction(String what) {
        if (QuarkusTransaction.isActive()) {
            throw new IllegalStateException("Stripe was asked to " + what + " inside a database transaction");
        }
    }

    /** A read an event waits for: not configured or not answering is {@link StripeUnavailable}, never a guess. */
    private JsonNode lookUp(String what, StripeCall<String> call) {
        if (!isConfigured()) {
            throw new StripeUnavailable(StripeUnavailable.WAITING + what + ": Stripe is not configured (STRIPE_API_KEY)");
        }
        requireNoTransaction("read " + what);
        try {
            return StripeObjects.parse(call.run());
        } catch (StripeException e) {
            Log.warnf("Stripe could not give %s: %s (request %s)", what, e.getMessage(), e.getRequestId());
            throw new StripeUnavailable(StripeUnavailable.WAITING + what + ": " + e.getMessage());
        } catch (RuntimeException e) {
            // Gson or Jackson on a body that is not Stripe's JSON: as good as no answer.
            throw new StripeUnavailable(StripeUnavailable.WAITING + what + ": unreadable answer");
        }
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
