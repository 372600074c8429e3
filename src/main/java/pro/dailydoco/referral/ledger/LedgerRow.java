package pro.dailydoco.referral.ledger;

import java.time.Instant;

import pro.dailydoco.core.Money;

/**
 * One append-only amount row. Rows are never updated: a refund or a lost dispute appends a negative row, so a
 * line's amount is always the sum of its rows.
 *
 * @param discriminator what makes a second row of the same kind on the same line a different fact: 0 for EARNED
 *                      and CLAWBACK (each happens once per line), Stripe's cumulative {@code amount_refunded} in
 *                      minor units for ADJUSTMENT (each cumulative figure is applied at most once)
 */
public record LedgerRow(CommissionLine line, Kind kind, long discriminator, Money amount, int planVersion,
                        int rateBasisPoints, Instant recordedAt) {

    public enum Kind {
        /** The entitlement at payment time; one per eligible level. */
        EARNED,
        /** A refund lowered the entitlement; the row is the (negative) difference. */
        ADJUSTMENT,
        /** A lost dispute took back whatever was left. */
        CLAWBACK
    }

    /** The unique key that makes exactly-once structural (a unique index in the database version). */
    public record Key(CommissionLine line, Kind kind, long discriminator) {
    }

    public Key key() {
        return new Key(line, kind, discriminator);
    }
}
