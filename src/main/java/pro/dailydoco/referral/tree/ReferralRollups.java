package pro.dailydoco.referral.tree;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import pro.dailydoco.core.Timestamps;
import pro.dailydoco.core.database.CommitTimeCounters;
import pro.dailydoco.referral.ActingAs;

/**
 * Keeps the per-user-per-month referral roll-ups in the same transaction as the fact that moves them: a ledger row, an
 * attribution, a click, a recorded share (docs/decisions/0029-rollups-in-the-same-transaction.md). Each upsert runs as
 * the roll-up's owner through {@link ActingAs}, so it passes their own row-level policy. Months are UTC.
 */
@ApplicationScoped
public class ReferralRollups {

    private final EntityManager entityManager;
    private final ActingAs actingAs;
    private final ReferralTree tree;
    private final CommitTimeCounters counters;
    private final ReferralSummaries summaries;

    ReferralRollups(EntityManager entityManager, ActingAs actingAs, ReferralTree tree, CommitTimeCounters counters,
            ReferralSummaries summaries) {
        this.summaries = summaries;
        this.entityManager = entityManager;
        this.actingAs = actingAs;
        this.tree = tree;
        this.counters = counters;
    }

    /** The UTC calendar month {@code at} falls in, as its first day. */
    public static LocalDate monthOf(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC).withDayOfMonth(1);
    }

    /**
     * A ledger row was appended for the earner from the payer's invoice: positive amounts count as earned, negative
     * as clawed back.
     */
    public void recordLedgerRow(UUID earnerId, UUID payerUserId, int level, long amountMinor, Instant at) {
        long earned = Math.max(0, amountMinor);
        long clawedBack = Math.max(0, -amountMinor);
        upsertLevel(earnerId, monthOf(at), level, 0, 0, earned, clawedBack, 1, 0);
        noteChange(earnerId);
        upsertMember(earnerId, payerUserId, earned, clawedBack);
        addCommissionMoney(monthOf(at), earned, clawedBack, 0);
        summaries.ledgerRow(earnerId, amountMinor);
    }

    /**
     * The earner's not-approved balance moved by {@code deltaMinor} outside the approval job (their LEDGER row, see
     * V19): an amount row on a line that is not approved, or an approved line frozen again.
     */
    public void recordNotApproved(UUID earnerId, long deltaMinor) {
        if (deltaMinor != 0) {
            upsertBalance(earnerId, "LEDGER", deltaMinor);
            summaries.notApprovedMoved(earnerId, deltaMinor);
        }
    }

    /**
     * The approval job approved lines worth these amounts per earner: each leaves the earner's not-approved balance
     * (their APPROVAL row). Booked once per batch, in user order, after the batch's line locks: job instances on
     * several nodes then take these rows in one order and never deadlock.
     */
    public void recordApprovals(Map<UUID, Long> approvedMinorByEarner) {
        new TreeMap<>(approvedMinorByEarner).forEach((earnerId, approvedMinor) -> {
            if (approvedMinor != 0) {
                upsertBalance(earnerId, "APPROVAL", -approvedMinor);
                summaries.notApprovedMoved(earnerId, -approvedMinor);
            }
        });
    }

    private void upsertBalance(UUID userId, String writer, long deltaMinor) {
        actingAs.run(userId, () -> entityManager.createNativeQuery("""
                insert into referral_rollup_balance (user_id, writer, not_approved_minor) values (?1, ?2, ?3)
                on conflict (user_id, writer) do update
                    set not_approved_minor = referral_rollup_balance.not_approved_minor + excluded.not_approved_minor""")
                .setParameter(1, userId).setParameter(2, writer).setParameter(3, deltaMinor).executeUpdate());
    }

    /** A payout was made to the user: their "paid" and the platform's monthly "commissions paid out". */
    public void recordPayout(UUID userId, long amountMinor, Instant at) {
        addCommissionMoney(monthOf(at), 0, 0, amountMinor);
        summaries.paidOut(userId, amountMinor);
    }

    /**
     * The platform's month row is shared by every ledger row of the month: added to at commit, so one invoice's
     * transaction does not hold it while it writes its lines (docs/decisions/0121-shared-monthly-counters-added-at-commit.md).
     */
    private void addCommissionMoney(LocalDate month, long earned, long clawedBack, long paid) {
        counters.add("referral_commission_month", "month", month, "earned_minor", earned);
        counters.add("referral_commission_month", "month", month, "clawed_back_minor", clawedBack);
        counters.add("referral_commission_month", "month", month, "paid_minor", paid);
    }

    /** A new user was attached to the tree: every ancestor gains a sign-up at the level the user sits below them. */
    public void recordSignUp(UUID newUserId, Instant at) {
        List<UUID> ancestors = tree.ancestorsOf(newUserId);
        for (int i = 0; i < ancestors.size(); i++) {
            upsertLevel(ancestors.get(i), monthOf(at), i + 1, 1, 0, 0, 0, 0, 0);
            noteChange(ancestors.get(i));
            summaries.signedUpBelow(ancestors.get(i), i + 1);
        }
        if (!ancestors.isEmpty()) {
            Instant sponsorJoined = Timestamps.instant(entityManager.createNativeQuery(
                    "select created_at from account_person where id = ?1").setParameter(1, ancestors.get(0)).getSingleResult());
            long cycle = Math.max(0, java.time.Duration.between(sponsorJoined, at).toSeconds());
            upsertLink(ancestors.get(0), monthOf(at), 0, 0, cycle);
            upsertPlatform(monthOf(at), 0, 1, 0, 0, 0, cycle);
        }
    }

    /** Anyone signed up (with or without a link): the denominator of the platform's viral coefficient. */
    public void recordAnySignUp(Instant at) {
        upsertPlatform(monthOf(at), 1, 0, 0, 0, 0, 0);
    }

    /**
     * The payer's commissionable invoice was paid: the first one makes them a paying referral of each ancestor,
     * counted once (a marker row under the payer's own policy), in the month of that first payment.
     */
    public void recordPayment(UUID payerUserId, Instant paidAt) {
        int first = actingAs.call(payerUserId, () -> entityManager.createNativeQuery("""
                insert into referral_paying_member (user_id, first_paid_at) values (?1, ?2) on conflict do nothing""")
                .setParameter(1, payerUserId).setParameter(2, paidAt).executeUpdate());
        if (first == 0) {
            return;
        }
        List<UUID> ancestors = tree.ancestorsOf(payerUserId);
        for (int i = 0; i < ancestors.size(); i++) {
            upsertLevel(ancestors.get(i), monthOf(paidAt), i + 1, 0, 1, 0, 0, 0, 0);
            noteChange(ancestors.get(i));
            summaries.firstPaymentBelow(ancestors.get(i), i + 1);
        }
        if (!ancestors.isEmpty()) {
            upsertPlatform(monthOf(paidAt), 0, 0, 1, 0, 0, 0);
        }
    }

    /** Someone followed the user's link (a stored click). */
    public void recordClick(UUID sponsorId, Instant at) {
        upsertLink(sponsorId, monthOf(at), 1, 0, 0);
        upsertPlatform(monthOf(at), 0, 0, 0, 1, 0, 0);
        summaries.clicked(sponsorId);
    }

    /**
     * The user copied or shared their link from the dashboard (a recorded POST, never a page view). Counts for the
     * user's own link, for each ancestor's network at the level the user sits below them, and for the platform.
     */
    @Transactional
    public void recordShare(UUID userId, Instant at) {
        upsertLink(userId, monthOf(at), 0, 1, 0);
        summaries.shared(userId);
        List<UUID> ancestors = tree.ancestorsOf(userId);
        for (int i = 0; i < ancestors.size(); i++) {
            upsertLevel(ancestors.get(i), monthOf(at), i + 1, 0, 0, 0, 0, 0, 1);
        }
        upsertPlatform(monthOf(at), 0, 0, 0, 0, 1, 0);
    }

    /** Whether the user ever copied or shared their link (a recorded click, never a page view). */
    @Transactional
    public boolean hasShared(UUID userId) {
        return actingAs.call(userId, () -> !entityManager.createNativeQuery(
                "select 1 from referral_rollup_link where user_id = ?1 and shares > 0 limit 1")
                .setParameter(1, userId).getResultList().isEmpty());
    }

    private void upsertLevel(UUID userId, LocalDate month, int level, int signUps, int paying, long earned,
            long clawedBack, int ledgerRows, int shares) {
        actingAs.run(userId, () -> entityManager.createNativeQuery("""
                insert into referral_rollup_level (user_id, month, level, sign_ups, paying_referrals, earned_minor,
                    clawed_back_minor, ledger_rows, shares)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                on conflict (user_id, month, level) do update set
                    sign_ups = referral_rollup_level.sign_ups + excluded.sign_ups,
                    paying_referrals = referral_rollup_level.paying_referrals + excluded.paying_referrals,
                    earned_minor = referral_rollup_level.earned_minor + excluded.earned_minor,
                    clawed_back_minor = referral_rollup_level.clawed_back_minor + excluded.clawed_back_minor,
                    ledger_rows = referral_rollup_level.ledger_rows + excluded.ledger_rows,
                    shares = referral_rollup_level.shares + excluded.shares""")
                .setParameter(1, userId).setParameter(2, java.sql.Date.valueOf(month)).setParameter(3, level).setParameter(4, signUps)
                .setParameter(5, paying).setParameter(6, earned).setParameter(7, clawedBack).setParameter(8, ledgerRows)
                .setParameter(9, shares).executeUpdate());
    }

    private void upsertMember(UUID earnerId, UUID memberId, long earned, long clawedBack) {
        actingAs.run(earnerId, () -> entityManager.createNativeQuery("""
                insert into referral_rollup_member (user_id, member_user_id, earned_minor, clawed_back_minor)
                values (?1, ?2, ?3, ?4)
                on conflict (user_id, member_user_id) do update set
                    earned_minor = referral_rollup_member.earned_minor + excluded.earned_minor,
                    clawed_back_minor = referral_rollup_member.clawed_back_minor + excluded.clawed_back_minor""")
                .setParameter(1, earnerId).setParameter(2, memberId).setParameter(3, earned).setParameter(4, clawedBack)
                .executeUpdate());
    }

    private void upsertLink(UUID userId, LocalDate month, int clicks, int shares, long cycleSeconds) {
        actingAs.run(userId, () -> entityManager.createNativeQuery("""
                insert into referral_rollup_link (user_id, month, clicks, shares, cycle_seconds) values (?1, ?2, ?3, ?4, ?5)
                on conflict (user_id, month) do update set clicks = referral_rollup_link.clicks + excluded.clicks,
                    shares = referral_rollup_link.shares + excluded.shares,
                    cycle_seconds = referral_rollup_link.cycle_seconds + excluded.cycle_seconds""")
                .setParameter(1, userId).setParameter(2, java.sql.Date.valueOf(month)).setParameter(3, clicks)
                .setParameter(4, shares).setParameter(5, cycleSeconds).executeUpdate());
    }

    /** The platform's month row is shared by everyone: added to at commit, like {@link #addCommissionMoney}. */
    private void upsertPlatform(LocalDate month, int signUps, int referred, int paying, int clicks, int shares,
            long cycleSeconds) {
        counters.add("referral_platform_month", "month", month, "sign_ups", signUps);
        counters.add("referral_platform_month", "month", month, "referred_sign_ups", referred);
        counters.add("referral_platform_month", "month", month, "referred_paying", paying);
        counters.add("referral_platform_month", "month", month, "clicks", clicks);
        counters.add("referral_platform_month", "month", month, "shares", shares);
        counters.add("referral_platform_month", "month", month, "cycle_seconds", cycleSeconds);
    }

    /**
     * Notes that figures the leaderboard shows (earnings, sign-ups, paying referrals) changed for the user, for its
     * job (V20): a plain insert, so writers for shared sponsors never wait for each other on it. Clicks and shares,
     * which it does not show, wake nobody.
     */
    public void noteChange(UUID userId) {
        entityManager.createNativeQuery("insert into referral_rollup_change (member_user_id) values (?1)")
                .setParameter(1, userId).executeUpdate();
    }
}
