package pro.dailydoco.referral;

import org.jboss.resteasy.reactive.RestForm;
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
import pro.dailydoco.account.Permission;
import pro.dailydoco.account.web.Access;
import pro.dailydoco.core.web.Flash;
import pro.dailydoco.core.web.Requests;
import pro.dailydoco.tenant.Tenant;
import pro.dailydoco.tenant.TenantContext;

/** The workspace setting that switches the referral program off for the people whose home it is. */
@Path("/t/{slug}/settings/referrals")
@Produces(MediaType.TEXT_HTML)
public class ReferralSettingsResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance settings(Tenant tenant, boolean disabled);
    }

    private final ReferralProgramSettings settings;
    private final CurrentUser currentUser;
    private final TenantContext tenantContext;
    private final Flash flash;

    ReferralSettingsResource(ReferralProgramSettings settings, CurrentUser currentUser, TenantContext tenantContext,
            Flash flash) {
        this.settings = settings;
        this.currentUser = currentUser;
        this.tenantContext = tenantContext;
        this.flash = flash;
    }

    @GET
    @Access.Requires(Permission.MEMBERS_MANAGE)
    public TemplateInstance show(@RestPath String slug) {
        Tenant tenant = tenantContext.tenant().orElseThrow();
        return Templates.settings(tenant, settings.isDisabled(tenant.id));
    }

    @POST
    @Access.Requires(Permission.MEMBERS_MANAGE)
    public Response save(@RestPath String slug, @RestForm String disabled) {
        Tenant tenant = tenantContext.tenant().orElseThrow();
        boolean off = "true".equals(disabled);
        settings.setDisabled(currentUser.id(), tenant.id, off);
        flash.set(off ? "Referral program switched off: people whose home is this workspace earn no new commissions."
                : "Referral program switched on.");
        return Requests.seeOther("/t/" + tenant.slug + "/settings/referrals");
    }
}
