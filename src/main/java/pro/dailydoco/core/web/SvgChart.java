package pro.dailydoco.core.web;

import java.util.List;

/**
 * Draws {@link Chart}s on the server as accessible HTML and inline SVG: no script, no CDN. Each chart is a
 * {@code figure}: an SVG plot with {@code role="img"}, a title and a one-sentence summary for screen readers, a
 * {@code <title>} tooltip on every mark, colours from CSS variables (legible in light and dark themes), and the full
 * data as a table underneath — the text alternative and the fallback when people would rather read than look.
 * <p>
 * The plot stretches to its box ({@code preserveAspectRatio="none"}, strokes that don't scale), while the axis labels
 * are HTML placed at the same fractions of its height and width: text keeps its CSS size (12 px and up) on a
 * 390 px phone instead of shrinking with the drawing. The value axis is labelled at {@link AxisTicks}, and the
 * gridlines sit at exactly those values. The category axis labels every category when there is room, otherwise
 * a regular subset counted back from the last category; when a single category has data, it is always labelled
 * (docs/decisions/0145-charts-state-figures-honestly.md). A chart with nothing to show is one sentence.
 */
public final class SvgChart {

    /** The plot's own coordinates; the picture is stretched to the CSS box, so only the fractions matter. */
    static final int PLOT_WIDTH = 1000;
    static final int PLOT_HEIGHT = 400;
    /** The widest bar in plot units, so a chart of one or two months shows bars, not walls. */
    private static final double MAX_BAR_WIDTH = 90;
    private static final int MAX_SERIES_COLOURS = 7;
    /** How many category labels fit, from the widest container to the narrowest (see app.css, .chart-x). */
    private static final int[] LABELS_THAT_FIT = { 12, 6, 4 };
    private static final String[] HIDDEN_BELOW = { "x-wide", "x-medium", "" };

    private SvgChart() {
    }

    /** Stacked bars: one bar per category, one segment per series (e.g. earnings per month per level). */
    public static String stackedBars(Chart chart) {
        if (chart.isEmpty()) {
            return empty(chart);
        }
        AxisTicks ticks = AxisTicks.upTo(chart.maxStacked(), chart.unit());
        StringBuilder svg = open(chart, ticks);
        int n = chart.categories().size();
        double slot = PLOT_WIDTH / (double) n;
        double barWidth = Math.min(MAX_BAR_WIDTH, slot * 0.7);
        for (int i = 0; i < n; i++) {
            double x = i * slot + (slot - barWidth) / 2;
            long below = 0;
            for (int s = 0; s < chart.series().size(); s++) {
                Long raw = chart.series().get(s).values().get(i);
                long value = raw == null ? 0 : Math.max(0, raw);
                if (value == 0) {
                    continue;
                }
                double top = y(ticks, below + value);
                double height = y(ticks, below) - top;
                below += value;
                svg.append("<rect class=\"series-").append(s % MAX_SERIES_COLOURS).append("\" x=\"").append(fmt(x))
                        .append("\" y=\"").append(fmt(top)).append("\" width=\"").append(fmt(barWidth))
                        .append("\" height=\"").append(fmt(height)).append("\" data-value=\"").append(value)
                        .append("\"><title>")
                        .append(escape(chart.categories().get(i) + " · " + chart.series().get(s).name() + ": "
                                + chart.format().apply(value)))
                        .append("</title></rect>");
            }
        }
        return close(svg, chart, ticks);
    }

