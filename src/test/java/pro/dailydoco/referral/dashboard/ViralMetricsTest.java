package pro.dailydoco.referral.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The written definitions of the viral metrics, on fixed data with answers worked out by hand in the comments. */
class ViralMetricsTest {

    private static final LocalDate JAN = LocalDate.of(2026, 1, 1);

    @Test
    void kIsSharesPerMemberTimesSignUpsPerShare() {
        List<ViralMetrics.Month> months = ViralMetrics.compute(10, List.of(
                new ViralMetrics.Input(JAN, 5, 4, 1, 4 * 86_400L * 3, 4, 8),
                new ViralMetrics.Input(JAN.plusMonths(1), 3, 3, 2, 0, 0, 0),
                new ViralMetrics.Input(JAN.plusMonths(2), 2, 2, 0, 0, 0, 6)));
        ViralMetrics.Month jan = months.get(0);
        assertEquals(10, jan.sizeAtStart());
        assertEquals(new BigDecimal("0.8000"), jan.sharesPerMember(), "8 shares ÷ 10 members at the start");
        assertEquals(new BigDecimal("0.5000"), jan.signUpsPerShare(), "4 referred sign-ups ÷ 8 shares");
        assertEquals(new BigDecimal("0.4000"), jan.k(), "0.8 × 0.5");
        assertEquals(new BigDecimal("0.2500"), jan.conversionToDate(), "1 paying ÷ 4 referred");
        assertEquals(5, jan.growth());
        assertEquals(new BigDecimal("0.5000"), jan.growthRate());
        assertEquals(new BigDecimal("3.0000"), jan.cycleDays(), "each direct referral joined 3 days after the referrer");

        ViralMetrics.Month feb = months.get(1);
        assertEquals(15, feb.sizeAtStart(), "January's 5 joined");
        assertEquals(new BigDecimal("0.0000"), feb.sharesPerMember(), "no share recorded");
        assertNull(feb.signUpsPerShare(), "sign-ups without any recorded share: no rate per share");
        assertNull(feb.k(), "K is undefined when a factor is, never the sign-ups alone");
        assertEquals(new BigDecimal("0.4286"), feb.conversionToDate(), "3 paying ÷ 7 referred, to date");
        assertNull(feb.cycleDays(), "no direct referral, no cycle time");

        ViralMetrics.Month mar = months.get(2);
        assertEquals(18, mar.sizeAtStart());
        assertEquals(new BigDecimal("0.3333"), mar.sharesPerMember(), "6 ÷ 18");
        assertEquals(new BigDecimal("0.3333"), mar.signUpsPerShare(), "2 ÷ 6");
        assertEquals(new BigDecimal("0.1111"), mar.k(), "(6 ÷ 18) × (2 ÷ 6) = 1 ÷ 9, rounded once");
    }

    @Test
    void anEmptyNetworkHasUndefinedRatiosNotZeroDivisions() {
        ViralMetrics.Month only = ViralMetrics.compute(0, List.of(new ViralMetrics.Input(JAN, 0, 0, 0, 0, 0, 0))).get(0);
        assertNull(only.k());
        assertNull(only.sharesPerMember());
        assertNull(only.signUpsPerShare());
        assertNull(only.conversionToDate());
        assertNull(only.growthRate());
        assertNull(ViralMetrics.tenThousandths(only.k()), "a gap in the chart, not a zero");
    }

    @Test
    void chartValuesReadBackAsTheRatio() {
        assertEquals(4000L, ViralMetrics.tenThousandths(new BigDecimal("0.4000")));
        assertEquals("0.4", ViralMetrics.ratioLabel(4000));
        assertEquals("1.25", ViralMetrics.ratioLabel(12500));
        assertEquals("0.67", ViralMetrics.ratioLabel(6667), "at most two decimals");
        assertEquals("0", ViralMetrics.ratioLabel(0), "never 0.0000");
        assertEquals("0", MyReferralsView.plain(new java.math.BigDecimal("0.0000")));
        assertEquals("0", MyReferralsView.plain(new java.math.BigDecimal("0.0012")), "rounds to nothing: 0, not 0.00");
        assertEquals("—", MyReferralsView.plain(null), "undefined (no shares) is a dash");
    }

    @Test
    void everyMonthFillsTheMonthsWithoutRollUpsWithZeros() {
        ViralMetrics.Input feb = new ViralMetrics.Input(JAN.plusMonths(1), 3, 2, 1, 86_400L, 1, 5);
        ViralMetrics.Input may = new ViralMetrics.Input(JAN.plusMonths(4), 1, 1, 0, 0, 0, 0);
        ViralMetrics.Input afterTheRange = new ViralMetrics.Input(JAN.plusMonths(6), 9, 9, 9, 9, 9, 9);

        List<ViralMetrics.Input> inputs = ViralMetrics.everyMonth(JAN, JAN.plusMonths(4),
                Map.of(feb.month(), feb, may.month(), may, afterTheRange.month(), afterTheRange));

        assertEquals(List.of(new ViralMetrics.Input(JAN, 0, 0, 0, 0, 0, 0), feb,
                new ViralMetrics.Input(JAN.plusMonths(2), 0, 0, 0, 0, 0, 0),
                new ViralMetrics.Input(JAN.plusMonths(3), 0, 0, 0, 0, 0, 0), may), inputs,
                "January to May in order, each month once; months outside the range are left out");
        assertEquals(List.of(new ViralMetrics.Input(JAN, 0, 0, 0, 0, 0, 0)), ViralMetrics.everyMonth(JAN, JAN, Map.of()),
                "a range of one month with nothing recorded is one month of zeros");
    }
}
