package pro.dailydoco.core.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The value axis is labelled at round values a person reads without doing sums, and never at fractions of a count. */
class AxisTicksTest {

    @Test
    void countsFromZeroToTwentyGetWholeRoundSteps() {
        assertEquals(List.of(0L, 1L), AxisTicks.upTo(1, 1).values());
        assertEquals(List.of(0L, 1L, 2L), AxisTicks.upTo(2, 1).values(), "a count of 2 sits on the 2 line");
        assertEquals(List.of(0L, 1L, 2L, 3L), AxisTicks.upTo(3, 1).values());
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L), AxisTicks.upTo(5, 1).values());
        assertEquals(List.of(0L, 2L, 4L, 6L, 8L), AxisTicks.upTo(7, 1).values(), "not 0, 2.5, 5, 7.5, 10");
        assertEquals(List.of(0L, 2L, 4L, 6L, 8L, 10L), AxisTicks.upTo(10, 1).values());
        assertEquals(List.of(0L, 5L, 10L, 15L), AxisTicks.upTo(11, 1).values());
        for (long max = 0; max <= 1_000; max++) {
            AxisTicks ticks = AxisTicks.upTo(max, 1);
            List<Long> values = ticks.values();
            assertEquals(0L, values.get(0));
            assertTrue(ticks.top() >= max, "the axis reaches " + max);
            assertTrue(values.size() >= 2 && values.size() <= AxisTicks.MAX_INTERVALS + 1, max + ": " + values);
            assertTrue(isOneTwoOrFiveTimesAPowerOfTen(ticks.step()), max + ": step " + ticks.step());
            assertTrue(ticks.top() - ticks.step() < Math.max(max, 1), max + ": no empty interval on top " + values);
        }
    }

    @Test
    void moneyStepsAreRoundAmountsInCents() {
        AxisTicks ticks = AxisTicks.upTo(3_750, 1);
        assertEquals(List.of(0L, 1_000L, 2_000L, 3_000L, 4_000L), ticks.values());
        assertEquals(List.of("$0.00", "$10.00", "$20.00", "$30.00", "$40.00"),
                ticks.values().stream().map(Formats::cents).toList());
        assertEquals(List.of(0L, 20_000L, 40_000L, 60_000L), AxisTicks.upTo(59_800, 1).values(), "$598 → $0 … $600");
        assertEquals(List.of(0L, 2L, 4L, 6L, 8L), AxisTicks.upTo(7, 1).values(), "7 cents");
    }

    @Test
    void aSingleValueIsTheTopOrJustBelowIt() {
        assertEquals(List.of(0L, 20L, 40L, 60L, 80L, 100L), AxisTicks.upTo(100, 1).values());
        assertEquals(List.of(0L, 200_000L, 400_000L, 600_000L, 800_000L, 1_000_000L), AxisTicks.upTo(1_000_000, 1).values());
        assertEquals(List.of(0L, 2L, 4L, 6L), AxisTicks.upTo(6, 1).values());
    }

    @Test
    void allZerosStillMakeAnAxisFromZeroToOneUnit() {
        assertEquals(List.of(0L, 1L), AxisTicks.upTo(0, 1).values());
        assertEquals(List.of(0L, 10L), AxisTicks.upTo(0, 10).values());
        assertEquals(List.of(0L, 1L), AxisTicks.upTo(-5, 1).values(), "negative values are drawn from zero");
    }

    @Test
    void aLargerUnitNeverStepsBelowIt() {
        // Basis points shown with one decimal of a percent: 0.1 % steps at least, 12.5 % → 0, 5, 10, 15 %.
        assertEquals(List.of(0L, 500L, 1_000L, 1_500L), AxisTicks.upTo(1_250, 10).values());
        assertEquals(List.of(0L, 10L, 20L), AxisTicks.upTo(13, 10).values());
    }

    @Test
    void fractionsPlaceValuesOnTheAxis() {
        AxisTicks ticks = AxisTicks.upTo(7, 1);
        assertEquals(0.25, ticks.fraction(2));
        assertEquals(1.0, ticks.fraction(8));
        assertEquals(0.0, ticks.fraction(-3));
    }

    private static boolean isOneTwoOrFiveTimesAPowerOfTen(long step) {
        long s = step;
        while (s % 10 == 0) {
            s /= 10;
        }
        return s == 1 || s == 2 || s == 5;
    }
}
