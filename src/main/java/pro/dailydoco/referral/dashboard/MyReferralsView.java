package pro.dailydoco.referral.dashboard;

import java.math.BigDecimal;
import java.math.RoundingMode;
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
import pro.dailydoco.referral.tree.DirectReferrals;

/**
 * What each part of the "My referrals" page shows. The first view is the person's link and their summary row; the
 * network, history and metrics are sections read only when opened (docs/decisions/0177-dashboard-sections-on-demand.md).
 */
public final class MyReferralsView {

    static final int CHART_MONTHS = 12;

    private MyReferralsView() {
    }

    /** The sections a person can open, by their key in {@code ?section=}. */
    public enum Section {
        NETWORK("network", "Your network by level"), HISTORY("history", "Commission history"),
        METRICS("metrics", "Metrics: activity and viral growth");

        public final String key;
        public final String title;

        Section(String key, String title) {
            this.key = key;
            this.title = title;
        }

        static Section of(String key) {
            if (key == null || key.isBlank()) {
                return null;
            }
            for (Section s : values()) {
                if (s.key.equals(key.strip())) {
                    return s;
                }
            }
            throw pro.dailydoco.core.DomainException.badRequest("Choose a section: network, history or metrics.");
        }
    }

    /** A share shortcut: the channel sent to the share endpoint and the button's label. */
    public record ShareChannel(String key, String value) {
    }

    /**
     * The first view: the link, then the figures, from the person's summary row alone. {@code thresholdMinor} is the
     * smallest approved balance a payout run pays.
     */
    public record First(String link, ReferralDashboard.Summary summary, long thresholdMinor, Section open) {

        public List<ShareChannel> shareChannels() {
            return List.of(new ShareChannel("email", "Share by email"), new ShareChannel("x", "Share on X"),
                    new ShareChannel("linkedin", "Share on LinkedIn"));
        }

        public List<Section> sections() {
            return List.of(Section.values());
        }

        /** Whether the next payout run pays the approved balance (it reaches the minimum). */
        public boolean payoutDue() {
            return summary.approvedMinor() >= thresholdMinor && summary.approvedMinor() > 0;
        }

        /** What is still missing before the approved balance reaches the payout minimum. */
        public long toThresholdMinor() {
            return Math.max(0, thresholdMinor - summary.approvedMinor());
        }
    }

    /** The network section: every level's figures (levels without anyone folded into one line), and people. */
    public record Network(List<ReferralDashboard.Level> levels, List<DirectReferrals.Member> direct,
            DirectReferrals.LevelPage people) {

        /** Levels with someone in them or money from them; the others are named in one line. */
        public List<ReferralDashboard.Level> shownLevels() {
            return levels.stream().filter(l -> !l.isEmpty()).toList();
        }

        /** "Levels 4–7" style text for the levels with nobody and no money; empty when every level has someone. */
        public String emptyLevels() {
            List<Integer> empty = levels.stream().filter(ReferralDashboard.Level::isEmpty)
                    .map(ReferralDashboard.Level::level).toList();
            if (empty.isEmpty()) {
                return "";
            }
            if (empty.size() == 1) {
                return "Level " + empty.get(0);
            }
            boolean consecutive = empty.get(empty.size() - 1) - empty.get(0) == empty.size() - 1;
            return consecutive ? "Levels " + empty.get(0) + "–" + empty.get(empty.size() - 1)
                    : "Levels " + String.join(", ", empty.stream().map(String::valueOf).toList());
        }

        public boolean hasAnyone() {
            return !shownLevels().isEmpty();
        }
    }

    /** The history section: a page of the person's commission rows, filtered. */
    public record History(Paged<ReferralDashboard.HistoryRow> history, Integer levelFilter, String statusFilter) {

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
            return BigDecimal.valueOf(basisPoints, 2).stripTrailingZeros().toPlainString() + " %";
        }

        /** The history filters, to keep them across pages. */
        public String filterQuery() {
            return (levelFilter != null ? "&level=" + levelFilter : "") + (statusFilter != null ? "&status=" + statusFilter : "");
        }

