package pro.dailydoco.billing.events;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import pro.dailydoco.core.Money;

/**
 * Revenue: a Stripe invoice was paid. Fired once per invoice, synchronously inside the transaction that records it,
 * so an observer's writes commit or roll back with it. {@code amountPaid} includes {@code tax}; the net is
 * {@link #net()}. Non-USD invoices are published too, with {@code supportedCurrency} false: consumers decide.
 *
 * @param cardFingerprint Stripe's fingerprint of the card that paid; null when the payment was not by card or Stripe
 *                        could not be asked (consumers then go on without it)
 * @param netByStream     the net split between revenue streams by the invoice's lines; the amounts add up to
 *                        {@link #net()} exactly (docs/decisions/0205-revenue-by-stream.md)
 */
public record InvoicePaid(UUID tenantId, String invoiceId, String chargeId, String paymentIntentId, Money amountPaid,
        Money tax, Instant periodStart, Instant periodEnd, String customerId, String subscriptionId,
        boolean supportedCurrency, String cardFingerprint, Map<RevenueStream, Money> netByStream) {

    public InvoicePaid {
        netByStream = Map.copyOf(netByStream);
    }

    public Money net() {
        return amountPaid.minus(tax);
    }

    /** The part of the net that belongs to {@code streams}: what a consumer counting only those streams sees. */
    public Money netOf(Set<RevenueStream> streams) {
        Money sum = Money.zero(amountPaid.currency());
        for (Map.Entry<RevenueStream, Money> share : netByStream.entrySet()) {
            if (streams.contains(share.getKey())) {
                sum = sum.plus(share.getValue());
            }
        }
        return sum;
    }
}
