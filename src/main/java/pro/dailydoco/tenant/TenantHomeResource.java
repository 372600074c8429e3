package pro.dailydoco.tenant;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import pro.dailydoco.core.web.ReadOnlyPage;

/** The tenant's home page, {@code /t/{slug}/}, in the tenant's branding. */
@Path("/t/{slug}")
public class TenantHomeResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance home(Tenant tenant);
    }

    private final TenantContext tenantContext;

    TenantHomeResource(TenantContext tenantContext) {
        this.tenantContext = tenantContext;
    }

    @GET
    @ReadOnlyPage
    @Path("/")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance home() {
        // The who-is-asking look-up already answered 404/403 for unknown or suspended slugs.
        Tenant tenant = tenantContext.tenant().orElseThrow(WorkspaceNotFound::new);
        return Templates.home(tenant);
    }
}
