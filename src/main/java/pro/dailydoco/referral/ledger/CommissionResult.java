package pro.dailydoco.referral.ledger;

import java.util.List;

import pro.dailydoco.core.Money;

/**
 * The calculator's answer for one invoice: one entitlement per eligible level, one forfeited entry per other
 * level, or — for an invoice the program does not cover — a flag and nothing else.
 */
public record CommissionResult(CommissionableInvoice invoice, int planVersion, int totalBasisPoints,
                               NotCommissionable flag, List<Entitlement> entitlements, List<ForfeitedLevel> forfeited) {

    /** Why a paid invoice earns no commission at all; it is stored and shown to the operator. */
    public enum NotCommissionable {
        /** USD only for now (docs/decisions/0025-commissions-in-usd-only.md). */
        CURRENCY_NOT_SUPPORTED,
        /** An operator rejected the payer's flagged referral: their invoices earn nobody anything. */
        REFERRAL_REJECTED
    }

    public CommissionResult {
        entitlements = List.copyOf(entitlements);
        forfeited = List.copyOf(forfeited);
    }

    public boolean isFlagged() {
        return flag != null;
    }

    public Money totalEntitled() {
        return entitlements.stream().map(Entitlement::amount).reduce(Money.zero(invoice.currency()), Money::plus);
    }
}
