package pro.dailydoco.referral.payout;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import pro.dailydoco.core.Money;
import pro.dailydoco.referral.ledger.CommissionLine;

/**
 * One user's payment in a batch: the unpaid amounts of their approved lines, negative ones included, so a debt
 * from an earlier refund is deducted. The id doubles as Stripe's {@code Idempotency-Key}, so a retried batch
 * never pays twice.
 */
public record Payout(String payoutId, String batchId, UUID userId, Money amount, Map<CommissionLine, Money> lines,
                     Instant at) {

    public Payout {
        lines = Map.copyOf(lines);
    }
}
