package pro.dailydoco.core.web;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.Locale;

import io.quarkus.qute.TemplateExtension;
import pro.dailydoco.core.Labelled;
import pro.dailydoco.core.Money;

/**
 * The one way every page writes dates, amounts, counts, percentages and enum values (en, UTC), each kind through one
 * method here; templates call them as extensions ({@code {invoice.paidAt.date}}, {@code {total.cents}},
 * {@code {n.count}}, {@code {status.label}}). See docs/decisions/0146-one-way-to-write-things.md.
 */
@TemplateExtension
public class Formats {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM yyyy", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter
            .ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final String NONE = "—";

    /** "$1,234.56", "−" for a negative amount ("-$5.00"), always two decimals; another currency by its symbol or code. */
    public static String formatted(Money money) {
        if (money == null) {
            return NONE;
        }
        String symbol = money.currency().equals(Money.USD) ? "$"
                : Currency.getInstance(money.currency()).getSymbol(Locale.US);
        String prefix = symbol.length() == 1 ? symbol : symbol + " ";
        DecimalFormat amount = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.US));
        return (money.isNegative() ? "-" : "") + prefix + amount.format(money.toMajor().abs());
    }

    /** Cents as dollars: {@code {amount.cents}} → "$1,234.50"; the one formatter for amounts kept in cents. */
    public static String cents(long cents) {
        return formatted(Money.usd(cents));
    }

    /** As {@link #cents(long)}; no amount (an undefined average) → "—". */
    public static String cents(Long cents) {
        return cents == null ? NONE : cents(cents.longValue());
    }

    /** A count with thousands separators: 12345 → "12,345". */
    public static String count(long count) {
        return NumberFormat.getIntegerInstance(Locale.US).format(count);
    }

    /** As {@link #count(long)}; nothing counted → "—". */
    public static String count(Long count) {
        return count == null ? NONE : count(count.longValue());
    }

    /** As {@link #count(long)}; nothing counted → "—". */
    public static String count(Integer count) {
        return count == null ? NONE : count(count.longValue());
    }

    /** A fraction as a percentage with at most one decimal: 0.125 → "12.5 %", 0.5 → "50 %"; null → "—". */
    public static String percent(BigDecimal rate) {
        if (rate == null) {
            return NONE;
        }
        BigDecimal percent = rate.movePointRight(2).setScale(1, RoundingMode.HALF_UP).stripTrailingZeros();
        return (percent.signum() == 0 ? "0" : percent.toPlainString()) + " %";
    }

    /** A ratio (shares per member, K, days): at most two decimals, no trailing zeros: "0", "0.4", "1.25"; null → "—". */
    public static String ratio(BigDecimal value) {
        if (value == null) {
            return NONE;
        }
        BigDecimal rounded = value.setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
        return rounded.signum() == 0 ? "0" : rounded.toPlainString();
    }

    /** A day as people read it, in UTC: "3 Dec 2026"; null reads "—". */
    public static String date(Instant instant) {
        return instant == null ? NONE : DATE.format(instant);
    }

    /** As {@link #date(Instant)}, for a calendar day. */
    public static String date(LocalDate date) {
        return date == null ? NONE : DATE.format(date);
    }

    /** A moment as people read it, in UTC: "3 Dec 2026, 14:05 UTC"; null reads "—". */
    public static String dateTime(Instant instant) {
        return instant == null ? NONE : DATE_TIME.format(instant);
    }

    /** As {@link #dateTime(Instant)}, converted to UTC. */
    public static String dateTime(OffsetDateTime moment) {
        return moment == null ? NONE : DATE_TIME.format(moment.toInstant());
    }

    /** A month as people read it: "Dec 2026" (for the month's first day, or any day in it). */
    public static String monthLabel(LocalDate date) {
        return date == null ? NONE : MONTH.format(date);
    }

    /** As {@link #monthLabel(LocalDate)}. */
    public static String monthLabel(YearMonth month) {
        return month == null ? NONE : MONTH.format(month);
    }

    /**
     * "3 days ago", "in 2 hours", "just now": only ever shown beside the absolute moment ({@link #dateTime}), never
     * instead of it.
     */
    public static String relativeTo(Instant instant, Instant now) {
        if (instant == null) {
            return NONE;
        }
        long seconds = java.time.Duration.between(instant, now).getSeconds();
        long magnitude = Math.abs(seconds);
        if (magnitude < 60) {
            return "just now";
        }
        String span = magnitude < 3_600 ? counted(magnitude / 60, "minute", "minutes")
                : magnitude < 86_400 ? counted(magnitude / 3_600, "hour", "hours")
                        : counted(magnitude / 86_400, "day", "days");
        return seconds > 0 ? span + " ago" : "in " + span;
    }

    /**
     * An enum value as people read it: its {@link Labelled#label()} when it has one, otherwise its name in words
     * ({@code PAST_DUE} → "Past due"); never the constant's name in capitals. Null → "—".
     */
    public static String label(Enum<?> value) {
        if (value == null) {
            return NONE;
        }
        if (value instanceof Labelled labelled) {
            return labelled.label();
        }
        return words(value.name());
    }

    /** {@code PAST_DUE} → "Past due", {@code charge.refunded} → "Charge refunded": a code in words. */
    public static String words(String code) {
        String spaced = code.replaceAll("[_.\\-]+", " ").trim().toLowerCase(Locale.ROOT);
        return spaced.isEmpty() ? spaced : Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }

    /**
     * A browser's user-agent string summarised as people name it: "Chrome on Linux", "Safari on iOS"; the full string
     * belongs in a title beside it. Null or unrecognised → the product name it starts with, or "Unknown browser".
     */
    public static String device(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return "Unknown browser";
        }
        String browser = userAgent.contains("Edg/") ? "Edge"
                : userAgent.contains("OPR/") ? "Opera"
                        : userAgent.contains("Firefox/") ? "Firefox"
                                : userAgent.contains("Chromium/") ? "Chromium"
                                        : userAgent.contains("Chrome/") || userAgent.contains("CriOS/") ? "Chrome"
                                                : userAgent.contains("Safari/") ? "Safari" : null;
        String system = userAgent.contains("Windows") ? "Windows"
                : userAgent.contains("Android") ? "Android"
                        : userAgent.contains("iPhone") || userAgent.contains("iPad") ? "iOS"
                                : userAgent.contains("Mac OS X") || userAgent.contains("Macintosh") ? "macOS"
                                        : userAgent.contains("CrOS") ? "ChromeOS"
                                                : userAgent.contains("Linux") ? "Linux" : null;
        if (browser == null) {
            String product = userAgent.trim().split("[/\s]", 2)[0];
            browser = product.isEmpty() || product.length() > 40 ? "Unknown browser" : product;
        }
        return system == null ? browser : browser + " on " + system;
    }

    /** A count with its noun: {@code {n.counted('more point', 'more points')}} → "1 more point", "3 more points". */
    public static String counted(long count, String one, String many) {
        return count(count) + " " + (count == 1 ? one : many);
    }
}
