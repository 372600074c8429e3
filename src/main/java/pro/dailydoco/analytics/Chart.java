package pro.dailydoco.analytics;

import java.util.List;
import java.util.function.LongFunction;

/**
 * What a chart shows, independent of how it is drawn: categories along the x axis (e.g. months), one or more series
 * of values, and how to format a value for people ("$12.40", "37"). {@link SvgChart} draws it.
 *
 * @param id unique on the page (used for ids inside the SVG)
 * @param summary one sentence a screen reader announces instead of the picture
 */
public record Chart(String id, String title, String summary, List<String> categories, List<Series> series,
        LongFunction<String> format) {

    public record Series(String name, List<Long> values) {
    }

    public Chart {
        for (Series s : series) {
            if (s.values().size() != categories.size()) {
                throw new IllegalArgumentException("Series " + s.name() + " has " + s.values().size() + " values for "
                        + categories.size() + " categories");
            }
        }
    }

    public boolean isEmpty() {
        return categories.isEmpty() || series.stream().allMatch(s -> s.values().stream().allMatch(v -> v == 0));
    }

    public long max() {
        return series.stream().flatMap(s -> s.values().stream()).mapToLong(Long::longValue).max().orElse(0);
    }

    /** Largest stacked total over the categories (for stacked bars). */
    public long maxStacked() {
        long max = 0;
        for (int i = 0; i < categories.size(); i++) {
            long total = 0;
            for (Series s : series) {
                total += Math.max(0, s.values().get(i));
            }
            max = Math.max(max, total);
        }
        return max;
    }
}
