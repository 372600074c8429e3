package pro.dailydoco.billing;

import java.util.UUID;

/** Revenue at risk: the customer's bank disputes a paid invoice's charge. Fired once per dispute. */
public record DisputeOpened(UUID tenantId, String invoiceId, String chargeId, String disputeId, Money amount) {
}
