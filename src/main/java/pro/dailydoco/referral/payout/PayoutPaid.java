package pro.dailydoco.referral.payout;

import java.time.Instant;
import java.util.UUID;

import pro.dailydoco.core.Money;

/**
 * A payout run paid a person (the payout row is written): fired while acting as them, inside the payout's transaction,
 * so an observer's writes (outgoing webhooks) commit or roll back with it.
 */
public record PayoutPaid(UUID userId, String payoutId, String batchId, Money amount, Instant at) {
}
