package pro.dailydoco.operator;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

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
import pro.dailydoco.core.DomainException;
import pro.dailydoco.core.InvalidInput;
import pro.dailydoco.core.Money;
import pro.dailydoco.core.web.Flash;
import pro.dailydoco.core.web.FormState;
import pro.dailydoco.core.web.Requests;
import pro.dailydoco.referral.payout.Payout;
import pro.dailydoco.referral.payout.PayoutBatchReports;

/** Payout batches for the operator: run one (after a confirmation), list batches and payouts, download the CSV. */
@Path("/operator/payouts")
@Produces(MediaType.TEXT_HTML)
@Access.Operator
public class OperatorPayoutsResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance payouts(List<PayoutBatchReports.Batch> batches, String selected, List<Payout> payouts,
                FormState form);
    }

    private final PayoutBatchReports payouts;
    private final Flash flash;
    private final Clock clock;
    private final CurrentUser currentUser;

    OperatorPayoutsResource(PayoutBatchReports payouts, Flash flash, Clock clock, CurrentUser currentUser) {
        this.payouts = payouts;
        this.currentUser = currentUser;
        this.flash = flash;
        this.clock = clock;
    }

    @GET
    public TemplateInstance page(@RestQuery String batch) {
        String suggested = "payout-" + YearMonth.now(clock.withZone(ZoneOffset.UTC));
        return render(batch, FormState.of(Map.of("batchId", suggested)));
    }

    @POST
    @Path("run")
    public Response run(@RestForm String batchId) {
        try {
            List<Payout> paid = payouts.run(currentUser.id(), batchId);
            String id = PayoutBatchReports.validBatchId(batchId);
            Money total = paid.stream().map(Payout::amount).reduce(Money::plus).orElse(Money.usd(0));
            flash.set("Batch " + id + ": " + paid.size() + (paid.size() == 1 ? " payout" : " payouts") + " totalling "
                    + pro.dailydoco.core.web.Formats.formatted(total) + ". Download the CSV to pay them.");
            return Requests.seeOther("/operator/payouts?batch=" + URLEncoder.encode(id, StandardCharsets.UTF_8));
        } catch (InvalidInput e) {
            return Response.status(400).entity(render(null, FormState.of(Map.of("batchId", batchId == null ? "" : batchId))
                    .withErrors(e.fieldErrors()))).build();
        }
    }

    @GET
    @Path("{batchId}/payouts.csv")
    @Produces("text/csv")
    public Response csv(@RestPath String batchId) {
        String id = knownBatch(batchId);
        return Response.ok(payouts.csv(payouts.payouts(id)))
                .header("Content-Disposition", "attachment; filename=\"" + id + ".csv\"").build();
    }

    private TemplateInstance render(String batch, FormState form) {
        List<Payout> rows = batch == null || batch.isBlank() ? List.of() : payouts.payouts(knownBatch(batch));
        return Templates.payouts(payouts.batches(), batch, rows, form);
    }

    /** The id of a batch that ran; anything else is a 404 (an empty list would read as "paid nobody"). */
    private String knownBatch(String batchId) {
        String id = PayoutBatchReports.validBatchId(batchId);
        return payouts.batch(id).map(PayoutBatchReports.Batch::batchId)
                .orElseThrow(() -> DomainException.notFound("There is no payout batch " + id + "."));
    }
}
