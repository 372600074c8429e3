package pro.dailydoco.operator;

import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import pro.dailydoco.account.web.Access;
import pro.dailydoco.core.InvalidInput;
import pro.dailydoco.referral.ledger.PeriodReconciliation;

/** The operator's commission reconciliation for a month (UTC), on the page and as CSV. */
@Path("/operator/reconciliation")
@Produces(MediaType.TEXT_HTML)
@Access.Operator
public class OperatorReconciliationResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance reconciliation(PeriodReconciliation.Report report);
    }

    private final PeriodReconciliation reconciliation;
    private final Clock clock;

    OperatorReconciliationResource(PeriodReconciliation reconciliation, Clock clock) {
        this.reconciliation = reconciliation;
        this.clock = clock;
    }

    @GET
    public TemplateInstance page(@RestQuery String month) {
        return Templates.reconciliation(reconciliation.of(month(month)));
    }

    @GET
    @Path("export.csv")
    @Produces("text/csv")
    public Response csv(@RestQuery String month) {
        PeriodReconciliation.Report report = reconciliation.of(month(month));
        StringBuilder csv = new StringBuilder(
                "invoice_id,currency,net,rate_times_net,potential,earned,forfeited,rounding_remainder,clawed_back,standing,flag,balanced\n");
        for (PeriodReconciliation.Line l : report.lines()) {
            csv.append(String.join(",", l.invoiceId(), l.currency(), cents(l.net()), l.exactShare(), cents(l.potential()),
                    cents(l.earned()), cents(l.forfeited()), cents(l.roundingRemainder()), cents(l.clawedBack()),
                    cents(l.standing()), l.flag() == null ? "" : l.flag(), String.valueOf(l.balanced()))).append('\n');
        }
        csv.append(String.join(",", "TOTAL", "USD", cents(report.net()), "", cents(report.potential()), cents(report.earned()),
                cents(report.forfeited()), cents(report.roundingRemainder()), cents(report.clawedBack()),
                cents(report.standing()), "", String.valueOf(report.balanced()))).append('\n');
        // The lines that break the rule, as a second table after a blank line: the first table keeps its columns.
        csv.append('\n').append("invoice_id,level,earner_user_id,expected,actual\n");
        for (PeriodReconciliation.Break b : report.breaks()) {
            csv.append(String.join(",", b.invoiceId(), String.valueOf(b.level()), b.earner().toString(),
                    cents(b.expected()), cents(b.actual()))).append('\n');
        }
        return Response.ok(csv.toString())
                .header("Content-Disposition", "attachment; filename=\"reconciliation-" + report.month() + ".csv\"").build();
    }

    /** Cents in the CSV stay cents: no rounding, no currency symbols for a spreadsheet to misread. */
    private static String cents(long value) {
        return Long.toString(value);
    }

    private YearMonth month(String month) {
        if (month == null || month.isBlank()) {
            return YearMonth.now(clock.withZone(ZoneOffset.UTC));
        }
        try {
            return YearMonth.parse(month.trim());
        } catch (DateTimeParseException e) {
            throw InvalidInput.of("month", "Choose a month as YYYY-MM.");
        }
    }
}
