package pro.dailydoco.scim;

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
import pro.dailydoco.billing.Entitlements;
import pro.dailydoco.core.DomainException;
import pro.dailydoco.core.web.Flash;
import pro.dailydoco.core.web.Requests;
import pro.dailydoco.tenant.Tenant;
import pro.dailydoco.tenant.TenantConfig;
import pro.dailydoco.tenant.TenantContext;

/**
 * The workspace's SCIM page (linked from the single sign-on page; same plan and permission): the base URL to give the
 * directory, and the bearer token, created or rotated here and shown once.
 */
@Path("/t/{slug}/settings/scim")
@Produces(MediaType.TEXT_HTML)
@Access.Requires(Permission.SSO_MANAGE)
public class ScimSettingsResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance page(Tenant tenant, String baseUrl, ScimOverview.Overview overview, String newToken);
    }

    private final ScimTokens tokens;
    private final ScimOverview overview;
    private final Entitlements entitlements;
    private final TenantContext tenantContext;
    private final TenantConfig tenantConfig;
    private final CurrentUser currentUser;
    private final Flash flash;

    ScimSettingsResource(ScimTokens tokens, ScimOverview overview, Entitlements entitlements, TenantContext tenantContext,
            TenantConfig tenantConfig, CurrentUser currentUser, Flash flash) {
        this.tokens = tokens;
        this.overview = overview;
        this.entitlements = entitlements;
        this.tenantContext = tenantContext;
        this.tenantConfig = tenantConfig;
        this.currentUser = currentUser;
        this.flash = flash;
    }

    @GET
    public TemplateInstance page(@RestPath String slug) {
        return render(null);
    }

    /**
     * Creates a token, revoking the one in use (rotation). The page that answers shows the new token once; it is not
     * carried in a redirect or a cookie, and the page is private (no-store).
     */
    @POST
    @Path("token")
    public TemplateInstance rotate(@RestPath String slug) {
        Tenant tenant = tenant();
        return render(tokens.rotate(tenant.id, currentUser.id()).token());
    }

    @POST
    @Path("token/revoke")
    public Response revoke(@RestPath String slug) {
        Tenant tenant = tenant();
        flash.set(tokens.revoke(tenant.id, currentUser.id())
                ? "The SCIM token was revoked. Your directory can't provision until you create a new one."
                : "There was no SCIM token to revoke.");
        return Requests.seeOther("/t/" + tenant.slug + "/settings/scim");
    }

    private Tenant tenant() {
        Tenant tenant = tenantContext.tenant().orElseThrow(() -> DomainException.notFound("There is no such workspace."));
        entitlements.requireSso(tenant.id);
        return tenant;
    }

    private TemplateInstance render(String newToken) {
        Tenant tenant = tenant();
        return Templates.page(tenant, tenantConfig.absolute("/scim/v2/" + tenant.slug), overview.of(tenant.id), newToken);
    }
}
