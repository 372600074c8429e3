package pro.dailydoco.referral.tree;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import pro.dailydoco.core.database.CommitTimeCounters;

/**
 * Keeps each person's one summary row ({@code referral_summary}, V76): what the first view of "My referrals" shows,
 * all time. Called by {@link ReferralRollups} for every fact it rolls up, so the row changes in the same transaction
 * as the fact. A busy sponsor's row is shared by every invoice of their network: it is added to at commit, rows in a
 * fixed order, so an invoice's transaction does not hold it while it writes its lines and two transactions never
 * deadlock on two sponsors' rows (docs/decisions/0176-one-summary-row-per-person.md).
 */
@ApplicationScoped
public class ReferralSummaries {

    private static final String TABLE = "referral_summary";

    private final CommitTimeCounters counters;

    ReferralSummaries(CommitTimeCounters counters) {
        this.counters = counters;
    }

    void clicked(UUID userId) {
        add(userId, "clicks", 1);
    }

    void shared(UUID userId) {
        add(userId, "shares", 1);
    }

    /** Someone joined {@code level} levels below the person (1 = through their own link). */
    void signedUpBelow(UUID userId, int level) {
        add(userId, "network_sign_ups", 1);
        if (level == 1) {
            add(userId, "direct_sign_ups", 1);
        }
    }

    /** Someone {@code level} levels below the person paid their first commissionable invoice. */
    void firstPaymentBelow(UUID userId, int level) {
        add(userId, "paying_network", 1);
        if (level == 1) {
            add(userId, "paying_direct", 1);
        }
    }

    /** A ledger row of the person's: positive is earned, negative clawed back (as a positive figure). */
    void ledgerRow(UUID userId, long amountMinor) {
        add(userId, "earned_minor", Math.max(0, amountMinor));
        add(userId, "clawed_back_minor", Math.max(0, -amountMinor));
        add(userId, "ledger_rows", 1);
    }

    void notApprovedMoved(UUID userId, long deltaMinor) {
        add(userId, "not_approved_minor", deltaMinor);
    }

    void paidOut(UUID userId, long amountMinor) {
        add(userId, "paid_minor", amountMinor);
    }

    private void add(UUID userId, String column, long delta) {
        counters.addAsOwner(TABLE, "user_id", userId, userId, column, delta);
    }
}
