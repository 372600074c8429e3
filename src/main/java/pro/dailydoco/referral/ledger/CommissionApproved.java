package pro.dailydoco.referral.ledger;

import java.time.Instant;
import java.util.UUID;

import pro.dailydoco.core.Money;

/**
 * A person's commission line was approved (past the hold period, no dispute): it will be paid by the next payout run
 * that reaches the minimum. Fired while the approval acts as the earner, inside its transaction, like
 * {@link CommissionCreated}; holds only the earner's side.
 *
 * @param commissionId the line's id, the same as in {@link CommissionCreated}
 * @param amount       what the line stands at when approved (earned less any refund so far)
 */
public record CommissionApproved(UUID earnerUserId, UUID commissionId, int level, Money amount, Instant at) {
}
