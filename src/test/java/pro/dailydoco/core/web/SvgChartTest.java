package pro.dailydoco.core.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class SvgChartTest {

    private static final Chart EARNINGS = new Chart("earnings", "Earnings per month", "Earnings grew from $0 to $30.",
            List.of("Sep 2026", "Oct 2026", "Nov 2026"),
            List.of(new Chart.Series("Level 1", List.of(0L, 1000L, 2000L)), new Chart.Series("Level 2 <b>", List.of(0L, 500L, 1000L))),
            Formats::cents);

    /** Sign-ups per month: the counts of the report (a 2 read as ~1.6 against 2.5-step gridlines). */
    private static final Chart SIGN_UPS = new Chart("signups", "Sign-ups per month", "Sign-ups per month.",
            List.of("Sep 2026", "Oct 2026", "Nov 2026", "Dec 2026"),
            List.of(new Chart.Series("Sign-ups", List.of(2L, 7L, 0L, 5L))), Formats::count);

    @Test
    void stackedBarsDrawOneMarkPerNonZeroValueWithATooltip() {
        Document html = Jsoup.parse(SvgChart.stackedBars(EARNINGS));
        assertEquals(4, html.select("rect").size());
        assertEquals("Nov 2026 · Level 1: $20.00", html.select("rect > title").get(2).text());
    }

    @Test
    void everyChartIsAnImageWithTitleAndSummaryForScreenReaders() {
        Document html = Jsoup.parse(SvgChart.lines(EARNINGS));
        var svg = html.selectFirst("svg");
        assertEquals("img", svg.attr("role"));
        assertEquals("earnings-t earnings-d", svg.attr("aria-labelledby"));
        assertEquals("Earnings grew from $0 to $30.", html.selectFirst("desc#earnings-d").text());
        assertEquals("true", html.selectFirst(".chart-y").attr("aria-hidden"), "the table, not the labels, is read out");
        assertEquals("true", html.selectFirst(".chart-x").attr("aria-hidden"));
    }

    @Test
    void theDataIsAlsoATable() {
        Document html = Jsoup.parse(SvgChart.stackedBars(EARNINGS));
        var rows = html.select("details.chart-data tbody tr");
        assertEquals(3, rows.size());
        assertEquals(List.of("Oct 2026", "$10.00", "$5.00"), rows.get(1).select("th, td").eachText());
    }

    @Test
    void gridlinesAndValueLabelsSitAtTheSameWholeValues() {
        for (String drawn : List.of(SvgChart.stackedBars(SIGN_UPS), SvgChart.lines(SIGN_UPS))) {
            Document html = Jsoup.parse(drawn);
            List<Long> gridValues = html.select("line.grid").stream().map(l -> Long.parseLong(l.attr("data-value"))).toList();
            assertEquals(List.of(0L, 2L, 4L, 6L, 8L), gridValues, "whole steps, never 2.5");
            assertEquals(List.of("0", "2", "4", "6", "8"), html.select(".chart-y .tick").eachText());
            for (Element grid : html.select("line.grid")) {
                long value = Long.parseLong(grid.attr("data-value"));
                double expectedY = SvgChart.PLOT_HEIGHT * (1 - value / 8.0);
                assertEquals(expectedY, Double.parseDouble(grid.attr("y1")), 0.05, "gridline of " + value);
                Element label = html.selectFirst(".chart-y .tick[data-value=" + value + "]");
                assertEquals(Formats.count(value), label.text());
                assertEquals(value / 8.0 * 100, percentIn(label.attr("style"), "bottom"), 0.01,
                        "the label of " + value + " is at its gridline's height");
            }
        }
    }

    @Test
    void aBarOfTwoEndsExactlyOnTheTwoLine() {
        Document html = Jsoup.parse(SvgChart.stackedBars(SIGN_UPS));
        Element two = html.selectFirst("rect[data-value=2]");
        Element line = html.selectFirst("line.grid[data-value=2]");
        assertEquals(Double.parseDouble(line.attr("y1")), Double.parseDouble(two.attr("y")), 0.05);
        Element seven = html.selectFirst("rect[data-value=7]");
        double top = Double.parseDouble(seven.attr("y"));
        assertTrue(top < Double.parseDouble(html.selectFirst("line.grid[data-value=6]").attr("y1"))
                && top > Double.parseDouble(html.selectFirst("line.grid[data-value=8]").attr("y1")),
                "a bar of 7 ends between the 6 and 8 lines");
        Element dot = Jsoup.parse(SvgChart.lines(SIGN_UPS)).selectFirst("line.dot[data-value=2]");
        assertEquals(Double.parseDouble(line.attr("y1")), Double.parseDouble(dot.attr("y1")), 0.05);
    }

    @Test
    void moneyAxesAreLabelledInDollarsWithCents() {
        Document html = Jsoup.parse(SvgChart.stackedBars(EARNINGS));
        assertEquals(List.of("$0.00", "$10.00", "$20.00", "$30.00"), html.select(".chart-y .tick").eachText());
    }

    @Test
    void everyCategoryIsLabelledUnderItsBarWhenThereIsRoom() {
        Document html = Jsoup.parse(SvgChart.stackedBars(SIGN_UPS));
        var labels = html.select(".chart-x .tick");
        assertEquals(SIGN_UPS.categories(), labels.eachText());
        for (Element label : labels) {
            int i = Integer.parseInt(label.attr("data-index"));
            assertEquals((i + 0.5) / 4 * 100, percentIn(label.attr("style"), "left"), 0.01);
            assertEquals(SIGN_UPS.categories().get(i), label.text());
            Element bar = html.select("rect").stream().filter(r -> r.selectFirst("title").text().startsWith(label.text()))
                    .findFirst().orElse(null);
            if (bar != null) {
                double centre = Double.parseDouble(bar.attr("x")) + Double.parseDouble(bar.attr("width")) / 2;
                assertEquals(centre / SvgChart.PLOT_WIDTH * 100, percentIn(label.attr("style"), "left"), 0.05,
                        label.text() + " is under its bar");
            }
            assertFalse(label.hasClass("x-wide") || label.hasClass("x-medium"), "four labels fit at every width");
        }
    }

    @Test
    void twelveMonthsKeepARegularSubsetThatAlwaysEndsWithTheLast() {
        String[] classes = SvgChart.labelClasses(12, List.of(0, 5, 11));
        List<Integer> always = new ArrayList<>();
        List<Integer> mediumAndUp = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            assertTrue(classes[i] != null, "every month labelled on a wide chart");
            if (classes[i].isEmpty()) {
                always.add(i);
            }
            if (!classes[i].equals("x-wide")) {
                mediumAndUp.add(i);
            }
        }
        assertEquals(List.of(3, 7, 11), always, "on a phone");
        assertEquals(List.of(1, 3, 5, 7, 9, 11), mediumAndUp);
        Document html = Jsoup.parse(SvgChart.stackedBars(months(12, 11)));
        assertTrue(html.selectFirst(".chart-x .tick[data-index=11]").hasClass("last"),
                "the last label ends at the plot's edge rather than past it");
    }

    @Test
    void theOnlyMonthWithDataIsAlwaysLabelled() {
        for (int only = 0; only < 12; only++) {
            Document html = Jsoup.parse(SvgChart.stackedBars(months(12, only)));
            Element label = html.selectFirst(".chart-x .tick[data-index=" + only + "]");
            assertTrue(label != null, "month " + only + " has a label");
            assertFalse(label.hasClass("x-wide") || label.hasClass("x-medium"), "shown at every width: " + only);
            String[] classes = SvgChart.labelClasses(12, List.of(only));
            for (int i = 0; i < 12; i++) {
                if (i != only && classes[i] != null && classes[i].isEmpty()) {
                    assertTrue(Math.abs(i - only) >= 4, "no phone label crowds month " + only + ": " + i);
                }
            }
        }
        Document one = Jsoup.parse(SvgChart.lines(months(1, 0)));
        assertEquals(List.of("M0"), one.select(".chart-x .tick").eachText());
    }

    @Test
    void anUndefinedValueIsAGapInTheLineAndADashInTheTable() {
        List<Long> values = new ArrayList<>(List.of(100L, 200L, 300L));
        values.set(1, null);
        Chart rate = new Chart("rate", "Rate", "A rate with an undefined month.", List.of("Sep 2026", "Oct 2026", "Nov 2026"),
                List.of(new Chart.Series("Rate", values)), Long::toString);
        Document html = Jsoup.parse(SvgChart.lines(rate));
        assertEquals(2, html.select("polyline").size(), "the line breaks where the value is undefined");
        assertEquals(2, html.select("line.dot").size());
        assertEquals(List.of("Oct 2026", "—"), html.select("details.chart-data tbody tr").get(1).select("th, td").eachText());
        assertEquals(2, Jsoup.parse(SvgChart.stackedBars(rate)).select("rect").size());
    }

    @Test
    void namesAreEscaped() {
        String svg = SvgChart.stackedBars(EARNINGS);
        assertFalse(svg.contains("<b>"));
        assertTrue(svg.contains("Level 2 &lt;b&gt;"));
    }

    @Test
    void anEmptyChartIsOneSentenceNotABlankArea() {
        Chart empty = new Chart("e", "Sign-ups per month", "No data.", List.of("Nov 2026"),
                List.of(new Chart.Series("A", List.of(0L))), Long::toString);
        for (String drawn : List.of(SvgChart.lines(empty), SvgChart.stackedBars(empty))) {
            Document html = Jsoup.parse(drawn);
            assertNull(html.selectFirst("svg"), "nothing drawn");
            assertNull(html.selectFirst("table"));
            assertEquals("Sign-ups per month: no data for this period yet.", html.selectFirst("figure#e").text());
        }
    }

    @Test
    void seriesMustMatchTheCategories() {
        assertThrows(IllegalArgumentException.class, () -> new Chart("x", "t", "s", List.of("a", "b"),
                List.of(new Chart.Series("A", List.of(1L))), Long::toString));
    }

    /** {@code n} months named M0…, with a value only in month {@code only}. */
    private static Chart months(int n, int only) {
        List<String> names = new ArrayList<>();
        List<Long> values = new ArrayList<>(Collections.nCopies(n, 0L));
        for (int i = 0; i < n; i++) {
            names.add("M" + i);
        }
        values.set(only, 3L);
        return new Chart("m", "Months", "One month with data.", names, List.of(new Chart.Series("A", values)), Long::toString);
    }

    private static double percentIn(String style, String property) {
        var m = java.util.regex.Pattern.compile(property + ":([0-9.]+)%").matcher(style);
        assertTrue(m.find(), style);
        return Double.parseDouble(m.group(1));
    }
}
