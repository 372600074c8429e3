package pro.dailydoco.admin;

import java.util.List;

import org.jboss.resteasy.reactive.RestPath;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import pro.dailydoco.account.Permission;
import pro.dailydoco.account.web.Access;
import pro.dailydoco.audit.AuditEntries;
import pro.dailydoco.billing.BillingOverview;
import pro.dailydoco.billing.Invoice;
import pro.dailydoco.core.web.Requests;
import pro.dailydoco.tenant.Tenant;
import pro.dailydoco.tenant.TenantContext;

/**
 * The tenant admin overview. It needs {@link Permission#AUDIT_VIEW}: the page shows audit entries, and the roles
 * holding that permission (OWNER, ADMIN) also hold billing and member rights, so every section on it is theirs to
 * see; MEMBERS_MANAGE alone would not imply the audit section. An htmx request names the section it refreshes by
 * its target id and gets that fragment only (same access rules); anything else gets the whole page.
 */
@Path("/t/{slug}/admin")
@Produces(MediaType.TEXT_HTML)
@Access.Requires(Permission.AUDIT_VIEW)
public class AdminResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance overview(Tenant tenant, BillingOverview.View billing, List<Invoice> invoices,
                AdminOverview.Members members, List<AuditEntries.Entry> audit);

        static native TemplateInstance overview$usage(Tenant tenant, BillingOverview.View billing);

        static native TemplateInstance overview$invoices(Tenant tenant, List<Invoice> invoices);

        static native TemplateInstance overview$members(Tenant tenant, AdminOverview.Members members);

        static native TemplateInstance overview$activity(Tenant tenant, List<AuditEntries.Entry> audit);
    }

    private final AdminOverview overview;
    private final TenantContext tenantContext;

    AdminResource(AdminOverview overview, TenantContext tenantContext) {
        this.overview = overview;
        this.tenantContext = tenantContext;
    }

    @GET
    @Transactional // one transaction (and one row-level security setting) for the sections' reads, not one each
    public TemplateInstance overview(@RestPath String slug, @Context HttpHeaders headers) {
        Tenant tenant = tenantContext.tenant().orElseThrow();
        String target = Requests.isHtmx(headers) ? headers.getHeaderString("HX-Target") : null;
        if (target != null) {
            switch (target) {
                case "admin-usage":
                    return Templates.overview$usage(tenant, overview.planAndUsage(tenant.id));
                case "admin-invoices":
                    return Templates.overview$invoices(tenant, overview.recentInvoices());
                case "admin-members":
                    return Templates.overview$members(tenant, overview.members(tenant.id));
                case "admin-activity":
                    return Templates.overview$activity(tenant, overview.recentActivity(tenant.id));
                default:
                    break;
            }
        }
        return Templates.overview(tenant, overview.planAndUsage(tenant.id), overview.recentInvoices(),
                overview.members(tenant.id), overview.recentActivity(tenant.id));
    }
}