    /** Lines: one line per series over the categories (e.g. MRR per month), a dot on every defined value. */
    public static String lines(Chart chart) {
        if (chart.isEmpty()) {
            return empty(chart);
        }
        AxisTicks ticks = AxisTicks.upTo(chart.max(), chart.unit());
        StringBuilder svg = open(chart, ticks);
        int n = chart.categories().size();
        for (int s = 0; s < chart.series().size(); s++) {
            Chart.Series series = chart.series().get(s);
            StringBuilder points = new StringBuilder();
            StringBuilder dots = new StringBuilder();
            for (int i = 0; i < n; i++) {
                Long value = series.values().get(i);
                if (value == null) {
                    // An undefined value (e.g. a rate with no denominator) is a gap, never a fake zero.
                    polyline(svg, s, points);
                    points.setLength(0);
                    continue;
                }
                double x = centre(i, n);
                double y = y(ticks, value);
                points.append(fmt(x)).append(',').append(fmt(y)).append(' ');
                // A zero-length line with round caps and a stroke that doesn't scale: a round dot however the plot
                // is stretched (a circle would turn into an ellipse).
                dots.append("<line class=\"dot series-").append(s % MAX_SERIES_COLOURS).append("\" x1=\"").append(fmt(x))
                        .append("\" y1=\"").append(fmt(y)).append("\" x2=\"").append(fmt(x)).append("\" y2=\"")
                        .append(fmt(y)).append("\" data-value=\"").append(value)
                        .append("\" vector-effect=\"non-scaling-stroke\"><title>")
                        .append(escape(chart.categories().get(i) + " · " + series.name() + ": "
                                + chart.format().apply(value)))
                        .append("</title></line>");
            }
            polyline(svg, s, points);
            svg.append(dots);
        }
        return close(svg, chart, ticks);
    }

    private static void polyline(StringBuilder svg, int series, StringBuilder points) {
        if (points.length() > 0) {
            svg.append("<polyline class=\"line series-").append(series % MAX_SERIES_COLOURS).append("\" points=\"")
                    .append(points.toString().trim()).append("\" vector-effect=\"non-scaling-stroke\"/>");
        }
    }

    /** Nothing to draw: one sentence where the chart would be, not an empty frame. */
    private static String empty(Chart chart) {
        return "<figure class=\"chart chart-empty\" id=\"" + escape(chart.id()) + "\"><figcaption>" + escape(chart.title())
                + ": no data for this period yet.</figcaption></figure>";
    }

    private static StringBuilder open(Chart chart, AxisTicks ticks) {
        String id = escape(chart.id());
        StringBuilder html = new StringBuilder();
        html.append("<figure class=\"chart\" id=\"").append(id).append("\">")
                .append("<figcaption>").append(escape(chart.title())).append("</figcaption>")
                .append("<div class=\"chart-area\">");
        yAxis(html, chart, ticks);
        html.append("<svg class=\"chart-plot\" viewBox=\"0 0 ").append(PLOT_WIDTH).append(' ').append(PLOT_HEIGHT)
                .append("\" preserveAspectRatio=\"none\" role=\"img\" aria-labelledby=\"").append(id).append("-t ")
                .append(id).append("-d\" focusable=\"false\">")
                .append("<title id=\"").append(id).append("-t\">").append(escape(chart.title())).append("</title>")
                .append("<desc id=\"").append(id).append("-d\">").append(escape(chart.summary())).append("</desc>");
        for (long value : ticks.values()) {
            String y = fmt(y(ticks, value));
            html.append("<line class=\"grid\" x1=\"0\" x2=\"").append(PLOT_WIDTH).append("\" y1=\"").append(y)
                    .append("\" y2=\"").append(y).append("\" data-value=\"").append(value)
                    .append("\" vector-effect=\"non-scaling-stroke\"/>");
        }
        return html;
    }

    /**
     * The value labels, in HTML beside the plot, each at its gridline's height. They are hidden from screen readers,
     * which get the summary and the table instead; a hidden copy of the widest label sizes the column.
     */
    private static void yAxis(StringBuilder html, Chart chart, AxisTicks ticks) {
        String widest = "";
        StringBuilder labels = new StringBuilder();
        for (long value : ticks.values()) {
            String label = chart.format().apply(value);
            widest = label.length() > widest.length() ? label : widest;
            labels.append("<span class=\"tick\" style=\"bottom:").append(percent(ticks.fraction(value)))
                    .append("\" data-value=\"").append(value).append("\">").append(escape(label)).append("</span> ");
        }
        html.append("<div class=\"chart-y\" aria-hidden=\"true\"><span class=\"tick-sizer\">").append(escape(widest))
                .append("</span> ").append(labels).append("</div>");
    }

