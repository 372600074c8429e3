package pro.dailydoco.core.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;

import org.junit.jupiter.api.Test;

import pro.dailydoco.core.Labelled;
import pro.dailydoco.core.Money;

/** The one way pages write each kind of value (docs/decisions/0146-one-way-to-write-things.md). */
class FormatsTest {

    @Test
    void centsReadAsDollarsWithThousandsSeparatorsAndAlwaysTwoDecimals() {
        assertEquals("$1,234.56", Formats.cents(123_456L));
        assertEquals("$0.05", Formats.cents(5L));
        assertEquals("$29.00", Formats.cents(2_900L), "a whole amount shows its cents too, beside $39.85");
        assertEquals("$0.00", Formats.cents(0L));
        assertEquals("-$5.00", Formats.cents(-500L), "a minus sign for a negative amount");
        assertEquals("$1,000,000.00", Formats.formatted(Money.usd(100_000_000L)));
        assertEquals("€12.50", Formats.formatted(new Money(1_250, "EUR")));
    }

    @Test
    void noAmountReadsAsADash() {
        assertEquals("—", Formats.cents((Long) null));
        assertEquals("$1,234.56", Formats.cents(Long.valueOf(123_456L)));
    }

    @Test
    void datesMonthsAndMomentsAreWrittenOneWayInUtc() {
        Instant moment = Instant.parse("2026-12-03T14:05:59Z");
        assertEquals("3 Dec 2026", Formats.date(moment));
        assertEquals("3 Dec 2026", Formats.date(LocalDate.of(2026, 12, 3)));
        assertEquals("3 Dec 2026, 14:05 UTC", Formats.dateTime(moment));
        assertEquals("3 Dec 2026, 14:05 UTC", Formats.dateTime(OffsetDateTime.parse("2026-12-03T16:05:00+02:00")));
        assertEquals("Dec 2026", Formats.monthLabel(LocalDate.of(2026, 12, 1)));
        assertEquals("Sep 2026", Formats.monthLabel(YearMonth.of(2026, 9)));
        assertEquals("3 Jan 2027", Formats.date(Instant.parse("2027-01-03T23:59:00Z")), "UTC, whatever the server's zone");
        assertEquals("—", Formats.date((Instant) null));
    }

    @Test
    void relativeTimeIsWordsBesideTheAbsoluteMoment() {
        Instant now = Instant.parse("2026-12-03T14:05:00Z");
        assertEquals("just now", Formats.relativeTo(now.minusSeconds(20), now));
        assertEquals("5 minutes ago", Formats.relativeTo(now.minusSeconds(300), now));
        assertEquals("1 hour ago", Formats.relativeTo(now.minusSeconds(3_700), now));
        assertEquals("3 days ago", Formats.relativeTo(now.minusSeconds(3 * 86_400), now));
        assertEquals("in 2 days", Formats.relativeTo(now.plusSeconds(2 * 86_400 + 5), now));
    }

    @Test
    void countsHaveSeparatorsAndPercentagesAtMostOneDecimal() {
        assertEquals("12,345", Formats.count(12_345L));
        assertEquals("999", Formats.count(999L));
        assertEquals("1,250", Formats.count(Integer.valueOf(1_250)));
        assertEquals("12.5 %", Formats.percent(new BigDecimal("0.125")));
        assertEquals("12.3 %", Formats.percent(new BigDecimal("0.1234")));
        assertEquals("50 %", Formats.percent(new BigDecimal("0.5000")));
        assertEquals("0 %", Formats.percent(BigDecimal.ZERO));
        assertEquals("—", Formats.percent(null));
        // Ratios (shares per member, K): never "0.0000", at most two decimals.
        assertEquals("0", Formats.ratio(new BigDecimal("0.0000")));
        assertEquals("0.4", Formats.ratio(new BigDecimal("0.4000")));
        assertEquals("1.25", Formats.ratio(new BigDecimal("1.2500")));
        assertEquals("0.67", Formats.ratio(new BigDecimal("0.6667")));
        assertEquals("—", Formats.ratio(null));
    }

    enum Sample implements Labelled {
        TENANT_FILE;

        @Override
        public String label() {
            return "Tenant file";
        }
    }

    enum Plain {
        PAST_DUE, ENTERPRISE
    }

    @Test
    void enumValuesReadThroughTheirLabelNeverTheirName() {
        assertEquals("Tenant file", Formats.label(Sample.TENANT_FILE));
        assertEquals("Past due", Formats.label(Plain.PAST_DUE));
        assertEquals("Enterprise", Formats.label(Plain.ENTERPRISE));
        assertEquals("Charge refunded", Formats.words("charge.refunded"));
    }

    @Test
    void userAgentsAreSummarisedAsBrowserAndSystem() {
        assertEquals("Chrome on Linux", Formats.device(
                "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"));
        assertEquals("Safari on iOS", Formats.device("Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) "
                + "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1"));
        assertEquals("Firefox on Windows",
                Formats.device("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"));
        assertEquals("Edge on Windows", Formats.device("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
                + "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0"));
        assertEquals("Chrome on Android", Formats.device("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 "
                + "(KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36"));
        assertEquals("curl", Formats.device("curl/8.5.0"));
        assertEquals("Unknown browser", Formats.device(null));
    }
}
