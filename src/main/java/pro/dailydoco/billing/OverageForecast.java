package pro.dailydoco.billing;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * One billable monthly limit on the billing page: use this calendar month (UTC) against the allowance, the units billed
 * past it so far, and the projection to the month's end (docs/decisions/0202-projected-overage-on-the-billing-page.md):
 * <ul>
 * <li>projected use = use so far × (length of the month ÷ time elapsed), rounded up to a whole unit, where the time
 * elapsed counts as at least one day so the first hours of a month don't multiply a handful of calls into millions;</li>
 * <li>projected units past the allowance = projected use − allowance (never below 0, never below the units already
 * billed), only while overage is billed (on "stop" nothing passes the allowance);</li>
 * <li>cost = {@link UsagePrices.Meter#cents}: whole price units rounded up, times the unit amount, in cents.</li>
 * </ul>
 */
public record OverageForecast(String label, String unit, long used, long allowance, long billedUnits, long billedCents,
        long projectedUse, long projectedUnits, long projectedCents, LocalDate lastDay, boolean billing) {

    static final Duration LEAST_ELAPSED = Duration.ofDays(1);

    /**
     * @param used this month's use so far
     * @param billedUnits units past the allowance recorded for billing this month
     * @param billing whether overage is billed now (chosen and possible)
     */
    public static OverageForecast of(UsagePrices.Meter meter, String label, String unit, long used, long allowance,
            long billedUnits, Instant now, boolean billing) {
        LocalDate first = LocalDate.ofInstant(now, ZoneOffset.UTC).withDayOfMonth(1);
        Instant start = first.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = first.plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        long projected = projectedUse(used, Duration.between(start, now), Duration.between(start, end));
        long over = billing ? Math.max(billedUnits, Math.max(0, projected - allowance)) : 0;
        return new OverageForecast(label, unit, used, allowance, billedUnits, meter.cents(billedUnits), projected, over,
                meter.cents(over), first.plusMonths(1).minusDays(1), billing);
    }

    /** Linear: {@code used × month ÷ elapsed}, rounded up; elapsed counts as at least a day and at most the month. */
    static long projectedUse(long used, Duration elapsed, Duration month) {
        long elapsedSeconds = Math.min(month.toSeconds(), Math.max(LEAST_ELAPSED.toSeconds(), elapsed.toSeconds()));
        long monthSeconds = month.toSeconds();
        return Math.addExact(Math.multiplyExact(used, monthSeconds), elapsedSeconds - 1) / elapsedSeconds;
    }

    /** The first day of the next month, when a stopped allowance starts again. */
    public LocalDate resumesOn() {
        return lastDay.plusDays(1);
    }

    public long remaining() {
        return Math.max(0, allowance - used);
    }
}
