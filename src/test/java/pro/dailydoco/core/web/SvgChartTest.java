package pro.dailydoco.core.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

class SvgChartTest {

    private static final Chart EARNINGS = new Chart("earnings", "Earnings per month", "Earnings grew from $0 to $30.",
            List.of("2026-09", "2026-10", "2026-11"),
            List.of(new Chart.Series("Level 1", List.of(0L, 1000L, 2000L)), new Chart.Series("Level 2 <b>", List.of(0L, 500L, 1000L))),
            v -> "$" + v / 100);

    @Test
    void stackedBarsDrawOneMarkPerNonZeroValueWithATooltip() {
        Document html = Jsoup.parse(SvgChart.stackedBars(EARNINGS));
        assertEquals(4, html.select("rect").size());
        assertEquals("2026-11 · Level 1: $20", html.select("rect > title").get(2).text());
    }

    @Test
    void everyChartIsAnImageWithTitleAndSummaryForScreenReaders() {
        Document html = Jsoup.parse(SvgChart.lines(EARNINGS));
        var svg = html.selectFirst("svg");
        assertEquals("img", svg.attr("role"));
        assertEquals("earnings-t earnings-d", svg.attr("aria-labelledby"));
        assertEquals("Earnings grew from $0 to $30.", html.selectFirst("desc#earnings-d").text());
    }

    @Test
    void theDataIsAlsoATable() {
        Document html = Jsoup.parse(SvgChart.stackedBars(EARNINGS));
        var rows = html.select("details.chart-data tbody tr");
        assertEquals(3, rows.size());
        assertEquals(List.of("2026-10", "$10", "$5"), rows.get(1).select("th, td").eachText());
    }

    @Test
    void anUndefinedValueIsAGapInTheLineAndADashInTheTable() {
        java.util.List<Long> values = new java.util.ArrayList<>(List.of(100L, 200L, 300L));
        values.set(1, null);
        Chart rate = new Chart("rate", "Rate", "A rate with an undefined month.", List.of("2026-09", "2026-10", "2026-11"),
                List.of(new Chart.Series("Rate", values)), Long::toString);
        Document html = Jsoup.parse(SvgChart.lines(rate));
        assertEquals(2, html.select("polyline").size(), "the line breaks where the value is undefined");
        assertEquals(2, html.select("circle").size());
        assertEquals(List.of("2026-10", "—"), html.select("details.chart-data tbody tr").get(1).select("th, td").eachText());
        assertEquals(2, Jsoup.parse(SvgChart.stackedBars(rate)).select("rect").size());
    }

    @Test
    void namesAreEscaped() {
        String svg = SvgChart.stackedBars(EARNINGS);
        assertFalse(svg.contains("<b>"));
        assertTrue(svg.contains("Level 2 &lt;b&gt;"));
    }

    @Test
    void anEmptyChartSaysSoInsteadOfDrawingNothing() {
        Chart empty = new Chart("e", "Nothing", "No data.", List.of("2026-11"), List.of(new Chart.Series("A", List.of(0L))), Long::toString);
        assertTrue(SvgChart.lines(empty).contains("No data for this period yet"));
        assertTrue(SvgChart.lines(empty).contains("<desc id=\"e-d\">No data. No data for this period yet.</desc>"),
                "said where screen readers read it, not only drawn");
    }

    @Test
    void axisMaximumIsRounded() {
        assertEquals(1, SvgChart.niceMax(0));
        assertEquals(50, SvgChart.niceMax(37));
        assertEquals(2000, SvgChart.niceMax(1999));
        assertEquals(10, SvgChart.niceMax(10));
    }

    @Test
    void seriesMustMatchTheCategories() {
        assertThrows(IllegalArgumentException.class, () -> new Chart("x", "t", "s", List.of("a", "b"),
                List.of(new Chart.Series("A", List.of(1L))), Long::toString));
    }
}
