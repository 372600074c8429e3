package pro.dailydoco.home;

import org.jboss.resteasy.reactive.RestPath;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import pro.dailydoco.account.CurrentUser;
import pro.dailydoco.core.web.Requests;
import pro.dailydoco.tenant.Tenant;
import pro.dailydoco.tenant.TenantContext;
import pro.dailydoco.tenant.WorkspaceNotFound;

/** The workspace home, {@code /t/{slug}/}, for its members (workspace pages are members-only by default). */
@Path("/t/{slug}")
public class TenantHomeResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance home(Tenant tenant, WorkspaceHome.View view);

        static native TemplateInstance home$checklist(Tenant tenant, WorkspaceHome.View view);
    }

    private final TenantContext tenantContext;
    private final CurrentUser currentUser;
    private final WorkspaceHome home;

    TenantHomeResource(TenantContext tenantContext, CurrentUser currentUser, WorkspaceHome home) {
        this.tenantContext = tenantContext;
        this.currentUser = currentUser;
        this.home = home;
    }

    @GET
    // Not read-only: the first visit creates the person's referral code for the link this page shows.
    @Path("/")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance home(@RestPath String slug) {
        Tenant tenant = tenant();
        return Templates.home(tenant, home.of(tenant, currentUser.id()));
    }

    /** "Hide these steps": stored per person; htmx swaps the checklist out, a plain form comes back to the home. */
    @POST
    @Path("home/checklist/dismiss")
    @Produces(MediaType.TEXT_HTML)
    public Response dismissChecklist(@RestPath String slug, @Context HttpHeaders headers) {
        Tenant tenant = tenant();
        home.dismissChecklist(tenant.id, currentUser.id());
        if (Requests.isHtmx(headers)) {
            return Response.ok("").build();
        }
        return Requests.seeOther("/t/" + tenant.slug + "/");
    }

    private Tenant tenant() {
        // The request's look-up (WhoIsAskingFilter) already answered 404/403 for unknown or suspended slugs.
        return tenantContext.tenant().orElseThrow(WorkspaceNotFound::new);
    }
}
