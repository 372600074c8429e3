package pro.dailydoco.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import pro.dailydoco.account.Role;
import pro.dailydoco.analytics.OperatorMetrics;
import pro.dailydoco.analytics.RevenueRollups;
import pro.dailydoco.billing.events.Plan;
import pro.dailydoco.billing.events.SubscriptionChanged;
import pro.dailydoco.billing.events.SubscriptionStatus;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;
import pro.dailydoco.support.TestTenants;
import pro.dailydoco.tenant.Tenant;

/** Metric definitions on fixed data. The data lives in 1999 so that other tests' billing events never mix in. */
@QuarkusTest
class OperatorAnalyticsTest {

    @Inject
    Event<SubscriptionChanged> events;

    @Inject
    OperatorMetrics metrics;

    @Inject
    RevenueRollups rollups;

    /** As the webhook publishes it: in the tenant's scope, the only one that may write its MRR row (V43). */
    private void change(Tenant t, Plan from, SubscriptionStatus fromStatus, Plan to, SubscriptionStatus toStatus, String at) {
        io.quarkus.arc.Arc.container().instance(pro.dailydoco.tenant.ScopedWork.class).get().run(t.id, null,
                () -> events.fire(new SubscriptionChanged(t.id, from, fromStatus, to, toStatus, Instant.parse(at))));
    }

    @Test
    void mrrMovementsChurnArpuAndLtvFollowTheirWrittenDefinitions() {
        Tenant team = TestTenants.create("an-team");
        Tenant pro = TestTenants.create("an-pro");
        change(team, null, null, Plan.TEAM, SubscriptionStatus.ACTIVE, "1999-09-03T10:00:00Z");
        change(pro, null, null, Plan.PRO, SubscriptionStatus.ACTIVE, "1999-09-10T10:00:00Z");
        change(team, Plan.TEAM, SubscriptionStatus.ACTIVE, Plan.ENTERPRISE, SubscriptionStatus.ACTIVE, "1999-10-05T10:00:00Z");
        change(pro, Plan.PRO, SubscriptionStatus.ACTIVE, Plan.PRO, SubscriptionStatus.CANCELED, "1999-11-20T10:00:00Z");
        // A trial is not revenue; a repeated state changes nothing.
        change(pro, Plan.PRO, SubscriptionStatus.CANCELED, Plan.PRO, SubscriptionStatus.CANCELED, "1999-11-21T10:00:00Z");

        OperatorMetrics.Overview overview = metrics.overview(YearMonth.of(1999, 9), YearMonth.of(1999, 11));
        List<OperatorMetrics.Month> m = overview.months();
        assertEquals(List.of(12_800L, 32_800L, 29_900L), m.stream().map(OperatorMetrics.Month::mrrCents).toList());
        assertEquals(12_800L, m.get(0).newMrrCents());
        assertEquals(20_000L, m.get(1).expansionMrrCents());
        assertEquals(2_900L, m.get(2).churnedMrrCents());
        assertEquals(29_900L * 12, m.get(2).arrCents());
        assertNull(m.get(0).churnRate(), "no paying tenant at the start of September");
        assertEquals(new BigDecimal("0.0000"), m.get(1).churnRate());
        assertEquals(new BigDecimal("0.5000"), m.get(2).churnRate(), "1 of 2 paying tenants lost in November");
        assertEquals(29_900L, m.get(2).arpuCents());
        // LTV = ARPU / average churn over the months that have a rate: 29 900 / ((0 + 0.5) / 2)
        assertEquals(119_600L, overview.ltvCents());
    }

    @Test
    void commissionLiabilityIsEarnedMinusClawedBackMinusPaidToDate() {
        QuarkusTransaction.requiringNew().run(() -> {
            var em = io.quarkus.arc.Arc.container().instance(jakarta.persistence.EntityManager.class).get();
            em.createNativeQuery("insert into referral_commission_month (month, earned_minor, clawed_back_minor, paid_minor) values "
                    + "(date '1998-01-01', 10000, 1000, 0), (date '1998-02-01', 5000, 0, 6000)").executeUpdate();
        });
        List<OperatorMetrics.Month> m = metrics.overview(YearMonth.of(1998, 1), YearMonth.of(1998, 2)).months();
        assertEquals(9_000L, m.get(0).commissionLiabilityCents());
        assertEquals(0L, m.get(0).commissionsPaidCents());
        assertEquals(8_000L, m.get(1).commissionLiabilityCents());
        assertEquals(6_000L, m.get(1).commissionsPaidCents());
    }