    private static void xAxis(StringBuilder html, Chart chart) {
        List<String> categories = chart.categories();
        int n = categories.size();
        String[] classes = labelClasses(n, chart.categoriesWithData());
        html.append("<div class=\"chart-x\" aria-hidden=\"true\">");
        for (int i = 0; i < n; i++) {
            if (classes[i] == null) {
                continue;
            }
            String edge = n > 4 && i == 0 ? " first" : n > 4 && i == n - 1 ? " last" : "";
            html.append("<span class=\"tick").append(classes[i].isEmpty() ? "" : " " + classes[i]).append(edge)
                    .append("\" style=\"left:").append(percent(centre(i, n) / PLOT_WIDTH)).append("\" data-index=\"")
                    .append(i).append("\">").append(escape(categories.get(i))).append("</span> ");
        }
        html.append("</div>");
    }

    /**
     * Which categories get a label, and below which container width it is hidden: {@code null} for no label,
     * {@code ""} for a label always shown, otherwise the CSS class that hides it on narrower charts. Each width labels
     * every k-th category counted back from the last (so the last is always labelled), k growing until the labels
     * fit; when exactly one category has data, it is labelled at every width and labels too close to it give way.
     */
    static String[] labelClasses(int n, List<Integer> withData) {
        String[] classes = new String[n];
        Integer only = withData.size() == 1 ? withData.get(0) : null;
        int step = 1;
        for (int width = 0; width < LABELS_THAT_FIT.length; width++) {
            int labels = (n + step - 1) / step;
            step *= (labels + LABELS_THAT_FIT[width] - 1) / LABELS_THAT_FIT[width];
            for (int i = 0; i < n; i++) {
                boolean regular = (n - 1 - i) % step == 0 && (only == null || Math.abs(i - only) >= step);
                if (regular || (only != null && i == only)) {
                    classes[i] = HIDDEN_BELOW[width];
                }
            }
        }
        return classes;
    }

    private static String close(StringBuilder html, Chart chart, AxisTicks ticks) {
        html.append("</svg>");
        xAxis(html, chart);
        html.append("</div>");
        if (chart.series().size() > 1) {
            html.append("<ul class=\"legend\">");
            for (int s = 0; s < chart.series().size(); s++) {
                html.append("<li><span class=\"swatch series-").append(s % MAX_SERIES_COLOURS).append("\" aria-hidden=\"true\"></span>")
                        .append(escape(chart.series().get(s).name())).append("</li>");
            }
            html.append("</ul>");
        }
        html.append(table(chart)).append("</figure>");
        return html.toString();
    }

    private static String table(Chart chart) {
        StringBuilder table = new StringBuilder("<details class=\"chart-data\"><summary>Show the data as a table</summary>")
                .append("<div class=\"table-scroll\"><table><caption>").append(escape(chart.title()))
                .append("</caption><thead><tr><th scope=\"col\">Period</th>");
        for (Chart.Series s : chart.series()) {
            table.append("<th scope=\"col\">").append(escape(s.name())).append("</th>");
        }
        table.append("</tr></thead><tbody>");
        for (int i = 0; i < chart.categories().size(); i++) {
            table.append("<tr><th scope=\"row\">").append(escape(chart.categories().get(i))).append("</th>");
            for (Chart.Series s : chart.series()) {
                Long value = s.values().get(i);
                table.append("<td>").append(value == null ? "—" : escape(chart.format().apply(value))).append("</td>");
            }
            table.append("</tr>");
        }
        return table.append("</tbody></table></div></details>").toString();
    }

    /** The plot's y coordinate of a value (0 at the bottom, the top tick at the top). */
    private static double y(AxisTicks ticks, long value) {
        return PLOT_HEIGHT - PLOT_HEIGHT * ticks.fraction(value);
    }

    /** The x coordinate of the middle of category {@code i}'s slot: bars and points both sit there. */
    private static double centre(int i, int n) {
        return PLOT_WIDTH * (i + 0.5) / n;
    }

    private static String percent(double fraction) {
        return String.format(java.util.Locale.ROOT, "%.2f%%", fraction * 100);
    }

    private static String fmt(double value) {
        return String.format(java.util.Locale.ROOT, "%.1f", value);
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
