package pro.dailydoco.billing;

import java.util.UUID;

/** A dispute ended: {@code won} keeps the money, lost means the disputed amount is gone. Fired once per dispute. */
public record DisputeClosed(UUID tenantId, String invoiceId, String chargeId, String disputeId, Money amount,
        boolean won) {
}