    @Test
    void operatorSeesChartsDefinitionsAndCanExportCsv() {
        Browser operator = operatorBrowser();
        var page = Browser.html(operator.get("/operator/analytics?months=6"));
        assertEquals("Revenue analytics", page.selectFirst("h1").text());
        assertEquals(8, page.select("figure.chart").size());
        for (var figure : page.select("figure.chart")) {
            // A chart with figures in these months is drawn; one without is a single sentence, not an empty frame.
            assertTrue(figure.selectFirst("svg[role=img]") != null
                    || figure.hasClass("chart-empty") && figure.text().endsWith("no data for this period yet."),
                    figure.outerHtml());
        }
        assertTrue(page.text().contains("Paying tenants lost in the month ÷ paying tenants at the start of the month."));
        String csv = operator.request().accept("text/csv").get("/operator/analytics/export.csv?months=3").then().statusCode(200)
                .extract().asString();
        assertTrue(csv.startsWith("month,mrr_cents,arr_cents"));
        assertEquals(4, csv.trim().lines().count(), "header + 3 months");
    }

    @Test
    @jakarta.enterprise.context.control.ActivateRequestContext
    void aFirstMonthWithoutPayingTenantsRendersDashesNotAnError() {
        OperatorMetrics.Month empty = new OperatorMetrics.Month(YearMonth.of(2001, 1), 0, 0, 0, 0, 0, 0, null, null, 0, 0, 0, 0,
                null, java.util.Map.of());
        OperatorMetrics.Overview overview = new OperatorMetrics.Overview(List.of(empty), java.util.Map.of(), null);
        String html = OperatorAnalyticsResource.Templates.analytics(overview, 1, null, OperatorCharts.all(overview)).render();
        var page = org.jsoup.Jsoup.parse(html);
        assertEquals("—", page.select("dl.kpis div").stream().filter(d -> d.selectFirst("dt").text().equals("Churn rate"))
                .findFirst().orElseThrow().selectFirst("dd").text());
        assertTrue(page.text().contains("No paying tenants yet."));
    }

