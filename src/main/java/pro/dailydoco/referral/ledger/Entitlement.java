package pro.dailydoco.referral.ledger;

import java.util.UUID;

import pro.dailydoco.core.Money;

/** What one eligible ancestor earns at one level from one invoice, before any refund. */
public record Entitlement(String invoiceId, UUID earnerId, int level, int rateBasisPoints, int planVersion,
                          Money amount) {
}
