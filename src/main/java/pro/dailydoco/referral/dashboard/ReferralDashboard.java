package pro.dailydoco.referral.dashboard;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import pro.dailydoco.core.database.JdbcRows;
import pro.dailydoco.core.database.Row;
import pro.dailydoco.core.web.Paged;
import pro.dailydoco.referral.ActingAs;
import pro.dailydoco.referral.CommissionPlan;
import pro.dailydoco.referral.tree.DirectReferrals;
import pro.dailydoco.tenant.LagTolerantReads;

/**
 * What the "My referrals" page reads, always as the signed-in user and only their own rows: the monthly roll-ups
 * ({@link ReferralRollups}), their own commission lines and payouts by the user's primary-key/index prefix. Never a
 * scan across users, never another user's or tenant's private data. The summary and the sections drawn from roll-ups
 * may lag by a few seconds and are read through {@link LagTolerantReads} (a replica when one is configured); the
 * commission history and balances, which a person checks against a payout, read the primary.
 */
@ApplicationScoped
public class ReferralDashboard {

    static final int HISTORY_PAGE_SIZE = 20;

    /** Link activity and conversions over a period (months inclusive). */
    public record Activity(long clicks, long shares, long signUps, long payingReferrals) {
    }

    /** One level of the downline, over all time. */
    public record Level(int level, long members, long paying, long earnedMinor, long clawedBackMinor) {
        public long netMinor() {
            return earnedMinor - clawedBackMinor;
        }

        /** Nobody at this level and no money from it: folded into one line, not a row of zeros. */
        public boolean isEmpty() {
            return members == 0 && paying == 0 && earnedMinor == 0 && clawedBackMinor == 0;
        }
    }

    /** One month of one level (chart and metrics input); {@code shares}: recorded shares by that level's people. */
    public record MonthLevel(LocalDate month, int level, long signUps, long paying, long earnedMinor,
            long clawedBackMinor, long shares) {
    }

    /** One month of link activity. */
    public record MonthLink(LocalDate month, long clicks, long shares, long cycleSeconds) {
    }

