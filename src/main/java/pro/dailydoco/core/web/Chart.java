package pro.dailydoco.core.web;

import java.util.List;
import java.util.function.LongFunction;

/**
 * What a chart shows, independent of how it is drawn: categories along the x axis (e.g. months), one or more series
 * of values, and how to format a value for people ("$12.40", "37"). {@link SvgChart} draws it.
 *
 * @param id unique on the page (used for ids inside the SVG)
 * @param summary one sentence a screen reader announces instead of the picture
 * @param unit the smallest step worth labelling on the value axis ({@link AxisTicks}): 1 for counts and cents, 10 for
 *        basis points shown as a percentage with one decimal
 */
public record Chart(String id, String title, String summary, List<String> categories, List<Series> series,
        LongFunction<String> format, long unit) {

    /** A named row of values, one per category; a {@code null} value means "undefined" (drawn as a gap, "—"). */
    public record Series(String name, List<Long> values) {
    }

    /** A chart of whole numbers (counts, cents): its axis steps by whole units, never 2.5. */
    public Chart(String id, String title, String summary, List<String> categories, List<Series> series,
            LongFunction<String> format) {
        this(id, title, summary, categories, series, format, 1);
    }

    public Chart {
        if (unit <= 0) {
            throw new IllegalArgumentException("A chart's axis unit is positive, got " + unit);
        }
        for (Series s : series) {
            if (s.values().size() != categories.size()) {
                throw new IllegalArgumentException("Series " + s.name() + " has " + s.values().size() + " values for "
                        + categories.size() + " categories");
            }
        }
    }

    /** Nothing to draw: no category has a value other than zero or undefined (the page says so in one sentence). */
    public boolean isEmpty() {
        return categoriesWithData().isEmpty();
    }

    /** The categories with a value other than zero or undefined in some series, in order. */
    public List<Integer> categoriesWithData() {
        List<Integer> indices = new java.util.ArrayList<>();
        for (int i = 0; i < categories.size(); i++) {
            final int index = i;
            if (series.stream().anyMatch(s -> s.values().get(index) != null && s.values().get(index) != 0)) {
                indices.add(i);
            }
        }
        return indices;
    }

    public long max() {
        return series.stream().flatMap(s -> s.values().stream()).filter(java.util.Objects::nonNull).mapToLong(Long::longValue).max().orElse(0);
    }

    /** Largest stacked total over the categories (for stacked bars). */
    public long maxStacked() {
        long max = 0;
        for (int i = 0; i < categories.size(); i++) {
            long total = 0;
            for (Series s : series) {
                Long value = s.values().get(i);
                total += value == null ? 0 : Math.max(0, value);
            }
            max = Math.max(max, total);
        }
        return max;
    }
}
