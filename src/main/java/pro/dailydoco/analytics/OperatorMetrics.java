package pro.dailydoco.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.Date;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import pro.dailydoco.core.database.JdbcRows;
import pro.dailydoco.core.database.Row;
import pro.dailydoco.tenant.LagTolerantReads;

/**
 * The operator's revenue metrics, computed from the monthly roll-ups (a few rows per month, whatever the number of
 * tenants or invoices). Each formula is written once, here, and shown on the page.
 */
@ApplicationScoped
public class OperatorMetrics {

    /**
     * One month of metrics. Money in cents; rates as fractions (null when undefined, e.g. no paying tenant yet).
     * {@code ltvCents} is the LTV as it stood at this month's end (see {@link OperatorMetrics#overview});
     * {@code payingTenantsByPlan} counts paying tenants per paid plan at month end.
     */
    public record Month(YearMonth month, long mrrCents, long newMrrCents, long expansionMrrCents, long contractionMrrCents,
            long churnedMrrCents, long payingTenants, BigDecimal churnRate, Long arpuCents, long subscriptionRevenueCents,
            long refundedCents, long commissionsPaidCents, long commissionLiabilityCents, Long ltvCents,
            Map<String, Long> payingTenantsByPlan) {

        public long arrCents() {
            return mrrCents * 12;
        }

        public long netRevenueCents() {
            return subscriptionRevenueCents - refundedCents;
        }
    }

    public record Overview(List<Month> months, Map<String, Long> payingTenantsByPlan, Long ltvCents) {
        public Month latest() {
            return months.get(months.size() - 1);
        }
    }

    private final LagTolerantReads reads;

    OperatorMetrics(LagTolerantReads reads) {
        this.reads = reads;
    }

    /**
     * Metrics for each month from {@code from} to {@code to} inclusive. MRR at a month's end is the running sum of all
     * movements up to it; churn rate = tenants lost in the month ÷ paying tenants at the start of the month; ARPU =
     * MRR ÷ paying tenants; LTV at a month's end = that month's ARPU ÷ average monthly churn rate over the period's
     * months up to it (the overview's LTV is the last month's); paying tenants by plan at a month's end = Σ tenants
     * that joined the plan − left it, to date; commission liability at a month's end = commissions earned − clawed back
     * − paid out, to date (pending, frozen, held and approved alike).
     */
    @Transactional
    public Overview overview(YearMonth from, YearMonth to) {
        // Roll-ups a few seconds behind change no figure an operator acts on: the replica may answer.
        return reads.read(null, connection -> overview(connection, from, to));
    }

