package pro.dailydoco.referral;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The viral metrics, written once (the pages quote {@link #DEFINITIONS}). A "network" is the platform for the
 * operator, or one user plus their downline (levels 1–7) for that user. Per UTC month:
 * <ul>
 * <li><b>K</b> = referred sign-ups in the month ÷ network size at the start of the month — the same as
 * (links shared per member) × (sign-ups per share), without needing every share to be recorded;</li>
 * <li><b>referral conversion rate</b> = referred users who became paying ÷ referred sign-ups, both to date;</li>
 * <li><b>network growth</b> = members who joined in the month, and as a share of the size at its start;</li>
 * <li><b>viral cycle time</b> = average days from a referrer's own sign-up to their direct referral's sign-up.</li>
 * </ul>
 * Undefined ratios (a zero denominator) are {@code null} and shown as "—".
 */
public final class ViralMetrics {

    public static final List<String> DEFINITIONS = List.of(
            "Viral coefficient K = referred sign-ups in the month ÷ network size at the start of the month.",
            "Referral conversion rate = referred users who became paying ÷ referred sign-ups, to date.",
            "Network growth = members who joined in the month (and that number ÷ network size at its start).",
            "Viral cycle time = average days from a referrer's own sign-up to their direct referral's sign-up.");

    /** One month of input, from the roll-ups. {@code joined} counts every new member of the network. */
    public record Input(LocalDate month, long joined, long referredSignUps, long referredPaying, long cycleSeconds,
            long cycleCount) {
    }

    /** One month of output. */
    public record Month(LocalDate month, long sizeAtStart, BigDecimal k, BigDecimal conversionToDate, long growth,
            BigDecimal growthRate, BigDecimal cycleDays) {
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
            out.add(new Month(m.month(), size, ratio(m.referredSignUps(), size), ratio(payingToDate, referredToDate),
                    m.joined(), ratio(m.joined(), size),
                    m.cycleCount() == 0 ? null : ratio(m.cycleSeconds(), m.cycleCount() * 86_400L)));
            size += m.joined();
        }
        return out;
    }

    static BigDecimal ratio(long numerator, long denominator) {
        return denominator == 0 ? null
                : BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), 4, RoundingMode.HALF_EVEN);
    }

    /** Scales a ratio to a chart value in hundredths (K 0.25 → 25). */
    public static long hundredths(BigDecimal value) {
        return value == null ? 0 : value.movePointRight(2).setScale(0, RoundingMode.HALF_EVEN).longValue();
    }
}
