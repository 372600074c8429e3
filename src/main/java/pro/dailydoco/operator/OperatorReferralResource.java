package pro.dailydoco.operator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jboss.resteasy.reactive.RestForm;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import pro.dailydoco.account.CurrentUser;
import pro.dailydoco.account.User;
import pro.dailydoco.account.web.Access;
import pro.dailydoco.core.DomainException;
import pro.dailydoco.core.InvalidInput;
import pro.dailydoco.core.web.Flash;
import pro.dailydoco.core.web.FormState;
import pro.dailydoco.core.web.Requests;
import pro.dailydoco.referral.CommissionPlan;
import pro.dailydoco.referral.CommissionPlans;
import pro.dailydoco.referral.Level;
import pro.dailydoco.referral.attribution.SponsorCorrection;
import pro.dailydoco.tenant.ScopedWork;

/**
 * The operator's referral settings: publish a new commission plan version, and correct a user's sponsor. Both are
 * audited in the platform chain by the services that do them.
 */
@Path("/operator/referrals")
@Produces(MediaType.TEXT_HTML)
@Access.Operator
public class OperatorReferralResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance referrals(CommissionPlan plan, List<String> levels, FormState planForm,
                FormState sponsorForm);
    }

    private final CommissionPlans plans;
    private final SponsorCorrection sponsors;
    private final CurrentUser currentUser;
    private final ScopedWork scopedWork;
    private final Flash flash;

    OperatorReferralResource(CommissionPlans plans, SponsorCorrection sponsors, CurrentUser currentUser,
            ScopedWork scopedWork, Flash flash) {
        this.plans = plans;
        this.sponsors = sponsors;
        this.currentUser = currentUser;
        this.scopedWork = scopedWork;
        this.flash = flash;
    }

    @GET
    public TemplateInstance page() {
        CommissionPlan plan = plans.current();
        return render(plan, FormState.of(CommissionPlanForm.values(plan)), FormState.empty());
    }

    @POST
    @Path("plan")
    public Response publish(@RestForm String level1, @RestForm String level2, @RestForm String level3,
            @RestForm String level4, @RestForm String level5, @RestForm String level6, @RestForm String level7) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> given = java.util.Arrays.asList(level1, level2, level3, level4, level5, level6, level7);
        for (int level : Level.numbers()) {
            values.put(CommissionPlanForm.field(level), Optional.ofNullable(given.get(level - 1)).orElse(""));
        }
        try {
            CommissionPlan published = plans.publish(currentUser.id(), CommissionPlanForm.basisPoints(values));
            flash.set("Commission plan version " + published.version() + " published. It applies to invoices paid from now on.");
            return Requests.seeOther("/operator/referrals");
        } catch (InvalidInput e) {
            return invalid(render(plans.current(), FormState.of(values).withErrors(e.fieldErrors()), FormState.empty()));
        } catch (DomainException e) {
            return invalid(render(plans.current(),
                    FormState.of(values).withErrors(Map.of(CommissionPlanForm.TOTAL, e.detail())), FormState.empty()));
        }
    }

    @POST
    @Path("sponsor")
    public Response correctSponsor(@RestForm String user, @RestForm String sponsor) {
        Map<String, String> values = Map.of("user", user == null ? "" : user, "sponsor", sponsor == null ? "" : sponsor);
        Map<String, String> errors = new LinkedHashMap<>();
        Optional<UUID> userId = resolve(values.get("user"));
        Optional<UUID> sponsorId = resolve(values.get("sponsor"));
        if (userId.isEmpty()) {
            errors.put("user", "No user with that id or email.");
        }
        if (sponsorId.isEmpty()) {
            errors.put("sponsor", "No user with that id or email.");
        }
        if (errors.isEmpty()) {
            try {
                sponsors.correctSponsor(currentUser.id(), userId.get(), sponsorId.get());
                flash.set("Sponsor corrected. Invoices paid from now on follow the new tree; earlier commissions stay.");
                return Requests.seeOther("/operator/referrals");
            } catch (DomainException e) {
                errors.put("sponsor", e.detail());
            }
        }
        CommissionPlan plan = plans.current();
        return invalid(render(plan, FormState.of(CommissionPlanForm.values(plan)), FormState.of(values).withErrors(errors)));
    }

    /** A user by id or by (normalised) email; app_user is a platform table. */
    private Optional<UUID> resolve(String idOrEmail) {
        String value = idOrEmail.trim();
        if (value.isEmpty()) {
            return Optional.empty();
        }
        return scopedWork.call(null, null, () -> {
            try {
                UUID id = UUID.fromString(value);
                return Optional.ofNullable(User.<User> findById(id)).map(u -> u.id);
            } catch (IllegalArgumentException notAnId) {
                return User.findByEmail(value.toLowerCase()).map(u -> u.id);
            }
        });
    }

    private TemplateInstance render(CommissionPlan plan, FormState planForm, FormState sponsorForm) {
        List<String> levels = Level.numbers().stream().map(CommissionPlanForm::field).toList();
        return Templates.referrals(plan, levels, planForm, sponsorForm);
    }

    private static Response invalid(TemplateInstance page) {
        return Response.status(400).entity(page).build();
    }
}
