package pro.dailydoco.referral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The written definitions of the viral metrics, on fixed data with known answers. */
class ViralMetricsTest {

    private static final LocalDate JAN = LocalDate.of(2026, 1, 1);

    @Test
    void kConversionGrowthAndCycleTimeFollowTheirDefinitions() {
        List<ViralMetrics.Month> months = ViralMetrics.compute(10, List.of(
                new ViralMetrics.Input(JAN, 5, 4, 1, 4 * 86_400L * 3, 4),
                new ViralMetrics.Input(JAN.plusMonths(1), 3, 3, 2, 0, 0)));
        ViralMetrics.Month jan = months.get(0);
        assertEquals(10, jan.sizeAtStart());
        assertEquals(new BigDecimal("0.4000"), jan.k(), "4 referred sign-ups ÷ 10 members at the start");
        assertEquals(new BigDecimal("0.2500"), jan.conversionToDate(), "1 paying ÷ 4 referred");
        assertEquals(5, jan.growth());
        assertEquals(new BigDecimal("0.5000"), jan.growthRate());
        assertEquals(new BigDecimal("3.0000"), jan.cycleDays(), "each direct referral joined 3 days after the referrer");
        ViralMetrics.Month feb = months.get(1);
        assertEquals(15, feb.sizeAtStart(), "January's 5 joined");
        assertEquals(new BigDecimal("0.2000"), feb.k(), "3 ÷ 15");
        assertEquals(new BigDecimal("0.4286"), feb.conversionToDate(), "3 paying ÷ 7 referred, to date");
        assertNull(feb.cycleDays(), "no direct referral, no cycle time");
    }

    @Test
    void anEmptyNetworkHasUndefinedRatiosNotZeroDivisions() {
        ViralMetrics.Month only = ViralMetrics.compute(0, List.of(new ViralMetrics.Input(JAN, 0, 0, 0, 0, 0))).get(0);
        assertNull(only.k());
        assertNull(only.conversionToDate());
        assertNull(only.growthRate());
        assertEquals(0, ViralMetrics.hundredths(only.k()));
    }
}
