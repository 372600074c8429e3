package pro.dailydoco.operator;

import java.util.Map;

import org.jboss.resteasy.reactive.RestForm;
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
import pro.dailydoco.core.InvalidInput;
import pro.dailydoco.core.web.Flash;
import pro.dailydoco.core.web.FormState;
import pro.dailydoco.core.web.Paged;
import pro.dailydoco.core.web.Requests;
import pro.dailydoco.referral.payout.PayoutDestinations;

/**
 * The operator records the Stripe connected account an earner's payouts go to
 * (docs/decisions/0027-csv-first-payouts-and-stripe-connect.md).
 */
@Path("/operator/payout-destinations")
@Produces(MediaType.TEXT_HTML)
@Access.Operator
public class PayoutDestinationResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance destinations(FormState form, Paged<PayoutDestinations.Recorded> recorded);
    }

    private final PayoutDestinations destinations;
    private final CurrentUser currentUser;
    private final Flash flash;

    PayoutDestinationResource(PayoutDestinations destinations, CurrentUser currentUser, Flash flash) {
        this.destinations = destinations;
        this.currentUser = currentUser;
        this.flash = flash;
    }

    @GET
    public TemplateInstance show(@RestQuery Integer page) {
        return Templates.destinations(FormState.empty(), destinations.page(page));
    }

    @POST
    public Response record(@RestForm String email, @RestForm String accountId) {
        try {
            destinations.record(currentUser.id(), email, accountId);
        } catch (InvalidInput e) {
            FormState form = FormState.of(Map.of("email", email == null ? "" : email,
                    "accountId", accountId == null ? "" : accountId)).withErrors(e.fieldErrors());
            return Response.status(400).entity(Templates.destinations(form, destinations.page(1))).build();
        }
        flash.set("Connected account recorded: this person's next payouts go out as Stripe transfers, not in the CSV.");
        return Requests.seeOther("/operator/payout-destinations");
    }
}
