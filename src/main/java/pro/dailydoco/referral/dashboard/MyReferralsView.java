package pro.dailydoco.referral.dashboard;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import pro.dailydoco.core.web.Chart;
import pro.dailydoco.core.web.Formats;
import pro.dailydoco.core.web.Paged;
import pro.dailydoco.core.web.SvgChart;
import pro.dailydoco.referral.Level;

/** Everything the "My referrals" page shows, derived from the user's own roll-ups and lines. */
public record MyReferralsView(String link, Period period, LocalDate thisMonth,
        List<ReferralDashboard.MonthLevel> levels, List<ReferralDashboard.MonthLink> links,
        ReferralDashboard.Balances balances, Paged<ReferralDashboard.HistoryRow> history, Integer levelFilter,
        String statusFilter) {

    static final int CHART_MONTHS = 12;

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

    /** The statuses a commission row can be filtered by: every stored one. */
    public List<String> statuses() {
        return MyReferralsResource.FILTERABLE_STATUSES;
    }

    public String statusLabel(String status) {
        return switch (status) {
            case "PENDING" -> "Pending";
            case "FROZEN" -> "Frozen (dispute open)";
            case "HELD" -> "Held (referral under review)";
            case "APPROVED" -> "Approved";
            default -> status;
        };
    }

    /** A rate in basis points as people read it: 2000 → "20 %". */
    public String rate(int basisPoints) {
        return java.math.BigDecimal.valueOf(basisPoints, 2).stripTrailingZeros().toPlainString() + " %";
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

    /** Sign-ups in your network: people who joined at levels 1–7, all time (docs/dashboards.md, glossary). */
    public long networkSignUps() {
        return levels.stream().mapToLong(ReferralDashboard.MonthLevel::signUps).sum();
    }

    /**
     * Paying referrals in your network: people at levels 1–7 whose first commissionable invoice was paid, all time, each
     * counted once — the figure the leaderboard and the commission tiers use.
     */
    public long networkPayingReferrals() {
        return levels.stream().mapToLong(ReferralDashboard.MonthLevel::paying).sum();
    }

    public List<Integer> levelNumbers() {
        return Level.numbers();
    }

    /** Commissions earned per month, stacked by level, over the last twelve months. */
    public String earningsChart() {
        List<LocalDate> months = chartMonths();
        List<Chart.Series> series = new ArrayList<>();
        for (int level : Level.numbers()) {
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
                months.stream().map(Formats::monthLabel).toList(), series, Formats::cents));
    }

    /**
     * The viral metrics of the user's own network (the user and their levels 1–7), month by month (see
     * {@link ViralMetrics}): everyone who joined it joined through a link of someone in it; its shares are the user's
     * own plus those of the people below them.
     */
    public List<ViralMetrics.Month> networkMetrics() {
        Map<LocalDate, long[]> byMonth = new TreeMap<>();
        for (ReferralDashboard.MonthLevel row : levels) {
            long[] m = byMonth.computeIfAbsent(row.month(), k -> new long[5]);
            m[0] += row.signUps();
            m[1] += row.paying();
            if (row.level() == 1) {
                m[3] += row.signUps();
            }
            m[4] += row.shares();
        }
        for (ReferralDashboard.MonthLink link : links) {
            long[] m = byMonth.computeIfAbsent(link.month(), k -> new long[5]);
            m[2] += link.cycleSeconds();
            m[4] += link.shares();
        }
        LocalDate first = byMonth.isEmpty() ? thisMonth : ((TreeMap<LocalDate, long[]>) byMonth).firstKey();
        first = first.isAfter(thisMonth.minusMonths(CHART_MONTHS - 1L)) ? thisMonth.minusMonths(CHART_MONTHS - 1L) : first;
        Map<LocalDate, ViralMetrics.Input> known = new HashMap<>();
        byMonth.forEach((month, m) -> known.put(month, new ViralMetrics.Input(month, m[0], m[0], m[1], m[2], m[3], m[4])));
        List<ViralMetrics.Month> all = ViralMetrics.compute(1, ViralMetrics.everyMonth(first, thisMonth, known));
        return all.subList(Math.max(0, all.size() - CHART_MONTHS), all.size());
    }

    /** K of the user's network and its two factors per month ({@link #networkMetrics}, computed once), as lines. */
    public String networkChart(List<ViralMetrics.Month> months) {
        return SvgChart.lines(ViralMetrics.kChart("network-chart", "Your network: viral coefficient K and its factors",
                "your network's", months, monthLabels(months)));
    }

    /** Members who joined the user's network per month, as bars. */
    public String networkGrowthChart(List<ViralMetrics.Month> months) {
        return SvgChart.stackedBars(ViralMetrics.growthChart("network-growth-chart", "Your network: members joined per month",
                "your", months, monthLabels(months)));
    }

    private static List<String> monthLabels(List<ViralMetrics.Month> months) {
        return months.stream().map(m -> Formats.monthLabel(m.month())).toList();
    }

    public List<String> definitions() {
        return ViralMetrics.DEFINITIONS;
    }

    private List<LocalDate> chartMonths() {
        List<LocalDate> months = new ArrayList<>();
        for (int i = CHART_MONTHS - 1; i >= 0; i--) {
            months.add(thisMonth.minusMonths(i));
        }
        return months;
    }
}
