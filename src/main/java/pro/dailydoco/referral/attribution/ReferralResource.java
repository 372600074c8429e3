package pro.dailydoco.referral.attribution;

import java.util.Map;

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
import pro.dailydoco.account.web.Access;
import pro.dailydoco.core.InvalidInput;
import pro.dailydoco.core.web.Flash;
import pro.dailydoco.core.web.FormState;
import pro.dailydoco.referral.ReferralConfig;
import pro.dailydoco.tenant.TenantConfig;

/** The signed-in user's referral link, and the one-time choice of a personal code. */
@Path("/account/referral")
@Produces(MediaType.TEXT_HTML)
@Access.SignedIn
public class ReferralResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance referral(String baseUrl, long windowDays, ReferralCodes.Codes codes, FormState form);
    }

    private final ReferralCodes codes;
    private final CurrentUser currentUser;
    private final Flash flash;
    private final String baseUrl;
    private final long windowDays;

    ReferralResource(ReferralCodes codes, CurrentUser currentUser, Flash flash, TenantConfig tenantConfig,
            ReferralConfig config) {
        this.codes = codes;
        this.currentUser = currentUser;
        this.flash = flash;
        this.baseUrl = tenantConfig.baseUrl();
        this.windowDays = config.attribution().window().toDays();
    }

    @GET
    public TemplateInstance show() {
        return Templates.referral(baseUrl, windowDays, codes.codesOf(currentUser.id()), FormState.of(Map.of()));
    }

    @POST
    @Path("vanity")
    public Response chooseVanity(@RestForm String code) {
        try {
            codes.chooseVanity(currentUser.id(), code);
        } catch (InvalidInput e) {
            FormState form = FormState.of(Map.of("code", code == null ? "" : code)).withErrors(e.fieldErrors());
            return Response.status(400).entity(Templates.referral(baseUrl, windowDays, codes.codesOf(currentUser.id()), form)).build();
        }
        flash.set("Your personal referral link is ready.");
        return Response.seeOther(java.net.URI.create("/account/referral")).build();
    }
}
