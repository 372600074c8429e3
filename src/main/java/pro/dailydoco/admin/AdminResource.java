package pro.dailydoco.admin;

import org.jboss.resteasy.reactive.RestPath;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import pro.dailydoco.account.Access;
import pro.dailydoco.account.Permission;
import pro.dailydoco.tenant.Tenant;
import pro.dailydoco.tenant.TenantContext;

/**
 * The tenant admin overview. It needs {@link Permission#AUDIT_VIEW}: the page shows audit entries, and the roles
 * holding that permission (OWNER, ADMIN) also hold billing and member rights, so every section on it is theirs to
 * see; MEMBERS_MANAGE alone would not imply the audit section.
 */
@Path("/t/{slug}/admin")
@Produces(MediaType.TEXT_HTML)
@Access.Requires(Permission.AUDIT_VIEW)
public class AdminResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance overview(Tenant tenant, AdminOverview.View view);
    }

    private final AdminOverview overview;
    private final TenantContext tenantContext;

    AdminResource(AdminOverview overview, TenantContext tenantContext) {
        this.overview = overview;
        this.tenantContext = tenantContext;
    }

    @GET
    public TemplateInstance overview(@RestPath String slug) {
        Tenant tenant = tenantContext.tenant().orElseThrow();
        return Templates.overview(tenant, overview.of(tenant.id));
    }
}
