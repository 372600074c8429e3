package pro.dailydoco.referral.payout;

import pro.dailydoco.core.Money;

/**
 * Sends a payout to an earner's connected account. The referral feature states what it needs; the operator's
 * wiring supplies Stripe Connect, so referral never calls into billing (docs/decisions/0060-feature-dependencies.md).
 */
public interface PayoutTransfers {

    /**
     * Pays {@code amount} (positive) to {@code destinationAccountId} and returns the transfer id. The idempotency key
     * (the payout id) makes a retried call return the first transfer instead of paying twice. Throws a
     * {@link pro.dailydoco.core.DomainException} when the transfer cannot be sent now.
     */
    String transfer(Money amount, String destinationAccountId, String idempotencyKey);
}
