package pro.dailydoco.billing.events;

import java.util.UUID;

import pro.dailydoco.core.Money;

/** Revenue at risk: the customer's bank disputes a paid invoice's charge. Fired once per dispute. */
public record DisputeOpened(UUID tenantId, String invoiceId, String chargeId, String disputeId, Money amount) {
}
