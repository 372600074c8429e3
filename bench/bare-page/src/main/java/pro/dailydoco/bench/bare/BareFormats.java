package pro.dailydoco.bench.bare;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import io.quarkus.qute.TemplateExtension;

/** Formatting done per row, as the app's pages do: a date, an amount in dollars, a bar's height. */
@TemplateExtension
public class BareFormats {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    static String day(BareEntry entry) {
        return DAY.format(entry.createdAt);
    }

    static String money(BareEntry entry) {
        return String.format(Locale.ENGLISH, "$%,d.%02d", entry.amountMinor / 100, entry.amountMinor % 100);
    }

    static long barHeight(BareEntry entry, long max) {
        return Math.max(1, entry.amountMinor * 100 / max);
    }

    static long barTop(BareEntry entry, long max) {
        return 105 - barHeight(entry, max);
    }

    static int barLeft(Integer index) {
        return index * 21;
    }
}
