package pro.dailydoco.referral;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import pro.dailydoco.analytics.Chart;
import pro.dailydoco.analytics.SvgChart;
import pro.dailydoco.billing.Money;
import pro.dailydoco.core.Paged;
import pro.dailydoco.web.Formats;

/** Everything the "My referrals" page shows, derived from the user's own roll-ups and lines. */
public record MyReferralsView(String link, Period period, LocalDate thisMonth,
        List<ReferralDashboard.MonthLevel> levels, List<ReferralDashboard.MonthLink> links,
        ReferralDashboard.Balances balances, Paged<ReferralDashboard.HistoryRow> history, Integer levelFilter,
        String statusFilter) {

    static final int CHART_MONTHS = 12;
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM yyyy", Locale.ENGLISH);

    /** The activity period the counters cover (UTC months, the current one included). */
    public enum Period {
        MONTH("month", "This month", 1), QUARTER("3m", "Last 3 months", 3), YEAR("12m", "Last 12 months", 12),
        ALL("all", "All time", 0);

        public final String key;
        public final String label;
        final int months;

        Period(String key, String label, int months) {
            this.key = key;
            this.label = label;
            this.months = months;
        }

        static Period of(String key) {
            for (Period p : values()) {
                if (p.key.equals(key)) {
                    return p;
                }
            }
            return MONTH;
        }
    }

    /** A share shortcut: the channel sent to the share endpoint and the button's label. */
    public record ShareChannel(String key, String value) {
    }

    public List<ShareChannel> shareChannels() {
        return List.of(new ShareChannel("email", "Share by email"), new ShareChannel("x", "Share on X"),
                new ShareChannel("linkedin", "Share on LinkedIn"));
    }

    public List<String> statuses() {
        return List.of("PENDING", "FROZEN", "APPROVED");
    }

    public String statusLabel(String status) {
        return switch (status) {
            case "PENDING" -> "Pending";
            case "FROZEN" -> "Frozen (dispute open)";
            case "APPROVED" -> "Approved";
            default -> status;
        };
    }

    /** A rate in basis points as people read it: 2000 → "20 %". */
    public String rate(int basisPoints) {
        return java.math.BigDecimal.valueOf(basisPoints, 2).stripTrailingZeros().toPlainString() + " %";
    }

    /** A ratio as a percentage; "—" when undefined. */
    public String percent(java.math.BigDecimal ratio) {
        return ratio == null ? "—" : ratio.movePointRight(2).stripTrailingZeros().toPlainString() + " %";
    }

    /** The history filters, to keep them across pages. */
    public String filterQuery() {
        return (levelFilter != null ? "&level=" + levelFilter : "") + (statusFilter != null ? "&status=" + statusFilter : "");
    }

    public List<Period> periods() {
        return List.of(Period.values());
    }

    public ReferralDashboard.Activity activity() {
        LocalDate from = period.months == 0 ? LocalDate.MIN : thisMonth.minusMonths(period.months - 1L);
        return ReferralDashboard.activity(levels, links, from, thisMonth);
    }

    public List<ReferralDashboard.Level> downline() {
        return ReferralDashboard.downline(levels);
    }

    public boolean hasDownline() {
        return downline().stream().anyMatch(l -> l.members() > 0 || l.earnedMinor() > 0);
    }

    public List<Integer> levelNumbers() {
        return List.of(1, 2, 3, 4, 5, 6, 7);
    }

    /** Commissions earned per month, stacked by level, over the last twelve months. */
    public String earningsChart() {
        List<LocalDate> months = chartMonths();
        List<Chart.Series> series = new ArrayList<>();
        for (int level = 1; level <= CommissionPlan.LEVELS; level++) {
            List<Long> values = new ArrayList<>();
            for (LocalDate month : months) {
                long sum = 0;
                for (ReferralDashboard.MonthLevel row : levels) {
                    if (row.level() == level && row.month().equals(month)) {
                        sum += row.earnedMinor();
                    }
                }
                values.add(sum);
            }
            series.add(new Chart.Series("Level " + level, values));
        }
        return SvgChart.stackedBars(new Chart("earnings-chart", "Commissions earned per month, by level",
                "Commissions you earned in each of the last twelve months, stacked by the level they came from.",
                months.stream().map(MONTH::format).toList(), series, cents -> Formats.formatted(Money.usd(cents))));
    }

    /** The viral metrics of the user's own network, month by month (see {@link ViralMetrics}). */
    public List<ViralMetrics.Month> networkMetrics() {
        Map<LocalDate, long[]> byMonth = new TreeMap<>();
        for (ReferralDashboard.MonthLevel row : levels) {
            long[] m = byMonth.computeIfAbsent(row.month(), k -> new long[4]);
            m[0] += row.signUps();
            m[1] += row.paying();
            if (row.level() == 1) {
                m[3] += row.signUps();
            }
        }
        for (ReferralDashboard.MonthLink link : links) {
            byMonth.computeIfAbsent(link.month(), k -> new long[4])[2] += link.cycleSeconds();
        }
        LocalDate first = byMonth.isEmpty() ? thisMonth : ((TreeMap<LocalDate, long[]>) byMonth).firstKey();
        first = first.isAfter(thisMonth.minusMonths(CHART_MONTHS - 1L)) ? thisMonth.minusMonths(CHART_MONTHS - 1L) : first;
        List<ViralMetrics.Input> inputs = new ArrayList<>();
        for (LocalDate month = first; !month.isAfter(thisMonth); month = month.plusMonths(1)) {
            long[] m = byMonth.getOrDefault(month, new long[4]);
            inputs.add(new ViralMetrics.Input(month, m[0], m[0], m[1], m[2], m[3]));
        }
        List<ViralMetrics.Month> all = ViralMetrics.compute(1, inputs);
        return all.subList(Math.max(0, all.size() - CHART_MONTHS), all.size());
    }

    /** K of the user's network per month, as a line (values in hundredths). */
    public String networkChart() {
        List<ViralMetrics.Month> months = networkMetrics();
        return SvgChart.lines(new Chart("network-chart", "Your network: viral coefficient K and members joined",
                "Per month: your network's viral coefficient K and how many members joined it.",
                months.stream().map(m -> MONTH.format(m.month())).toList(),
                List.of(new Chart.Series("K × 100", months.stream().map(m -> ViralMetrics.hundredths(m.k())).toList()),
                        new Chart.Series("Members joined", months.stream().map(ViralMetrics.Month::growth).toList())),
                Long::toString));
    }

    public List<String> definitions() {
        return ViralMetrics.DEFINITIONS;
    }

    public String monthLabel(LocalDate month) {
        return MONTH.format(month);
    }

    private List<LocalDate> chartMonths() {
        List<LocalDate> months = new ArrayList<>();
        for (int i = CHART_MONTHS - 1; i >= 0; i--) {
            months.add(thisMonth.minusMonths(i));
        }
        return months;
    }
}
