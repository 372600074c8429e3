package pro.dailydoco.operator;

import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import pro.dailydoco.account.CurrentUser;
import pro.dailydoco.account.web.Access;
import pro.dailydoco.analytics.StreamRevenue;
import pro.dailydoco.billing.addon.AddOnService;
import pro.dailydoco.billing.events.RevenueStream;
import pro.dailydoco.core.DomainException;
import pro.dailydoco.core.web.Chart;
import pro.dailydoco.core.web.Flash;
import pro.dailydoco.core.web.Formats;
import pro.dailydoco.core.web.Requests;
import pro.dailydoco.core.web.SvgChart;
import pro.dailydoco.referral.CommissionStreams;
import pro.dailydoco.tenant.ScopedWork;
import pro.dailydoco.tenant.Tenant;

/**
 * Revenue by stream (plans, usage, each add-on) per month, the setting of which streams referral commissions apply
 * to, and the add-ons the operator bills on invoice terms (docs/decisions/0205-revenue-by-stream.md,
 * docs/decisions/0206-commission-streams.md).
 */
@Path("/operator/analytics/streams")
@Access.Operator
public class OperatorRevenueStreamsResource {

    /** One stream as the page lists it: its name, label, whether commissions apply, and its cents per month. */
    public record StreamRow(String name, String label, boolean commissionable, List<Long> cents, long total) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance streams(List<String> months, List<StreamRow> rows, List<Long> monthTotals,
                long total, String chart, int span, int settingVersion);
    }

    private final StreamRevenue revenue;
    private final CommissionStreams commissionStreams;
    private final AddOnService addOns;
    private final ScopedWork scopedWork;
    private final CurrentUser currentUser;
    private final Flash flash;
    private final Clock clock;

    OperatorRevenueStreamsResource(StreamRevenue revenue, CommissionStreams commissionStreams, AddOnService addOns,
            ScopedWork scopedWork, CurrentUser currentUser, Flash flash, Clock clock) {
        this.revenue = revenue;
        this.commissionStreams = commissionStreams;
        this.addOns = addOns;
        this.scopedWork = scopedWork;
        this.currentUser = currentUser;
        this.flash = flash;
        this.clock = clock;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page(@RestQuery Integer months) {
        int span = months == null ? 12 : months;
        if (span < 1 || span > 60) {
            throw DomainException.badRequest("Choose between 1 and 60 months.");
        }
        YearMonth last = YearMonth.now(clock.withZone(ZoneOffset.UTC));
        List<StreamRevenue.Month> data = revenue.months(last.minusMonths(span - 1L), last);
        CommissionStreams.Setting setting = commissionStreams.current();
        List<String> labels = data.stream().map(m -> Formats.monthLabel(m.month())).toList();
        List<StreamRow> rows = new ArrayList<>();
        List<Chart.Series> series = new ArrayList<>();
        for (RevenueStream stream : RevenueStream.values()) {
            List<Long> cents = data.stream().map(m -> m.of(stream)).toList();
            rows.add(new StreamRow(stream.name(), stream.label(), setting.includes(stream), cents,
                    cents.stream().mapToLong(Long::longValue).sum()));
            series.add(new Chart.Series(stream.label(), cents));
        }
        List<Long> monthTotals = data.stream().map(StreamRevenue.Month::total).toList();
        long total = monthTotals.stream().mapToLong(Long::longValue).sum();
        String chart = SvgChart.stackedBars(new Chart("streams", "Revenue by stream per month",
                "Paid invoices net of tax, split by what each line was for, over the last " + span + " months: "
                        + Formats.cents(total) + " in all.",
                labels, series, Formats::cents));
        return Templates.streams(labels, rows, monthTotals, total, chart, span, setting.version());
    }

    /** Which streams commissions apply to, from now on; audited. */
    @POST
    @Path("commission-streams")
    public Response commissionStreams(@RestForm List<String> stream) {
        Set<RevenueStream> chosen = EnumSet.noneOf(RevenueStream.class);
        for (String name : stream == null ? List.<String> of() : stream) {
            try {
                chosen.add(RevenueStream.valueOf(name));
            } catch (IllegalArgumentException e) {
                throw DomainException.badRequest("There is no revenue stream called \"" + name + "\".");
            }
        }
        CommissionStreams.Setting setting = commissionStreams.change(currentUser.id(), chosen);
        flash.set(chosen.isEmpty() ? "Commissions apply to no stream from now on (setting version " + setting.version() + ")."
                : "Commissions apply to the chosen streams from now on (setting version " + setting.version() + ").");
        return Requests.seeOther("/operator/analytics/streams");
    }

    /** Starts a workspace's annual Enterprise licence: a yearly subscription on net-30 invoice terms. */
    @POST
    @Path("enterprise-licence")
    public Response enterpriseLicence(@RestForm String workspace) {
        Tenant tenant = workspace(workspace);
        String subscription = scopedWork.inScope(tenant.id, null,
                () -> addOns.startEnterpriseLicence(tenant.id, currentUser.id()));
        flash.set("Annual Enterprise licence started for " + tenant.displayName + " (Stripe subscription " + subscription
                + "): Stripe sends the invoice, due in 30 days. The plan applies once Stripe confirms.");
        return Requests.seeOther("/operator/analytics/streams");
    }

    /** Bills custom integration work to a workspace on net-30 invoice terms. */
    @POST
    @Path("custom-integration")
    public Response customIntegration(@RestForm String workspace, @RestForm String units, @RestForm String reference) {
        Tenant tenant = workspace(workspace);
        long count;
        try {
            count = Long.parseLong(units == null ? "" : units.strip());
        } catch (NumberFormatException e) {
            throw DomainException.badRequest("Write the units of work as a whole number, e.g. 4.");
        }
        String invoice = scopedWork.inScope(tenant.id, null,
                () -> addOns.invoiceCustomIntegration(tenant.id, currentUser.id(), count, reference));
        flash.set("Invoice " + invoice + " sent to " + tenant.displayName + ", due in 30 days.");
        return Requests.seeOther("/operator/analytics/streams");
    }

    private static Tenant workspace(String slug) {
        String wanted = slug == null ? "" : slug.strip();
        return QuarkusTransaction.requiringNew().call(() -> Tenant.findBySlug(wanted))
                .orElseThrow(() -> DomainException.badRequest("No workspace has the address \"" + wanted + "\"."));
    }
}
