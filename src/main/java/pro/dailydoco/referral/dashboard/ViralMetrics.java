package pro.dailydoco.referral.dashboard;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The viral metrics, written once (the pages quote {@link #DEFINITIONS}). A "network" is the platform for the
 * operator, or one user plus their downline (levels 1–7) for that user. Per UTC month:
 * <ul>
 * <li><b>shares per member</b> = recorded shares in the month ÷ members at the start of the month. A share is only a
 * recorded click on "Copy link" or a share button (docs/decisions/0030-viral-metric-definitions.md); a member is anyone
 * in the network before the month began, i.e. everyone who could share all month;</li>
 * <li><b>sign-ups per share</b> = sign-ups through a referral link in the month ÷ recorded shares in the month;</li>
 * <li><b>K</b> = shares per member × sign-ups per share (computed exactly, rounded once);</li>
 * <li><b>referral conversion rate</b> = referred users who became paying ÷ referred sign-ups, both to date;</li>
 * <li><b>network growth</b> = members who joined in the month, and as a share of the size at its start;</li>
 * <li><b>viral cycle time</b> = average days from a referrer's own sign-up to their direct referral's sign-up.</li>
 * </ul>
 * Undefined ratios (a zero denominator) are {@code null} and shown as "—": K is undefined when either factor is.
 */
public final class ViralMetrics {

    public static final List<String> DEFINITIONS = List.of(
            "Viral coefficient K = shares per member × sign-ups per share.",
            "Shares per member = recorded shares in the month ÷ members at the start of the month (everyone in the "
                    + "network before the month began, who could share all month). A share is only a recorded click on "
                    + "“Copy link” or a share button; page views and visits to a link are not shares.",
            "Sign-ups per share = sign-ups through a referral link in the month ÷ recorded shares in the month.",
            "Referral conversion rate = referred users who became paying ÷ referred sign-ups, to date.",
            "Network growth = members who joined in the month (and that number ÷ network size at its start).",
            "Viral cycle time = average days from a referrer's own sign-up to their direct referral's sign-up.");

    /**
     * One month of input, from the roll-ups. {@code joined} counts every new member of the network,
     * {@code referredSignUps} those who joined through a link, {@code shares} the recorded shares by its members.
     */
    public record Input(LocalDate month, long joined, long referredSignUps, long referredPaying, long cycleSeconds,
            long cycleCount, long shares) {
    }

    /** One month of output. */
    public record Month(LocalDate month, long sizeAtStart, long shares, long referredSignUps, BigDecimal sharesPerMember,
            BigDecimal signUpsPerShare, BigDecimal k, BigDecimal conversionToDate, long growth, BigDecimal growthRate,
            BigDecimal cycleDays) {
    }

    private ViralMetrics() {
    }

    /** Computes the months in order, starting from a network of {@code initialSize} members. */
    public static List<Month> compute(long initialSize, List<Input> months) {
        List<Month> out = new ArrayList<>();
        long size = initialSize;
        long referredToDate = 0;
        long payingToDate = 0;
        for (Input m : months) {
            referredToDate += m.referredSignUps();
            payingToDate += m.referredPaying();
            BigDecimal k = size == 0 || m.shares() == 0 ? null
                    : ratio(m.shares() * m.referredSignUps(), size * m.shares());
            out.add(new Month(m.month(), size, m.shares(), m.referredSignUps(), ratio(m.shares(), size),
                    ratio(m.referredSignUps(), m.shares()), k, ratio(payingToDate, referredToDate), m.joined(),
                    ratio(m.joined(), size),
                    m.cycleCount() == 0 ? null : ratio(m.cycleSeconds(), m.cycleCount() * 86_400L)));
            size += m.joined();
        }
        return out;
    }

    /**
     * One input per month from {@code first} to {@code last}, in order: the month's own input where the roll-ups have
     * one, zeros where nothing happened, so every month is a point on the chart and the network size carries over.
     */
    public static List<Input> everyMonth(LocalDate first, LocalDate last, Map<LocalDate, Input> known) {
        List<Input> inputs = new ArrayList<>();
        for (LocalDate month = first; !month.isAfter(last); month = month.plusMonths(1)) {
            Input input = known.get(month);
            inputs.add(input != null ? input : new Input(month, 0, 0, 0, 0, 0, 0));
        }
        return inputs;
    }

    static BigDecimal ratio(long numerator, long denominator) {
        return denominator == 0 ? null
                : BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), 4, RoundingMode.HALF_EVEN);
    }

    /** A ratio with four decimals as a whole chart value in ten-thousandths (0.2500 → 2500); null stays null. */
    public static Long tenThousandths(BigDecimal value) {
        return value == null ? null : value.movePointRight(4).setScale(0, RoundingMode.HALF_EVEN).longValue();
    }

    /** K and its two factors per month, as lines (one chart, so the product can be read against its factors). */
    public static pro.dailydoco.core.web.Chart kChart(String id, String title, String whose, List<Month> months,
            List<String> labels) {
        return new pro.dailydoco.core.web.Chart(id, title, "Per month: " + whose + " viral coefficient K, and its two "
                + "factors, shares per member and sign-ups per share. Gaps mark months without shares.", labels,
                List.of(series("K", months, Month::k), series("Shares per member", months, Month::sharesPerMember),
                        series("Sign-ups per share", months, Month::signUpsPerShare)),
                ViralMetrics::ratioLabel, RATIO_AXIS_UNIT);
    }

    /** The axis of ratios (in ten-thousandths) steps by at least 0.01: finer steps would only repeat labels' noise. */
    private static final long RATIO_AXIS_UNIT = 100;

    /** Members who joined the network per month, as bars. */
    public static pro.dailydoco.core.web.Chart growthChart(String id, String title, String whose, List<Month> months,
            List<String> labels) {
        return new pro.dailydoco.core.web.Chart(id, title, "Per month: how many members joined " + whose + " network.",
                labels, List.of(new pro.dailydoco.core.web.Chart.Series("Members joined",
                        months.stream().map(Month::growth).toList())),
                pro.dailydoco.core.web.Formats::count);
    }

    private static pro.dailydoco.core.web.Chart.Series series(String name, List<Month> months,
            java.util.function.Function<Month, BigDecimal> ratio) {
        return new pro.dailydoco.core.web.Chart.Series(name,
                months.stream().map(m -> tenThousandths(ratio.apply(m))).toList());
    }

    /** A chart value in ten-thousandths back as the ratio people read (2500 → "0.25", 0 → "0", never "0.0000"). */
    public static String ratioLabel(long tenThousandths) {
        return MyReferralsView.plain(BigDecimal.valueOf(tenThousandths, 4));
    }
}
