package pro.dailydoco.core.web;

import java.util.List;

/**
 * Draws {@link Chart}s as accessible inline SVG, on the server: no script, no CDN. Each chart is a {@code figure}
 * with {@code role="img"}, a title and a one-sentence summary for screen readers, a {@code <title>} tooltip on every
 * mark, colours from CSS variables (legible in light and dark themes), and the full data as a table underneath —
 * the text alternative and the fallback when people would rather read than look.
 */
public final class SvgChart {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 240;
    private static final int LEFT = 64;
    private static final int RIGHT = 12;
    private static final int TOP = 12;
    private static final int BOTTOM = 36;
    private static final int MAX_SERIES_COLOURS = 7;

    private SvgChart() {
    }

    /** Stacked bars: one bar per category, one segment per series (e.g. earnings per month per level). */
    public static String stackedBars(Chart chart) {
        StringBuilder svg = open(chart);
        if (chart.isEmpty()) {
            return close(svg, chart, true);
        }
        long max = niceMax(chart.maxStacked());
        axes(svg, chart, max);
        int n = chart.categories().size();
        double slot = (WIDTH - LEFT - RIGHT) / (double) n;
        double barWidth = Math.max(2, slot * 0.7);
        for (int i = 0; i < n; i++) {
            double x = LEFT + i * slot + (slot - barWidth) / 2;
            double y = HEIGHT - BOTTOM;
            for (int s = 0; s < chart.series().size(); s++) {
                Long raw = chart.series().get(s).values().get(i);
                long value = raw == null ? 0 : Math.max(0, raw);
                if (value == 0) {
                    continue;
                }
                double h = (HEIGHT - TOP - BOTTOM) * (value / (double) max);
                y -= h;
                svg.append("<rect class=\"series-").append(s % MAX_SERIES_COLOURS).append("\" x=\"").append(fmt(x))
                        .append("\" y=\"").append(fmt(y)).append("\" width=\"").append(fmt(barWidth))
                        .append("\" height=\"").append(fmt(h)).append("\"><title>")
                        .append(escape(chart.categories().get(i) + " · " + chart.series().get(s).name() + ": "
                                + chart.format().apply(value)))
                        .append("</title></rect>");
            }
        }
        return close(svg, chart, false);
    }

    /** Lines: one polyline per series over the categories (e.g. MRR per month). */
    public static String lines(Chart chart) {
        StringBuilder svg = open(chart);
        if (chart.isEmpty()) {
            return close(svg, chart, true);
        }
        long max = niceMax(chart.max());
        axes(svg, chart, max);
        int n = chart.categories().size();
        double step = n == 1 ? 0 : (WIDTH - LEFT - RIGHT) / (double) (n - 1);
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
                double x = LEFT + (n == 1 ? (WIDTH - LEFT - RIGHT) / 2.0 : i * step);
                double y = HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * (Math.max(0, value) / (double) max);
                points.append(fmt(x)).append(',').append(fmt(y)).append(' ');
                dots.append("<circle class=\"dot series-").append(s % MAX_SERIES_COLOURS).append("\" cx=\"").append(fmt(x))
                        .append("\" cy=\"").append(fmt(y)).append("\" r=\"3\"><title>")
                        .append(escape(chart.categories().get(i) + " · " + series.name() + ": "
                                + chart.format().apply(value)))
                        .append("</title></circle>");
            }
            polyline(svg, s, points);
            svg.append(dots);
        }
        return close(svg, chart, false);
    }

    private static void polyline(StringBuilder svg, int series, StringBuilder points) {
        if (points.length() > 0) {
            svg.append("<polyline class=\"line series-").append(series % MAX_SERIES_COLOURS).append("\" points=\"")
                    .append(points.toString().trim()).append("\"/>");
        }
    }

    private static StringBuilder open(Chart chart) {
        String id = escape(chart.id());
        StringBuilder svg = new StringBuilder();
        svg.append("<figure class=\"chart\" id=\"").append(id).append("\">")
                .append("<figcaption>").append(escape(chart.title())).append("</figcaption>")
                .append("<svg viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" aria-labelledby=\"").append(id).append("-t ").append(id).append("-d\"")
                .append(" preserveAspectRatio=\"xMidYMid meet\" focusable=\"false\">")
                .append("<title id=\"").append(id).append("-t\">").append(escape(chart.title())).append("</title>")
                .append("<desc id=\"").append(id).append("-d\">").append(escape(chart.summary()))
                // Screen readers read the title and this description, never the "no data" text drawn inside.
                .append(chart.isEmpty() ? " No data for this period yet." : "").append("</desc>");
        return svg;
    }

    private static void axes(StringBuilder svg, Chart chart, long max) {
        for (int t = 0; t <= 4; t++) {
            long value = max * t / 4;
            double y = HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * t / 4.0;
            svg.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT)
                    .append("\" y1=\"").append(fmt(y)).append("\" y2=\"").append(fmt(y)).append("\"/>")
                    .append("<text class=\"tick\" x=\"").append(LEFT - 6).append("\" y=\"").append(fmt(y + 4))
                    .append("\" text-anchor=\"end\">").append(escape(chart.format().apply(value))).append("</text>");
        }
        List<String> categories = chart.categories();
        int n = categories.size();
        int every = Math.max(1, (int) Math.ceil(n / 8.0));
        double slot = (WIDTH - LEFT - RIGHT) / (double) n;
        for (int i = 0; i < n; i += every) {
            double x = LEFT + i * slot + slot / 2;
            svg.append("<text class=\"tick\" x=\"").append(fmt(x)).append("\" y=\"").append(HEIGHT - BOTTOM + 18)
                    .append("\" text-anchor=\"middle\">").append(escape(categories.get(i))).append("</text>");
        }
    }

    private static String close(StringBuilder svg, Chart chart, boolean empty) {
        if (empty) {
            svg.append("<text class=\"empty\" x=\"").append(WIDTH / 2).append("\" y=\"").append(HEIGHT / 2)
                    .append("\" text-anchor=\"middle\">No data for this period yet</text>");
        }
        svg.append("</svg>");
        if (!empty && chart.series().size() > 1) {
            svg.append("<ul class=\"legend\">");
            for (int s = 0; s < chart.series().size(); s++) {
                svg.append("<li><span class=\"swatch series-").append(s % MAX_SERIES_COLOURS).append("\" aria-hidden=\"true\"></span>")
                        .append(escape(chart.series().get(s).name())).append("</li>");
            }
            svg.append("</ul>");
        }
        svg.append(table(chart)).append("</figure>");
        return svg.toString();
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
        if (chart.categories().isEmpty()) {
            table.append("<tr><td colspan=\"").append(chart.series().size() + 1).append("\">No data yet</td></tr>");
        }
        return table.append("</tbody></table></div></details>").toString();
    }

    /** A round upper bound for the axis (1, 2, 5 × 10^n) so tick labels read well. */
    static long niceMax(long max) {
        if (max <= 0) {
            return 1;
        }
        long magnitude = 1;
        while (magnitude * 10 <= max) {
            magnitude *= 10;
        }
        for (long step : new long[] { 1, 2, 5, 10 }) {
            if (step * magnitude >= max) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
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