    /**
     * A person's one summary row (V76), all time: what the first view shows. Money in US cents; pending is what is not
     * yet approved (pending, frozen and held lines); approved is approved and not yet paid out.
     */
    public record Summary(long clicks, long shares, long directSignUps, long networkSignUps, long payingDirect,
            long payingNetwork, long earnedMinor, long clawedBackMinor, long notApprovedMinor, long paidMinor,
            long ledgerRows) {

        static final Summary NONE = new Summary(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

        public long pendingMinor() {
            return notApprovedMinor;
        }

        public long approvedMinor() {
            return earnedMinor - clawedBackMinor - notApprovedMinor - paidMinor;
        }

        /** Earnings: commissions earned minus clawed back, all time (the leaderboard's word for the same sum). */
        public long earningsMinor() {
            return earnedMinor - clawedBackMinor;
        }

        public Balances balances() {
            return new Balances(pendingMinor(), approvedMinor(), paidMinor, clawedBackMinor);
        }

        public boolean hasNetwork() {
            return networkSignUps > 0 || earnedMinor > 0;
        }
    }

    /** Balances in US cents; pending includes frozen lines. */
    public record Balances(long pendingMinor, long approvedMinor, long paidMinor, long clawedBackMinor) {
        public boolean isEmpty() {
            return pendingMinor == 0 && approvedMinor == 0 && paidMinor == 0 && clawedBackMinor == 0;
        }
    }

    /**
     * One commission row, explained: which invoice (masked) of which customer (masked as the downline list masks
     * people: "workspace b•••, Team plan"), level, rate and plan version produced it.
     */
    public record HistoryRow(java.time.Instant recordedAt, String maskedInvoice, String maskedCustomer, int level,
            String kind, long amountMinor, int rateBasisPoints, int planVersion, String status) {
    }

    private final EntityManager entityManager;
    private final ActingAs actingAs;
    private final DirectReferrals directReferrals;
    private final LagTolerantReads reads;

    ReferralDashboard(EntityManager entityManager, ActingAs actingAs, DirectReferrals directReferrals,
            LagTolerantReads reads) {
        this.entityManager = entityManager;
        this.actingAs = actingAs;
        this.directReferrals = directReferrals;
        this.reads = reads;
    }

    /**
     * The person's summary row: one primary-key read, whatever the size of their network or ledger
     * (docs/decisions/0176-one-summary-row-per-person.md). Nobody has a row until something happened to them.
     */
    @Transactional
    public Summary summary(UUID userId) {
        return reads.read(userId, connection -> JdbcRows.first(connection, """
                select clicks as clicks, shares as shares, direct_sign_ups as direct_sign_ups,
                    network_sign_ups as network_sign_ups, paying_direct as paying_direct,
                    paying_network as paying_network, earned_minor as earned_minor,
                    clawed_back_minor as clawed_back_minor, not_approved_minor as not_approved_minor,
                    paid_minor as paid_minor, ledger_rows as ledger_rows
                from referral_summary where user_id = ?""", userId)
                .map(r -> new Summary(r.longValue("clicks"), r.longValue("shares"), r.longValue("direct_sign_ups"),
                        r.longValue("network_sign_ups"), r.longValue("paying_direct"), r.longValue("paying_network"),
                        r.longValue("earned_minor"), r.longValue("clawed_back_minor"), r.longValue("not_approved_minor"),
                        r.longValue("paid_minor"), r.longValue("ledger_rows")))
                .orElse(Summary.NONE));
    }

    /** The network section's table: each level 1–7 over all time, summed from the person's month-level roll-ups. */
    @Transactional
    public List<Level> levels(UUID userId) {
        return reads.read(userId, connection -> {
            long[][] sums = new long[CommissionPlan.LEVELS + 1][4];
            for (Row r : JdbcRows.list(connection, """
                    select level as level, sum(sign_ups) as sign_ups, sum(paying_referrals) as paying_referrals,
                        sum(earned_minor) as earned_minor, sum(clawed_back_minor) as clawed_back_minor
                    from referral_rollup_level where user_id = ? group by level""", userId)) {
                int level = r.intValue("level");
                sums[level] = new long[] {r.longValue("sign_ups"), r.longValue("paying_referrals"),
                        r.longValue("earned_minor"), r.longValue("clawed_back_minor")};
            }
            List<Level> levels = new ArrayList<>();
            for (int level : pro.dailydoco.referral.Level.numbers()) {
                levels.add(new Level(level, sums[level][0], sums[level][1], sums[level][2], sums[level][3]));
            }
            return levels;
        });
    }

    /** Every month-level roll-up row of the user, oldest first (at most 7 per month). */
    @Transactional
    public List<MonthLevel> levelsByMonth(UUID userId) {
        return reads.read(userId, connection -> JdbcRows.list(connection, """
                select month as month, level as level, sign_ups as sign_ups, paying_referrals as paying_referrals,
                    earned_minor as earned_minor, clawed_back_minor as clawed_back_minor, shares as shares
                from referral_rollup_level where user_id = ? order by month, level""", userId).stream()
                .map(r -> new MonthLevel(r.date("month"), r.intValue("level"), r.longValue("sign_ups"),
                        r.longValue("paying_referrals"), r.longValue("earned_minor"), r.longValue("clawed_back_minor"),
                        r.longValue("shares")))
                .toList());
    }

    /** Every month of the user's link activity, oldest first. */
    @Transactional
    public List<MonthLink> linkByMonth(UUID userId) {
        return reads.read(userId, connection -> JdbcRows.list(connection, """
                select month as month, clicks as clicks, shares as shares, cycle_seconds as cycle_seconds
                from referral_rollup_link where user_id = ? order by month""", userId).stream()
                .map(r -> new MonthLink(r.date("month"), r.longValue("clicks"), r.longValue("shares"),
                        r.longValue("cycle_seconds")))
                .toList());
    }

    /** Clicks, shares, direct sign-ups and direct paying conversions in the months {@code from}..{@code to}. */
    public static Activity activity(List<MonthLevel> levels, List<MonthLink> links, LocalDate from, LocalDate to) {
        long clicks = 0, shares = 0, signUps = 0, paying = 0;
        for (MonthLink l : links) {
            if (inside(l.month(), from, to)) {
                clicks += l.clicks();
                shares += l.shares();
            }
        }
        for (MonthLevel l : levels) {
            if (l.level() == 1 && inside(l.month(), from, to)) {
                signUps += l.signUps();
                paying += l.paying();
            }
        }
        return new Activity(clicks, shares, signUps, paying);
    }

    /** The downline per level 1–7 over all time (levels without anyone still listed, with zeros). */
    public static List<Level> downline(List<MonthLevel> rows) {
        long[][] sums = new long[CommissionPlan.LEVELS + 1][4];
        for (MonthLevel r : rows) {
            sums[r.level()][0] += r.signUps();
            sums[r.level()][1] += r.paying();
            sums[r.level()][2] += r.earnedMinor();
            sums[r.level()][3] += r.clawedBackMinor();
        }
        List<Level> levels = new ArrayList<>();
        for (int level : pro.dailydoco.referral.Level.numbers()) {
            long[] s = sums[level];
            levels.add(new Level(level, s[0], s[1], s[2], s[3]));
        }
        return levels;
    }

    /**
     * Pending (incl. frozen and held), approved and unpaid, paid out, and clawed back — the user's own lines only.
     * Everything comes from roll-ups kept with the ledger (they equal it: ReferralRollupsTest): standing = earned −
     * clawed back, approved = standing − not yet approved. A busy referrer's tens of thousands of rows are never read
     * on a page view.
     */
    @Transactional
    public Balances balances(UUID userId) {
        return actingAs.call(userId, () -> {
            Row totals = Row.single(entityManager.createNativeQuery("""
                    select coalesce(sum(earned_minor), 0) as earned_minor,
                        coalesce(sum(clawed_back_minor), 0) as clawed_back_minor,
                        (select coalesce(sum(not_approved_minor), 0) from referral_rollup_balance where user_id = ?1)
                            as not_approved_minor,
                        (select coalesce(sum(amount_minor), 0) from payout where user_id = ?1) as paid_minor
                    from referral_rollup_level where user_id = ?1""", Tuple.class).setParameter(1, userId));
            long clawedBack = totals.longValue("clawed_back_minor");
            long standing = totals.longValue("earned_minor") - clawedBack;
            long notApproved = totals.longValue("not_approved_minor");
            long paid = totals.longValue("paid_minor");
            return new Balances(notApproved, standing - notApproved - paid, paid, clawedBack);
        });
    }

    /** A page of the user's commission rows, newest first, optionally one level and/or one line status. */
    @Transactional
    public Paged<HistoryRow> history(UUID userId, Integer level, String status, Integer page) {
        String filter = " where e.user_id = :user" + (level != null ? " and e.level = :level" : "")
                + (status != null ? " and l.status = :status" : "");
        String from = " from commission_entry e join commission_line l"
                + " on l.user_id = e.user_id and l.invoice_id = e.invoice_id and l.level = e.level";
        return actingAs.call(userId, () -> {
            // Without a status filter the count comes from the roll-up kept with each ledger row, not from the rows.
            long total = ((Number) (status == null
                    ? bind(entityManager.createNativeQuery("select coalesce(sum(ledger_rows), 0) from referral_rollup_level"
                            + " where user_id = :user" + (level != null ? " and level = :level" : "")), userId, level, null)
                    : bind(entityManager.createNativeQuery("select count(*)" + from + filter), userId, level, status))
                    .getSingleResult()).longValue();
            int current = Paged.clamp(page, total, HISTORY_PAGE_SIZE);
            // The page's rows alone first (an index range on the earner's rows), then the masked customer of each
            // payer on it: the payer id is the earner's own row (payer_user_id, V17), masked through platform facts
            // only (DirectReferrals), never the payer's invoice header, which is theirs.
            List<Row> rows = Row.list(bind(entityManager.createNativeQuery("select e.recorded_at as recorded_at,"
                    + " e.invoice_id as invoice_id, e.level as level, e.kind as kind, e.amount_minor as amount_minor,"
                    + " e.rate_bp as rate_bp, e.plan_version as plan_version, l.status as status,"
                    + " e.payer_user_id as payer_user_id" + from + filter
                    + " order by e.recorded_at desc, e.id desc", Tuple.class), userId, level, status)
                    .setFirstResult((current - 1) * HISTORY_PAGE_SIZE).setMaxResults(HISTORY_PAGE_SIZE));
            Map<UUID, String> customers = directReferrals.maskedCustomers(rows.stream()
                    .map(r -> r.uuid("payer_user_id")).filter(Objects::nonNull).collect(Collectors.toSet()));
            String unknown = DirectReferrals.maskedCustomer(null, null, false);
            List<HistoryRow> out = rows.stream().map(r -> new HistoryRow(r.instant("recorded_at"),
                    maskInvoice(r.string("invoice_id")), customers.getOrDefault(r.uuid("payer_user_id"), unknown),
                    r.intValue("level"), r.string("kind"), r.longValue("amount_minor"), r.intValue("rate_bp"),
                    r.intValue("plan_version"), r.string("status"))).toList();
            return new Paged<>(out, current, Paged.pages(total, HISTORY_PAGE_SIZE), total);
        });
    }

    /** Shows only the last four characters of an invoice id: enough to match a statement, nothing more. */
    public static String maskInvoice(String invoiceId) {
        return invoiceId.length() <= 4 ? "••••" : "••••" + invoiceId.substring(invoiceId.length() - 4);
    }

    private static boolean inside(LocalDate month, LocalDate from, LocalDate to) {
        return !month.isBefore(from) && !month.isAfter(to);
    }

    private jakarta.persistence.Query bind(jakarta.persistence.Query query, UUID userId, Integer level, String status) {
        query.setParameter("user", userId);
        if (level != null) {
            query.setParameter("level", level);
        }
        if (status != null) {
            query.setParameter("status", status);
        }
        return query;
    }
}
