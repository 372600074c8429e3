package pro.dailydoco.billing.events;

import java.time.Instant;
import java.util.UUID;

import pro.dailydoco.core.Money;

/**
 * Revenue: a Stripe invoice was paid. Fired once per invoice, synchronously inside the transaction that records it,
 * so an observer's writes commit or roll back with it. {@code amountPaid} includes {@code tax}; the net is
 * {@link #net()}. Non-USD invoices are published too, with {@code supportedCurrency} false: consumers decide.
 *
 * @param cardFingerprint Stripe's fingerprint of the card that paid; null when the payment was not by card or Stripe
 *                        could not be asked (consumers then go on without it)
 */
public record InvoicePaid(UUID tenantId, String invoiceId, String chargeId, String paymentIntentId, Money amountPaid,
        Money tax, Instant periodStart, Instant periodEnd, String customerId, String subscriptionId,
        boolean supportedCurrency, String cardFingerprint) {

    public Money net() {
        return amountPaid.minus(tax);
    }
}
