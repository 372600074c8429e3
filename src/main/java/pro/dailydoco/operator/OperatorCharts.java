package pro.dailydoco.operator;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongFunction;

import pro.dailydoco.analytics.OperatorMetrics;
import pro.dailydoco.billing.events.Plan;
import pro.dailydoco.core.web.Chart;
import pro.dailydoco.core.web.Formats;
import pro.dailydoco.core.web.SvgChart;

/**
 * The operator's charts over time, one per metric, drawn over the months of an {@link OperatorMetrics.Overview}.
 * Each is an accessible SVG with a one-sentence summary and its data as a table ({@link SvgChart}); an undefined
 * value (a rate without a denominator) is a gap in the line and "—" in the table, never a made-up zero.
 */
final class OperatorCharts {

    /** Percentages show at most one decimal, so their axis steps by at least 0.1 % (10 basis points). */
    private static final long PERCENT_AXIS_UNIT = 10;

    private OperatorCharts() {
    }

    /** Every chart of the page, in the order shown. */
    static List<String> all(OperatorMetrics.Overview overview) {
        List<String> labels = overview.months().stream().map(m -> Formats.monthLabel(m.month())).toList();
        int span = labels.size();
        OperatorMetrics.Month latest = overview.latest();
        LongFunction<String> money = Formats::cents;
        return List.of(
                SvgChart.lines(new Chart("mrr", "MRR at month end", "Monthly recurring revenue over the last " + span
                        + " months, ending at " + money.apply(latest.mrrCents()) + ".", labels,
                        List.of(series("MRR", overview, OperatorMetrics.Month::mrrCents)), money)),
                SvgChart.stackedBars(new Chart("movements", "MRR movements per month",
                        "New, expansion, contraction and churned MRR per month.", labels,
                        List.of(series("New", overview, OperatorMetrics.Month::newMrrCents),
                                series("Expansion", overview, OperatorMetrics.Month::expansionMrrCents),
                                series("Contraction", overview, OperatorMetrics.Month::contractionMrrCents),
                                series("Churned", overview, OperatorMetrics.Month::churnedMrrCents)),
                        money)),
                SvgChart.stackedBars(new Chart("revenue", "Revenue by stream per month",
                        "Subscription revenue net of refunds, usage revenue (none yet) and commissions paid out (a cost).",
                        labels,
                        List.of(series("Subscriptions (net of refunds)", overview, OperatorMetrics.Month::netRevenueCents),
                                series("Usage", overview, m -> 0L),
                                series("Commissions paid out", overview, OperatorMetrics.Month::commissionsPaidCents)),
                        money)),
                SvgChart.lines(new Chart("churn-rate", "Churn rate per month",
                        "Share of the paying tenants at the start of each month that stopped paying in it; latest "
                                + Formats.percent(latest.churnRate()) + ".",
                        labels, List.of(series("Churn rate", overview, m -> basisPoints(m.churnRate()))),
                        OperatorCharts::percent, PERCENT_AXIS_UNIT)),
                SvgChart.lines(new Chart("arpu", "ARPU at month end",
                        "Average MRR per paying tenant at each month's end; latest " + Formats.cents(latest.arpuCents()) + ".",
                        labels, List.of(series("ARPU", overview, OperatorMetrics.Month::arpuCents)), money)),
                SvgChart.lines(new Chart("ltv", "LTV at month end",
                        "Customer lifetime value as it stood at each month's end; latest " + Formats.cents(latest.ltvCents())
                                + ".",
                        labels, List.of(series("LTV", overview, OperatorMetrics.Month::ltvCents)), money)),
                SvgChart.stackedBars(new Chart("paying-by-plan", "Paying tenants by plan at month end",
                        "Paying tenants at each month's end, stacked by plan; " + Formats.count(latest.payingTenants())
                                + " at the latest.",
                        labels, planSeries(overview), Formats::count)),
                SvgChart.lines(new Chart("liability", "Commission liability at month end",
                        "Referral commissions owed (earned, minus clawed back, minus paid out) at each month's end; latest "
                                + money.apply(latest.commissionLiabilityCents()) + ".",
                        labels, List.of(series("Commission liability", overview,
                                OperatorMetrics.Month::commissionLiabilityCents)),
                        money)));
    }

    /** One series per paid plan (every paid plan of the catalogue, then any other plan name found in the data). */
    private static List<Chart.Series> planSeries(OperatorMetrics.Overview overview) {
        Set<String> plans = new LinkedHashSet<>();
        for (Plan plan : Plan.values()) {
            if (plan.monthlyPrice().minor() > 0) {
                plans.add(plan.name());
            }
        }
        overview.months().forEach(m -> plans.addAll(m.payingTenantsByPlan().keySet()));
        List<Chart.Series> series = new ArrayList<>();
        for (String plan : plans) {
            series.add(series(label(plan), overview, m -> m.payingTenantsByPlan().getOrDefault(plan, 0L)));
        }
        return series;
    }

    private static String label(String plan) {
        for (Plan p : Plan.values()) {
            if (p.name().equals(plan)) {
                return p.displayName();
            }
        }
        return plan;
    }

    private static Chart.Series series(String name, OperatorMetrics.Overview overview,
            Function<OperatorMetrics.Month, Long> value) {
        return new Chart.Series(name, overview.months().stream().map(value).toList());
    }

    /** A fraction with four decimals as a whole number of hundredths of a percent (0.2500 → 2500); null stays null. */
    private static Long basisPoints(BigDecimal fraction) {
        return fraction == null ? null : fraction.movePointRight(4).longValue();
    }

    private static String percent(long basisPoints) {
        return Formats.percent(BigDecimal.valueOf(basisPoints, 4));
    }
}
