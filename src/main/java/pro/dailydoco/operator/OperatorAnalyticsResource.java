package pro.dailydoco.operator;

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
import pro.dailydoco.account.web.Access;
import pro.dailydoco.analytics.OperatorMetrics;
import pro.dailydoco.core.DomainException;

/** Revenue analytics for the platform operator: KPIs, charts over time and a CSV export. */
@Path("/operator/analytics")
@Access.Operator
public class OperatorAnalyticsResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance analytics(OperatorMetrics.Overview overview, int months, String to,
                List<String> charts);
    }

    private final OperatorMetrics metrics;
    private final Clock clock;

    OperatorAnalyticsResource(OperatorMetrics metrics, Clock clock) {
        this.metrics = metrics;
        this.clock = clock;
    }

    /** The last {@code months} months up to {@code to} (yyyy-MM, default: this month), with a chart for each metric. */
    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page(@RestQuery Integer months, @RestQuery String to) {
        OperatorMetrics.Overview overview = overview(span(months), to);
        return Templates.analytics(overview, overview.months().size(), to == null || to.isBlank() ? null : to.strip(),
                OperatorCharts.all(overview));
    }

    @GET
    @Path("export.csv")
    @Produces("text/csv")
    public Response csv(@RestQuery Integer months, @RestQuery String to) {
        StringBuilder csv = new StringBuilder("month,mrr_cents,arr_cents,new_mrr_cents,expansion_mrr_cents,"
                + "contraction_mrr_cents,churned_mrr_cents,paying_tenants,churn_rate,arpu_cents,"
                + "subscription_revenue_cents,refunded_cents,commissions_paid_cents,commission_liability_cents,ltv_cents\n");
        for (OperatorMetrics.Month m : overview(span(months), to).months()) {
            csv.append(m.month()).append(',').append(m.mrrCents()).append(',').append(m.arrCents()).append(',')
                    .append(m.newMrrCents()).append(',').append(m.expansionMrrCents()).append(',')
                    .append(m.contractionMrrCents()).append(',').append(m.churnedMrrCents()).append(',')
                    .append(m.payingTenants()).append(',').append(m.churnRate() == null ? "" : m.churnRate().toPlainString())
                    .append(',').append(m.arpuCents() == null ? "" : m.arpuCents()).append(',')
                    .append(m.subscriptionRevenueCents()).append(',').append(m.refundedCents()).append(',')
                    .append(m.commissionsPaidCents()).append(',').append(m.commissionLiabilityCents()).append(',')
                    .append(m.ltvCents() == null ? "" : m.ltvCents()).append('\n');
        }
        return Response.ok(csv.toString())
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"dailydoco-revenue.csv\"").build();
    }

    private OperatorMetrics.Overview overview(int span, String to) {
        YearMonth last = to == null || to.isBlank() ? YearMonth.now(clock.withZone(ZoneOffset.UTC)) : month(to.strip());
        return metrics.overview(last.minusMonths(span - 1L), last);
    }

    private static YearMonth month(String text) {
        try {
            YearMonth month = YearMonth.parse(text);
            if (month.getYear() < 1900 || month.getYear() > 9999) {
                throw DomainException.badRequest("Choose a month between 1900-01 and 9999-12.");
            }
            return month;
        } catch (java.time.format.DateTimeParseException e) {
            throw DomainException.badRequest("Write the last month as yyyy-mm, e.g. 2026-11.");
        }
    }

    private static int span(Integer months) {
        int span = months == null ? 12 : months;
        if (span < 1 || span > 60) {
            throw DomainException.badRequest("Choose between 1 and 60 months.");
        }
        return span;
    }
}
