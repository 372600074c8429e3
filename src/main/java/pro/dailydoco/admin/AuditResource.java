package pro.dailydoco.admin;

import java.util.List;

import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import pro.dailydoco.account.Permission;
import pro.dailydoco.account.web.Access;
import pro.dailydoco.audit.AuditEntries;
import pro.dailydoco.audit.AuditVerifier;
import pro.dailydoco.core.web.Paged;
import pro.dailydoco.core.web.Requests;
import pro.dailydoco.tenant.Tenant;
import pro.dailydoco.tenant.TenantContext;

/**
 * A workspace's audit log (OWNER, ADMIN): the tenant's hash chain, filterable by action and outcome, and a
 * "verify the chain" action. Verifying only reads, but it is a POST because it recomputes every hash.
 */
@Path("/t/{slug}/audit")
@Produces(MediaType.TEXT_HTML)
@Access.Requires(Permission.AUDIT_VIEW)
public class AuditResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance audit(Tenant tenant, String base, Paged<AuditEntries.Entry> page, AuditEntries.Filter filter,
                List<String> actions, AuditVerifier.Verification verification);

        static native TemplateInstance audit$entries(String base, Paged<AuditEntries.Entry> page,
                AuditEntries.Filter filter, List<String> actions);
    }

    private final AuditEntries entries;
    private final AuditVerifier verifier;
    private final TenantContext tenantContext;

    AuditResource(AuditEntries entries, AuditVerifier verifier, TenantContext tenantContext) {
        this.entries = entries;
        this.verifier = verifier;
        this.tenantContext = tenantContext;
    }

    /** The log; an htmx filter or page change gets the entries fragment only, a plain link the whole page. */
    @GET
    public TemplateInstance list(@RestPath String slug, @RestQuery String action, @RestQuery String outcome,
            @RestQuery Integer page, @Context HttpHeaders headers) {
        AuditEntries.Filter filter = new AuditEntries.Filter(action, outcome);
        if (Requests.isHtmx(headers)) {
            Tenant tenant = tenant();
            return Templates.audit$entries(base(tenant), entries.tenantPage(tenant.id, filter, page), filter,
                    entries.actions(tenant.id));
        }
        return render(filter, page, null);
    }

    @POST
    @Path("verify")
    public TemplateInstance verify(@RestPath String slug) {
        Tenant tenant = tenant();
        return render(AuditEntries.Filter.none(), 1, verifier.verifyTenant(tenant.id));
    }

    private TemplateInstance render(AuditEntries.Filter filter, Integer page, AuditVerifier.Verification verification) {
        Tenant tenant = tenant();
        return Templates.audit(tenant, base(tenant), entries.tenantPage(tenant.id, filter, page),
                filter, entries.actions(tenant.id), verification);
    }

    private static String base(Tenant tenant) {
        return "/t/" + tenant.slug + "/audit";
    }

    private Tenant tenant() {
        return tenantContext.tenant().orElseThrow();
    }
}
