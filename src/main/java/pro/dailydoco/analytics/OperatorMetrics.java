package pro.dailydoco.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import pro.dailydoco.core.Timestamps;

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

    private final EntityManager entityManager;

    OperatorMetrics(EntityManager entityManager) {
        this.entityManager = entityManager;
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
        @SuppressWarnings("unchecked")
        List<Object[]> before = entityManager.createNativeQuery("""
                select coalesce(sum(new_mrr_cents + expansion_mrr_cents - contraction_mrr_cents - churned_mrr_cents), 0),
                       coalesce(sum(new_paying_tenants - churned_paying_tenants), 0)
                from analytics_month where month < ?1""")
                .setParameter(1, Date.valueOf(from.atDay(1))).getResultList();
        long mrr = ((Number) before.get(0)[0]).longValue();
        long paying = ((Number) before.get(0)[1]).longValue();
        // Commission money comes from the referral feature's own platform roll-up (sums across earners, no person).
        Object owedBefore = entityManager.createNativeQuery("""
                select coalesce(sum(earned_minor - clawed_back_minor - paid_minor), 0)
                from referral_commission_month where month < ?1""")
                .setParameter(1, Date.valueOf(from.atDay(1))).getSingleResult();
        long liability = ((Number) owedBefore).longValue();
        @SuppressWarnings("unchecked")
        List<Object[]> commissionRows = entityManager.createNativeQuery("""
                select month, earned_minor, clawed_back_minor, paid_minor from referral_commission_month
                where month between ?1 and ?2""")
                .setParameter(1, Date.valueOf(from.atDay(1))).setParameter(2, Date.valueOf(to.atDay(1))).getResultList();
        Map<YearMonth, Object[]> commissions = new LinkedHashMap<>();
        for (Object[] row : commissionRows) {
            LocalDate month = Timestamps.date(row[0]);
            commissions.put(YearMonth.from(month), row);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                select month, new_mrr_cents, expansion_mrr_cents, contraction_mrr_cents, churned_mrr_cents,
                       new_paying_tenants, churned_paying_tenants, subscription_revenue_cents, refunded_cents
                from analytics_month where month between ?1 and ?2 order by month""")
                .setParameter(1, Date.valueOf(from.atDay(1))).setParameter(2, Date.valueOf(to.atDay(1))).getResultList();
        Map<YearMonth, Object[]> byMonth = new LinkedHashMap<>();
        for (Object[] row : rows) {
            LocalDate month = Timestamps.date(row[0]);
            byMonth.put(YearMonth.from(month), row);
        }
        Map<String, Long> onPlan = new java.util.TreeMap<>();
        for (Object row : entityManager.createNativeQuery("""
                select plan, sum(joined_tenants - left_tenants) from analytics_plan_month where month < ?1 group by plan""")
                .setParameter(1, Date.valueOf(from.atDay(1))).getResultList()) {
            Object[] r = (Object[]) row;
            onPlan.put((String) r[0], ((Number) r[1]).longValue());
        }
        Map<YearMonth, List<Object[]>> planMoves = new LinkedHashMap<>();
        for (Object row : entityManager.createNativeQuery("""
                select month, plan, joined_tenants - left_tenants from analytics_plan_month where month between ?1 and ?2""")
                .setParameter(1, Date.valueOf(from.atDay(1))).setParameter(2, Date.valueOf(to.atDay(1))).getResultList()) {
            Object[] r = (Object[]) row;
            LocalDate month = Timestamps.date(r[0]);
            planMoves.computeIfAbsent(YearMonth.from(month), k -> new ArrayList<>()).add(r);
        }
        List<Month> months = new ArrayList<>();
        BigDecimal churnSum = BigDecimal.ZERO;
        int churnMonths = 0;
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            Object[] r = byMonth.get(m);
            long n = num(r, 1), e = num(r, 2), c = num(r, 3), ch = num(r, 4);
            long gained = num(r, 5), lost = num(r, 6);
            BigDecimal churnRate = paying == 0 ? null
                    : BigDecimal.valueOf(lost).divide(BigDecimal.valueOf(paying), 4, RoundingMode.HALF_UP);
            if (churnRate != null) {
                churnSum = churnSum.add(churnRate);
                churnMonths++;
            }
            mrr += n + e - c - ch;
            paying += gained - lost;
            Long arpu = paying == 0 ? null : mrr / paying;
            Object[] money = commissions.get(m);
            long paidOut = num(money, 3);
            liability += num(money, 1) - num(money, 2) - paidOut;
            for (Object[] move : planMoves.getOrDefault(m, List.of())) {
                onPlan.merge((String) move[1], ((Number) move[2]).longValue(), Long::sum);
            }
            Map<String, Long> byPlanNow = new LinkedHashMap<>();
            onPlan.forEach((plan, count) -> {
                if (count != 0) {
                    byPlanNow.put(plan, count);
                }
            });
            months.add(new Month(m, mrr, n, e, c, ch, paying, churnRate, arpu, num(r, 7), num(r, 8), paidOut, liability,
                    ltv(arpu, churnSum, churnMonths), byPlanNow));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> plans = entityManager.createNativeQuery("""
                select plan, count(*) from analytics_tenant_mrr where mrr_cents > 0 group by plan order by plan""").getResultList();
        Map<String, Long> byPlan = new LinkedHashMap<>();
        for (Object[] p : plans) {
            byPlan.put((String) p[0], ((Number) p[1]).longValue());
        }
        return new Overview(months, byPlan, months.get(months.size() - 1).ltvCents());
    }

    /** ARPU ÷ average monthly churn rate over {@code churnMonths} months; null while undefined or nobody churned. */
    private static Long ltv(Long arpuCents, BigDecimal churnSum, int churnMonths) {
        if (arpuCents == null || churnMonths == 0 || churnSum.signum() <= 0) {
            return null;
        }
        BigDecimal averageChurn = churnSum.divide(BigDecimal.valueOf(churnMonths), 6, RoundingMode.HALF_UP);
        return BigDecimal.valueOf(arpuCents).divide(averageChurn, 0, RoundingMode.DOWN).longValue();
    }

    private static long num(Object[] row, int index) {
        return row == null || row[index] == null ? 0 : ((Number) row[index]).longValue();
    }
}