    private Overview overview(Connection connection, YearMonth from, YearMonth to) throws SQLException {
        Row before = JdbcRows.single(connection, """
                select coalesce(sum(new_mrr_cents + expansion_mrr_cents - contraction_mrr_cents - churned_mrr_cents), 0)
                           as mrr_cents,
                       coalesce(sum(new_paying_tenants - churned_paying_tenants), 0) as paying_tenants
                from analytics_month where month < ?""", Date.valueOf(from.atDay(1)));
        long mrr = before.longValue("mrr_cents");
        long paying = before.longValue("paying_tenants");
        // Commission money comes from the referral feature's own platform roll-up (sums across earners, no person).
        long liability = JdbcRows.single(connection, """
                select coalesce(sum(earned_minor - clawed_back_minor - paid_minor), 0) as owed
                from referral_commission_month where month < ?""", Date.valueOf(from.atDay(1))).longValue("owed");
        Map<YearMonth, CommissionMonth> commissions = new LinkedHashMap<>();
        for (Row row : JdbcRows.list(connection, """
                select month as month, earned_minor as earned_minor, clawed_back_minor as clawed_back_minor,
                       paid_minor as paid_minor
                from referral_commission_month
                where month between ? and ?""", Date.valueOf(from.atDay(1)), Date.valueOf(to.atDay(1)))) {
            commissions.put(YearMonth.from(row.date("month")), new CommissionMonth(row.longValue("earned_minor"),
                    row.longValue("clawed_back_minor"), row.longValue("paid_minor")));
        }
        Map<YearMonth, MonthMovements> byMonth = new LinkedHashMap<>();
        for (Row row : JdbcRows.list(connection, """
                select month as month, new_mrr_cents as new_mrr_cents, expansion_mrr_cents as expansion_mrr_cents,
                       contraction_mrr_cents as contraction_mrr_cents, churned_mrr_cents as churned_mrr_cents,
                       new_paying_tenants as new_paying_tenants, churned_paying_tenants as churned_paying_tenants,
                       subscription_revenue_cents as subscription_revenue_cents, refunded_cents as refunded_cents
                from analytics_month where month between ? and ? order by month""", Date.valueOf(from.atDay(1)),
                Date.valueOf(to.atDay(1)))) {
            byMonth.put(YearMonth.from(row.date("month")), new MonthMovements(row.longValue("new_mrr_cents"),
                    row.longValue("expansion_mrr_cents"), row.longValue("contraction_mrr_cents"),
                    row.longValue("churned_mrr_cents"), row.longValue("new_paying_tenants"),
                    row.longValue("churned_paying_tenants"), row.longValue("subscription_revenue_cents"),
                    row.longValue("refunded_cents")));
        }
        Map<String, Long> onPlan = new java.util.TreeMap<>();
        for (Row row : JdbcRows.list(connection, """
                select plan as plan, sum(joined_tenants - left_tenants) as net_tenants
                from analytics_plan_month where month < ? group by plan""", Date.valueOf(from.atDay(1)))) {
            onPlan.put(row.string("plan"), row.longValue("net_tenants"));
        }
        Map<YearMonth, List<PlanMove>> planMoves = new LinkedHashMap<>();
        for (Row row : JdbcRows.list(connection, """
                select month as month, plan as plan, joined_tenants - left_tenants as net_tenants
                from analytics_plan_month where month between ? and ?""", Date.valueOf(from.atDay(1)),
                Date.valueOf(to.atDay(1)))) {
            planMoves.computeIfAbsent(YearMonth.from(row.date("month")), k -> new ArrayList<>())
                    .add(new PlanMove(row.string("plan"), row.longValue("net_tenants")));
        }
        List<Month> months = new ArrayList<>();
        BigDecimal churnSum = BigDecimal.ZERO;
        int churnMonths = 0;
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            MonthMovements r = byMonth.getOrDefault(m, MonthMovements.NONE);
            long n = r.newMrrCents(), e = r.expansionMrrCents(), c = r.contractionMrrCents(), ch = r.churnedMrrCents();
            long gained = r.newPayingTenants(), lost = r.churnedPayingTenants();
            BigDecimal churnRate = paying == 0 ? null
                    : BigDecimal.valueOf(lost).divide(BigDecimal.valueOf(paying), 4, RoundingMode.HALF_UP);
            if (churnRate != null) {
                churnSum = churnSum.add(churnRate);
                churnMonths++;
            }
            mrr += n + e - c - ch;
            paying += gained - lost;
            Long arpu = paying == 0 ? null : mrr / paying;
            CommissionMonth money = commissions.getOrDefault(m, CommissionMonth.NONE);
            long paidOut = money.paidMinor();
            liability += money.earnedMinor() - money.clawedBackMinor() - paidOut;
            for (PlanMove move : planMoves.getOrDefault(m, List.of())) {
                onPlan.merge(move.plan(), move.netTenants(), Long::sum);
            }
            Map<String, Long> byPlanNow = new LinkedHashMap<>();
            onPlan.forEach((plan, count) -> {
                if (count != 0) {
                    byPlanNow.put(plan, count);
                }
            });
            months.add(new Month(m, mrr, n, e, c, ch, paying, churnRate, arpu, r.subscriptionRevenueCents(),
                    r.refundedCents(), paidOut, liability, ltv(arpu, churnSum, churnMonths), byPlanNow));
        }
        // Paying tenants by plan today, from the per-month plan roll-up (a few rows per month), not by counting every
        // tenant's row at request time: Σ joined − left over all months is today's count (V17).
        Map<String, Long> byPlan = new LinkedHashMap<>();
        for (Row row : JdbcRows.list(connection, """
                select plan as plan, sum(joined_tenants - left_tenants) as tenants
                from analytics_plan_month group by plan having sum(joined_tenants - left_tenants) <> 0
                order by plan""")) {
            byPlan.put(row.string("plan"), row.longValue("tenants"));
        }
        return new Overview(months, byPlan, months.get(months.size() - 1).ltvCents());
    }

    /** One month's row of {@code analytics_month}; a month without a row moved nothing. */
    private record MonthMovements(long newMrrCents, long expansionMrrCents, long contractionMrrCents,
            long churnedMrrCents, long newPayingTenants, long churnedPayingTenants, long subscriptionRevenueCents,
            long refundedCents) {
        static final MonthMovements NONE = new MonthMovements(0, 0, 0, 0, 0, 0, 0, 0);
    }

    /** One month's row of the referral feature's {@code referral_commission_month}; none means no commission money. */
    private record CommissionMonth(long earnedMinor, long clawedBackMinor, long paidMinor) {
        static final CommissionMonth NONE = new CommissionMonth(0, 0, 0);
    }

    /** Tenants that joined minus those that left {@code plan} in a month. */
    private record PlanMove(String plan, long netTenants) {
    }

    /** ARPU ÷ average monthly churn rate over {@code churnMonths} months; null while undefined or nobody churned. */
    private static Long ltv(Long arpuCents, BigDecimal churnSum, int churnMonths) {
        if (arpuCents == null || churnMonths == 0 || churnSum.signum() <= 0) {
            return null;
        }
        BigDecimal averageChurn = churnSum.divide(BigDecimal.valueOf(churnMonths), 6, RoundingMode.HALF_UP);
        return BigDecimal.valueOf(arpuCents).divide(averageChurn, 0, RoundingMode.DOWN).longValue();
    }
}
