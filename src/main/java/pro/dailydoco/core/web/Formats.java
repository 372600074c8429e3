package pro.dailydoco.core.web;

import java.text.NumberFormat;
import java.util.Locale;

import io.quarkus.qute.TemplateExtension;
import pro.dailydoco.core.Money;

/** View-only formatting used by templates. */
@TemplateExtension
public class Formats {

    /** "$29", "$1,234.50": whole amounts without cents. */
    public static String formatted(Money money) {
        NumberFormat format = NumberFormat.getCurrencyInstance(Locale.US);
        if (!money.currency().equals(Money.USD)) {
            format.setCurrency(java.util.Currency.getInstance(money.currency()));
        }
        if (money.minor() % 100 == 0) {
            format.setMaximumFractionDigits(0);
            format.setMinimumFractionDigits(0);
        }
        return format.format(money.toMajor());
    }

    /** Cents as dollars: {@code {amount.cents}} → "$1,234.50"; the one formatter for amounts kept in cents. */
    public static String cents(long cents) {
        return formatted(Money.usd(cents));
    }

    /** As {@link #cents(long)}; no amount (an undefined average) → "—". */
    public static String cents(Long cents) {
        return cents == null ? "—" : cents(cents.longValue());
    }

    /** A fraction as a percentage: 0.125 → "12.5 %"; null → "—". */
    public static String percent(java.math.BigDecimal rate) {
        return rate == null ? "—" : rate.movePointRight(2).stripTrailingZeros().toPlainString() + " %";
    }

    /** A date as people read it, in UTC: "29 July 2026". */
    static String date(java.time.Instant instant) {
        return java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH)
                .withZone(java.time.ZoneOffset.UTC).format(instant);
    }

    /** A moment as people read it, in UTC: "3 Dec 2026, 14:05 UTC"; null reads "—". */
    public static String dateTime(java.time.Instant instant) {
        return instant == null ? "—" : DATE_TIME.format(instant);
    }

    private static final java.time.format.DateTimeFormatter DATE_TIME = java.time.format.DateTimeFormatter
            .ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH).withZone(java.time.ZoneOffset.UTC);

    /** A month as people read it: "March 2026". */
    static String monthLabel(java.time.LocalDate date) {
        return java.time.format.DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH).format(date);
    }

    /** A count with its noun: {@code {n.counted('more point', 'more points')}} → "1 more point", "3 more points". */
    public static String counted(long count, String one, String many) {
        return NumberFormat.getIntegerInstance(Locale.US).format(count) + " " + (count == 1 ? one : many);
    }
}
