package pro.dailydoco.billing.events;

import java.util.Set;
import java.util.UUID;

import pro.dailydoco.core.Money;

/**
 * A dispute ended: {@code won} means the money stays with us (Stripe's {@code won}, or {@code warning_closed} for an
 * inquiry closed without a chargeback); otherwise ({@code lost}) the disputed amount is gone. Fired once per dispute.
 */
public record DisputeClosed(UUID tenantId, String invoiceId, String chargeId, String disputeId, Money amount,
        boolean won) {

    private static final Set<String> MONEY_KEPT = Set.of("won", "warning_closed");

    /** Whether Stripe's dispute status is a final outcome: won, warning_closed or lost. */
    public static boolean isFinal(String status) {
        return MONEY_KEPT.contains(status) || "lost".equals(status);
    }

    /** Whether a final status leaves the money with us. */
    public static boolean moneyKept(String status) {
        return MONEY_KEPT.contains(status);
    }
}
