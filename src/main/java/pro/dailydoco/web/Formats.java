package pro.dailydoco.web;

import java.text.NumberFormat;
import java.util.Locale;

import io.quarkus.qute.TemplateExtension;
import pro.dailydoco.billing.Money;
import pro.dailydoco.billing.Plan;

/** View-only formatting used by templates. */
@TemplateExtension
public class Formats {

    /** "$29", "$1,234.50": whole amounts without cents. */
    static String formatted(Money money) {
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

    /** A date as people read it, in UTC: "29 July 2026". */
    static String date(java.time.Instant instant) {
        return java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH)
                .withZone(java.time.ZoneOffset.UTC).format(instant);
    }

    /** A plan limit as people read it: "Unlimited" or "1,000". */
    @TemplateExtension(namespace = "fmt")
    static String limit(long value) {
        return value == Plan.UNLIMITED ? "Unlimited" : NumberFormat.getIntegerInstance(Locale.US).format(value);
    }
}
