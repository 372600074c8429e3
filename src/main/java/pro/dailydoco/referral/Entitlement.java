package pro.dailydoco.referral;

import java.util.UUID;

import pro.dailydoco.billing.Money;

/** What one eligible ancestor earns at one level from one invoice, before any refund. */
public record Entitlement(String invoiceId, UUID earnerId, int level, int rateBasisPoints, int planVersion,
                          Money amount) {
}
