package pro.dailydoco.referral.ledger;

import java.time.Instant;

/**
 * An append-only status change of a line's unpaid amount; the line's status is its latest event. Being paid is
 * not a status event but a payout line, because a line can be paid in part and owe money back after a refund.
 */
public record StatusEvent(CommissionLine line, CommissionStatus status, Instant at) {
}
