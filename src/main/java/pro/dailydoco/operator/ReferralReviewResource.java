package pro.dailydoco.operator;

import java.util.List;
import java.util.UUID;

import org.jboss.resteasy.reactive.RestPath;

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
import pro.dailydoco.core.web.Flash;
import pro.dailydoco.core.web.Requests;
import pro.dailydoco.referral.ledger.ReferralReviews;

/** The operator's queue of flagged referrals, with approve and reject. */
@Path("/operator/referral-reviews")
@Produces(MediaType.TEXT_HTML)
@Access.Operator
public class ReferralReviewResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance reviews(List<ReferralReviews.FlaggedReferral> flagged);
    }

    private final ReferralReviews reviews;
    private final CurrentUser currentUser;
    private final Flash flash;

    ReferralReviewResource(ReferralReviews reviews, CurrentUser currentUser, Flash flash) {
        this.reviews = reviews;
        this.currentUser = currentUser;
        this.flash = flash;
    }

    @GET
    public TemplateInstance list() {
        return Templates.reviews(reviews.open());
    }

    @POST
    @Path("{userId}/approve")
    public Response approve(@RestPath UUID userId) {
        int released = reviews.approve(currentUser.id(), userId);
        flash.set("Referral approved: " + released + " held commission lines are pending again, with a fresh hold period.");
        return Requests.seeOther("/operator/referral-reviews");
    }

    @POST
    @Path("{userId}/reject")
    public Response reject(@RestPath UUID userId) {
        int rows = reviews.reject(currentUser.id(), userId);
        flash.set("Referral rejected: " + rows + " commission lines clawed back; its invoices earn nothing from now on.");
        return Requests.seeOther("/operator/referral-reviews");
    }
}
