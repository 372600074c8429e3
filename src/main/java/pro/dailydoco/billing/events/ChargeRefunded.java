package pro.dailydoco.billing.events;

import java.util.UUID;

import pro.dailydoco.core.Money;

/**
 * Revenue: a paid invoice's charge was (partly) refunded. {@code amountRefunded} is Stripe's cumulative total, so
 * consumers compute from it rather than adding deltas, and a replay or reordering changes nothing. Fired only when
 * the cumulative amount grows.
 */
public record ChargeRefunded(UUID tenantId, String invoiceId, String chargeId, String paymentIntentId,
        Money amountPaid, Money tax, Money amountRefunded, boolean supportedCurrency) {
}
