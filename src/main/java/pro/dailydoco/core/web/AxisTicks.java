package pro.dailydoco.core.web;

import java.util.ArrayList;
import java.util.List;

/**
 * The labelled values of a chart's value axis: 0, one step, two steps, … up to {@code top}, the first multiple of the
 * step at or above the largest value. Gridlines are drawn at exactly these values, so a bar of 2 ends on the "2" line.
 * The step is a "nice" number — 1, 2 or 5 × 10ⁿ times the axis' {@code unit}, the smallest difference worth showing
 * (1 for counts, so never 2.5 people; 1 cent for money; 10 basis points for a percentage shown with one decimal) —
 * chosen as the smallest such step that needs at most {@value #MAX_INTERVALS} intervals
 * (docs/decisions/0145-charts-state-figures-honestly.md).
 *
 * @param step distance between two labelled values, a positive multiple of the unit
 * @param top the highest labelled value (the top of the axis), a multiple of {@code step}
 */
public record AxisTicks(long step, long top) {

    static final int MAX_INTERVALS = 5;

    public AxisTicks {
        if (step <= 0 || top < step || top % step != 0) {
            throw new IllegalArgumentException("Ticks need a positive step dividing the top, got " + step + " and " + top);
        }
    }

    /**
     * Ticks for values from 0 to {@code max} on an axis whose smallest meaningful step is {@code unit}. An axis with
     * nothing on it (max 0) still has one interval, 0 to one unit.
     */
    public static AxisTicks upTo(long max, long unit) {
        if (unit <= 0) {
            throw new IllegalArgumentException("An axis unit is positive, got " + unit);
        }
        long largest = Math.max(0, max);
        for (long magnitude = unit; ; magnitude = Math.multiplyExact(magnitude, 10)) {
            for (long factor : new long[] { 1, 2, 5 }) {
                long step = Math.multiplyExact(magnitude, factor);
                long intervals = Math.max(1, ceilDiv(largest, step));
                if (intervals <= MAX_INTERVALS) {
                    return new AxisTicks(step, intervals * step);
                }
            }
        }
    }

    /** The labelled values, from 0 to {@link #top} inclusive. */
    public List<Long> values() {
        List<Long> values = new ArrayList<>();
        for (long value = 0; value <= top; value += step) {
            values.add(value);
        }
        return values;
    }

    /** Where {@code value} sits between the bottom (0) and the top (1) of the axis. */
    public double fraction(long value) {
        return Math.max(0, value) / (double) top;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
