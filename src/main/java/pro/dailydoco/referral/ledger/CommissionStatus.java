package pro.dailydoco.referral.ledger;

/** Where a line's unpaid amount stands. */
public enum CommissionStatus {
    /** Earned, inside the hold period (refunds are still likely). */
    PENDING,
    /** The hold period passed; goes into the next payout at or over the threshold. */
    APPROVED,
    /** The invoice is disputed; nothing moves until the dispute closes. */
    FROZEN,
    /**
     * The payer's referral was flagged (docs/decisions/0023-suspicious-referrals-are-held.md): written, never approved
     * until an operator clears it.
     */
    HELD,
    /** Shown when a line's whole amount went out in payouts; never stored as an event. */
    PAID
}