        public List<Integer> levelNumbers() {
            return Level.numbers();
        }
    }

    /** One month of activity in plain words, for months where something happened. */
    public record ActiveMonth(LocalDate month, long clicks, long shares, long directSignUps, long payingDirect,
            long networkSignUps, List<String> sentences) {
    }

    /**
     * The metrics section: monthly activity and the network's viral metrics in words, months without activity folded
     * into one line, and the charts; from the person's monthly roll-ups (a few rows per month).
     */
    public record Metrics(LocalDate thisMonth, List<ReferralDashboard.MonthLevel> levels,
            List<ReferralDashboard.MonthLink> links) {

        /** The last twelve months with any activity, newest first, each said in words. */
        public List<ActiveMonth> activeMonths() {
            Map<LocalDate, ViralMetrics.Month> viral = new HashMap<>();
            networkMetrics().forEach(m -> viral.put(m.month(), m));
            List<ActiveMonth> out = new ArrayList<>();
            for (int ago = 0; ago < CHART_MONTHS; ago++) {
                LocalDate month = thisMonth.minusMonths(ago);
                long clicks = 0, shares = 0, direct = 0, paying = 0, network = 0;
                for (ReferralDashboard.MonthLink l : links) {
                    if (l.month().equals(month)) {
                        clicks += l.clicks();
                        shares += l.shares();
                    }
                }
                for (ReferralDashboard.MonthLevel l : levels) {
                    if (l.month().equals(month)) {
                        network += l.signUps();
                        if (l.level() == 1) {
                            direct += l.signUps();
                            paying += l.paying();
                        }
                    }
                }
                if (clicks + shares + direct + paying + network == 0) {
                    continue;
                }
                out.add(new ActiveMonth(month, clicks, shares, direct, paying, network,
                        sentences(clicks, shares, direct, paying, network, viral.get(month))));
            }
            return out;
        }

        /** How many of the last twelve months had no activity (shown as one line, not as rows of zeros). */
        public long quietMonths() {
            return CHART_MONTHS - activeMonths().size();
        }

        private static List<String> sentences(long clicks, long shares, long direct, long paying, long network,
                ViralMetrics.Month viral) {
            List<String> said = new ArrayList<>();
            said.add(Formats.counted(clicks, "click", "clicks") + " on your link, "
                    + Formats.counted(shares, "share", "shares") + " by you.");
            said.add(Formats.counted(direct, "person", "people") + " signed up through your link ("
                    + Formats.count(paying) + " became paying); " + Formats.counted(network, "person", "people")
                    + " joined your whole network.");
            if (viral != null && viral.k() != null && viral.k().signum() > 0) {
                said.add("Each share in your network brought " + plain(viral.signUpsPerShare())
                        + " sign-ups, and each member shared " + plain(viral.sharesPerMember())
                        + " times: every member brought " + plain(viral.k()) + " new members (viral coefficient K).");
            } else if (viral != null && viral.shares() > 0) {
                said.add("Your network's " + Formats.counted(viral.shares(), "share", "shares")
                        + " brought no sign-up this month.");
            }
            return said;
        }

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

        /** K of the user's network and its two factors per month, as lines. */
        public String networkChart(List<ViralMetrics.Month> months) {
            return SvgChart.lines(ViralMetrics.kChart("network-chart", "Your network: viral coefficient K and its factors",
                    "your network's", months, monthLabels(months)));
        }

        /** Members who joined the user's network per month, as bars. */
        public String networkGrowthChart(List<ViralMetrics.Month> months) {
            return SvgChart.stackedBars(ViralMetrics.growthChart("network-growth-chart",
                    "Your network: members joined per month", "your", months, monthLabels(months)));
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

    /** A ratio as people read it: at most two decimals, no trailing zeros (0.6667 → "0.67", 2.0000 → "2"). */
    public static String plain(BigDecimal ratio) {
        if (ratio == null) {
            return "—";
        }
        BigDecimal rounded = ratio.setScale(2, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return rounded.signum() == 0 ? "0" : rounded.toPlainString();
    }

    private static List<String> monthLabels(List<ViralMetrics.Month> months) {
        return months.stream().map(m -> Formats.monthLabel(m.month())).toList();
    }
}
