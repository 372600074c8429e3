package pro.dailydoco.analytics;

import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;

import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import pro.dailydoco.account.Access;
import pro.dailydoco.billing.Money;
import pro.dailydoco.core.DomainException;

/** Revenue analytics for the platform operator: KPIs, charts over time and a CSV export. */
@Path("/operator/analytics")
@Access.Operator
public class OperatorAnalyticsResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance analytics(OperatorMetrics.Overview overview, int months, String mrrChart,
                String movementChart, String revenueChart);
    }

    private final OperatorMetrics metrics;
    private final Clock clock;

    OperatorAnalyticsResource(OperatorMetrics metrics, Clock clock) {
        this.metrics = metrics;
        this.clock = clock;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page(@RestQuery Integer months) {
        int span = span(months);
        OperatorMetrics.Overview overview = overview(span);
        List<String> labels = overview.months().stream().map(m -> m.month().toString()).toList();
        Chart mrr = new Chart("mrr", "MRR at month end", "Monthly recurring revenue over the last " + span
                + " months, ending at " + money(overview.latest().mrrCents()) + ".", labels,
                List.of(new Chart.Series("MRR", overview.months().stream().map(OperatorMetrics.Month::mrrCents).toList())),
                OperatorAnalyticsResource::money);
        Chart movements = new Chart("movements", "MRR movements per month",
                "New, expansion, contraction and churned MRR per month.", labels,
                List.of(series("New", overview, OperatorMetrics.Month::newMrrCents),
                        series("Expansion", overview, OperatorMetrics.Month::expansionMrrCents),
                        series("Contraction", overview, OperatorMetrics.Month::contractionMrrCents),
                        series("Churned", overview, OperatorMetrics.Month::churnedMrrCents)),
                OperatorAnalyticsResource::money);
        Chart revenue = new Chart("revenue", "Revenue by stream per month",
                "Subscription revenue net of refunds, usage revenue (none yet) and commissions paid out (a cost).", labels,
                List.of(series("Subscriptions (net of refunds)", overview, OperatorMetrics.Month::netRevenueCents),
                        series("Usage", overview, m -> 0L),
                        series("Commissions paid out", overview, OperatorMetrics.Month::commissionsPaidCents)),
                OperatorAnalyticsResource::money);
        return Templates.analytics(overview, span, SvgChart.lines(mrr), SvgChart.stackedBars(movements),
                SvgChart.stackedBars(revenue));
    }

    @GET
    @Path("export.csv")
    @Produces("text/csv")
    public Response csv(@RestQuery Integer months) {
        StringBuilder csv = new StringBuilder("month,mrr_cents,arr_cents,new_mrr_cents,expansion_mrr_cents,"
                + "contraction_mrr_cents,churned_mrr_cents,paying_tenants,churn_rate,arpu_cents,"
                + "subscription_revenue_cents,refunded_cents,commissions_paid_cents,commission_liability_cents\n");
        for (OperatorMetrics.Month m : overview(span(months)).months()) {
            csv.append(m.month()).append(',').append(m.mrrCents()).append(',').append(m.arrCents()).append(',')
                    .append(m.newMrrCents()).append(',').append(m.expansionMrrCents()).append(',')
                    .append(m.contractionMrrCents()).append(',').append(m.churnedMrrCents()).append(',')
                    .append(m.payingTenants()).append(',').append(m.churnRate() == null ? "" : m.churnRate().toPlainString())
                    .append(',').append(m.arpuCents() == null ? "" : m.arpuCents()).append(',')
                    .append(m.subscriptionRevenueCents()).append(',').append(m.refundedCents()).append(',')
                    .append(m.commissionsPaidCents()).append(',').append(m.commissionLiabilityCents()).append('\n');
        }
        return Response.ok(csv.toString())
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"dailydoco-revenue.csv\"").build();
    }

    private OperatorMetrics.Overview overview(int span) {
        YearMonth to = YearMonth.now(clock.withZone(ZoneOffset.UTC));
        return metrics.overview(to.minusMonths(span - 1L), to);
    }

    private static int span(Integer months) {
        int span = months == null ? 12 : months;
        if (span < 1 || span > 60) {
            throw DomainException.badRequest("Choose between 1 and 60 months.");
        }
        return span;
    }

    private static Chart.Series series(String name, OperatorMetrics.Overview overview,
            java.util.function.ToLongFunction<OperatorMetrics.Month> value) {
        return new Chart.Series(name, overview.months().stream().map(m -> value.applyAsLong(m)).toList());
    }

    static String money(long cents) {
        return pro.dailydoco.web.Formats.formatted(Money.usd(cents));
    }
}