    /**
     * Fixed data in 1996 (no other test writes there), every figure derived by hand below. It ends with everyone
     * churned and the liability paid, so later months of other tests start from zero.
     */
    @Test
    void everyMetricHasAnAccessibleChartWhoseTableShowsTheComputedFigures() {
        Tenant a = TestTenants.create("an96-a");
        Tenant b = TestTenants.create("an96-b");
        Tenant c = TestTenants.create("an96-c");
        Tenant d = TestTenants.create("an96-d");
        change(a, null, null, Plan.TEAM, SubscriptionStatus.ACTIVE, "1996-09-03T10:00:00Z");
        change(b, null, null, Plan.PRO, SubscriptionStatus.ACTIVE, "1996-09-10T10:00:00Z");
        change(c, null, null, Plan.PRO, SubscriptionStatus.ACTIVE, "1996-10-02T10:00:00Z");
        change(a, Plan.TEAM, SubscriptionStatus.ACTIVE, Plan.ENTERPRISE, SubscriptionStatus.ACTIVE, "1996-10-05T10:00:00Z");
        change(d, null, null, Plan.PRO, SubscriptionStatus.ACTIVE, "1996-10-15T10:00:00Z");
        change(b, Plan.PRO, SubscriptionStatus.ACTIVE, Plan.PRO, SubscriptionStatus.CANCELED, "1996-11-20T10:00:00Z");
        change(a, Plan.ENTERPRISE, SubscriptionStatus.ACTIVE, Plan.ENTERPRISE, SubscriptionStatus.CANCELED, "1996-12-05T10:00:00Z");
        change(c, Plan.PRO, SubscriptionStatus.ACTIVE, Plan.PRO, SubscriptionStatus.CANCELED, "1996-12-06T10:00:00Z");
        change(d, Plan.PRO, SubscriptionStatus.ACTIVE, Plan.PRO, SubscriptionStatus.CANCELED, "1996-12-07T10:00:00Z");
        QuarkusTransaction.requiringNew().run(() -> {
            var em = io.quarkus.arc.Arc.container().instance(jakarta.persistence.EntityManager.class).get();
            em.createNativeQuery("insert into referral_commission_month (month, earned_minor, clawed_back_minor, paid_minor) values "
                    + "(date '1996-09-01', 10000, 1000, 0), (date '1996-10-01', 5000, 0, 6000), (date '1996-12-01', 0, 0, 8000)")
                    .executeUpdate();
        });

        Browser operator = operatorBrowser();
        var page = Browser.html(operator.get("/operator/analytics?months=3&to=1996-11"));
        // Paying at the start: Sep 0, Oct 2 (a, b), Nov 4 (a, b, c, d). Lost: Oct none, Nov b.
        assertEquals(List.of(List.of("Sep 1996", "—"), List.of("Oct 1996", "0 %"), List.of("Nov 1996", "25 %")),
                chartTable(page, "churn-rate"), "churn rate = lost ÷ paying at the start");
        // MRR: Sep 99 + 29 = $128 over 2; Oct + 29 (c) + 200 (a to Enterprise) + 29 (d) = $386 over 4; Nov − 29 = $357 over 3.
        assertEquals(List.of(List.of("Sep 1996", "$64.00"), List.of("Oct 1996", "$96.50"), List.of("Nov 1996", "$119.00")),
                chartTable(page, "arpu"), "ARPU = MRR ÷ paying tenants");
        // LTV: no churn rate in Sep, only 0 % to Oct; Nov: $119 ÷ average(0, 0.25) = $119 ÷ 0.125.
        assertEquals(List.of(List.of("Sep 1996", "—"), List.of("Oct 1996", "—"), List.of("Nov 1996", "$952.00")),
                chartTable(page, "ltv"), "LTV = ARPU ÷ average churn rate so far");
        assertEquals(List.of(List.of("Sep 1996", "1", "1", "0"), List.of("Oct 1996", "3", "0", "1"),
                List.of("Nov 1996", "2", "0", "1")), chartTable(page, "paying-by-plan"));
        assertEquals(List.of("Period", "Pro", "Team", "Enterprise"),
                page.select("#paying-by-plan thead th").eachText());
        // Liability: Sep 100 − 10 = $90; Oct + 50 − 60 paid = $80; Nov unchanged.
        assertEquals(List.of(List.of("Sep 1996", "$90.00"), List.of("Oct 1996", "$80.00"), List.of("Nov 1996", "$80.00")),
                chartTable(page, "liability"));
        for (String id : List.of("mrr", "movements", "revenue", "churn-rate", "arpu", "ltv", "paying-by-plan", "liability")) {
            var figure = page.selectFirst("figure.chart#" + id);
            assertTrue(figure != null, "a chart " + id);
            var svg = figure.selectFirst("svg[role=img]");
            assertEquals(id + "-t " + id + "-d", svg.attr("aria-labelledby"));
            assertTrue(!figure.selectFirst("desc#" + id + "-d").text().isBlank(), "a text alternative for " + id);
            assertEquals(3, figure.select("details.chart-data table tbody tr").size(), "a table fallback for " + id);
        }
        assertEquals("$357.00", chartTable(page, "mrr").get(2).get(1));

        String csv = operator.request().accept("text/csv").get("/operator/analytics/export.csv?months=3&to=1996-11")
                .then().statusCode(200).extract().asString();
        assertTrue(csv.lines().anyMatch(l -> l.startsWith("1996-11,35700,") && l.endsWith(",95200")), csv);
        operator.get("/operator/analytics?to=1996-13").then().statusCode(400);
    }

    private static List<List<String>> chartTable(org.jsoup.nodes.Document page, String id) {
        return page.select("figure.chart#" + id + " details.chart-data tbody tr").stream()
                .map(row -> row.select("th, td").eachText()).toList();
    }

    @Test
    void analyticsAreForTheOperatorOnly() {
        Tenant tenant = TestTenants.create("an-owner");
        Accounts.signedInMember(tenant, Role.OWNER).get("/operator/analytics").then().statusCode(404);
    }

    @Test
    void viralMetricsAreForTheOperatorWithTheirDefinitionsAndChart() {
        Tenant tenant = TestTenants.create("a-viral-owner");
        Accounts.signedInMember(tenant, Role.OWNER).get("/operator/viral").then().statusCode(404);
        var page = Browser.html(operatorBrowser().get("/operator/viral"));
        assertTrue(page.text().contains("Viral coefficient K = shares per member × sign-ups per share."));
        assertEquals(List.of("Month", "Members at start", "Shares", "Shares per member", "Sign-ups through a link", "Sign-ups per share", "K"),
                page.select("section[aria-labelledby=table-title] thead th").eachText().subList(0, 7));
        assertEquals(2, page.select("figure.chart").size(), "K with its factors, and growth, over time");
        for (var figure : page.select("figure.chart")) {
            // Months without shares leave K undefined throughout: then that chart is one sentence.
            assertTrue(figure.selectFirst("svg[role=img]") != null || figure.hasClass("chart-empty"), figure.outerHtml());
        }
        assertEquals(12, page.select("section[aria-labelledby=table-title] tbody tr").size());
    }

    private Browser operatorBrowser() {
        return Accounts.signedInOperator();
    }
}
