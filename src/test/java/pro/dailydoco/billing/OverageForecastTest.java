package pro.dailydoco.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * The projection and rounding rules of the billing page's overage (docs/decisions/0202-projected-overage-on-the-billing-page.md),
 * on figures worked out by hand: December 2026 has 31 days.
 */
class OverageForecastTest {

    /** 50 cents per 1,000 calls, rounded up to whole thousands. */
    private static final UsagePrices.Meter CALLS = new UsagePrices.Meter(Limit.API_CALLS_PER_MONTH, "api_calls",
            Optional.of("price_calls"), "dailydoco_api_calls", 50, 1000);
    /** 5 cents a minute. */
    private static final UsagePrices.Meter MINUTES = new UsagePrices.Meter(Limit.VIDEO_MINUTES_PER_MONTH,
            "video_minutes", Optional.of("price_minutes"), "dailydoco_video_minutes", 5, 1);

    private static OverageForecast calls(long used, long billed, String now, boolean billing) {
        return OverageForecast.of(CALLS, "API calls", "calls", used, 50_000, billed, Instant.parse(now), billing);
    }

    @Test
    void useSoFarIsProjectedLinearlyToTheMonthsEndAndPricedInWholeThousandsRoundedUp() {
        // 10 of 31 days gone: 25,000 × 31 / 10 = 77,500, so 27,500 past 50,000: 28 thousands at 50 cents.
        OverageForecast forecast = calls(25_000, 0, "2026-12-11T00:00:00Z", true);
        assertEquals(77_500, forecast.projectedUse());
        assertEquals(27_500, forecast.projectedUnits());
        assertEquals(1_400, forecast.projectedCents());
        assertEquals(LocalDate.of(2026, 12, 31), forecast.lastDay());
        assertEquals(LocalDate.of(2027, 1, 1), forecast.resumesOn());
    }

    @Test
    void theProjectedUseIsRoundedUpToAWholeUnit() {
        // 10,001 × 31 / 10 = 31,003.1 → 31,004.
        assertEquals(31_004, calls(10_001, 0, "2026-12-11T00:00:00Z", true).projectedUse());
    }

    @Test
    void theFirstHoursOfAMonthCountAsADay() {
        // One hour in: 100 × 31 / 1 day = 3,100, not 100 × 744 hours.
        assertEquals(3_100, calls(100, 0, "2026-12-01T01:00:00Z", true).projectedUse());
        // The last day: 30 of 31 days gone, 60,000 × 31 / 30 = 62,000.
        assertEquals(62_000, calls(60_000, 0, "2026-12-31T00:00:00Z", true).projectedUse());
    }

    @Test
    void onStopNothingIsProjectedPastTheAllowance() {
        OverageForecast forecast = calls(25_000, 0, "2026-12-11T00:00:00Z", false);
        assertEquals(77_500, forecast.projectedUse());
        assertEquals(0, forecast.projectedUnits());
        assertEquals(0, forecast.projectedCents());
        assertFalse(forecast.billing());
    }

    @Test
    void unitsAlreadyBilledAreNeverProjectedAway() {
        // 40 calls were billed before a plan with a larger allowance; the pace alone projects none past it.
        OverageForecast forecast = calls(10_000, 40, "2026-12-20T00:00:00Z", true);
        assertEquals(40, forecast.projectedUnits());
        assertEquals(50, forecast.projectedCents(), "40 calls are one started thousand");
        assertEquals(50, forecast.billedCents());
    }

    @Test
    void priceUnitsAreRoundedUp() {
        assertEquals(0, CALLS.cents(0));
        assertEquals(50, CALLS.cents(1));
        assertEquals(50, CALLS.cents(1_000));
        assertEquals(100, CALLS.cents(1_001));
        assertEquals(35, MINUTES.cents(7));
        OverageForecast minutes = OverageForecast.of(MINUTES, "Video minutes", "minutes", 700, 600, 100,
                Instant.parse("2026-12-31T12:00:00Z"), true);
        // 30.5 of 31 days gone: 700 × 31 / 30.5 = 711.5 → 712 minutes, 112 past 600, at 5 cents.
        assertEquals(712, minutes.projectedUse());
        assertEquals(112, minutes.projectedUnits());
        assertEquals(560, minutes.projectedCents());
    }
}
