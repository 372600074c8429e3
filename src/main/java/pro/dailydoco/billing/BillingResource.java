package pro.dailydoco.billing;

import java.net.URI;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

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
import pro.dailydoco.account.Role;
import pro.dailydoco.account.web.Access;
import pro.dailydoco.billing.events.Plan;
import pro.dailydoco.core.DomainException;
import pro.dailydoco.core.web.Flash;
import pro.dailydoco.core.web.Paged;
import pro.dailydoco.core.web.Requests;
import pro.dailydoco.tenant.Tenant;
import pro.dailydoco.tenant.TenantConfig;
import pro.dailydoco.tenant.TenantContext;

/**
 * The billing pages of a workspace (OWNER, ADMIN, BILLING): plan, usage and plans on offer; Checkout and the
 * Customer Portal; invoices. Stripe's pages come back to absolute URLs built from the configured base URL.
 */
@Path("/t/{slug}/billing")
@Produces(MediaType.TEXT_HTML)
@Access.Requires(Permission.BILLING_MANAGE)
public class BillingResource {

    static final int INVOICE_PAGE_SIZE = 20;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance billing(Tenant tenant, BillingOverview.View view, boolean checkoutDone,
                boolean choosesOverage);

        static native TemplateInstance invoices(Tenant tenant, Paged<Invoice> page);
    }

    private final BillingOverview overview;
    private final BillingService billing;
    private final CurrentUser currentUser;
    private final TenantContext tenantContext;
    private final String baseUrl;
    private final OverageBilling overage;
    private final Flash flash;

    BillingResource(BillingOverview overview, BillingService billing, CurrentUser currentUser,
            TenantContext tenantContext, TenantConfig tenantConfig, OverageBilling overage, Flash flash) {
        this.overage = overage;
        this.flash = flash;
        this.overview = overview;
        this.billing = billing;
        this.currentUser = currentUser;
        this.tenantContext = tenantContext;
        this.baseUrl = tenantConfig.absolute("");
    }

    @GET
    public TemplateInstance page(@RestPath String slug, @RestQuery String checkout) {
        Tenant tenant = tenant();
        return Templates.billing(tenant, overview.of(tenant.id), "done".equals(checkout), choosesOverage());
    }

    /** Upgrade: 303 to Stripe Checkout for the chosen plan. */
    @POST
    @Path("checkout")
    public Response checkout(@RestPath String slug, @RestForm String plan) {
        Tenant tenant = tenant();
        Plan chosen = Plan.parse(plan).filter(p -> p != Plan.FREE)
                .orElseThrow(() -> DomainException.badRequest("Choose Pro, Team or Enterprise."));
        String url = billing.startCheckout(tenant.id, currentUser.id(), chosen, pageUrl(tenant) + "?checkout=done",
                pageUrl(tenant));
        return Response.seeOther(URI.create(url)).build();
    }

    /** "Manage card, plan or cancel": 303 to the Stripe Customer Portal. */
    @POST
    @Path("portal")
    public Response portal(@RestPath String slug) {
        Tenant tenant = tenant();
        return Response.seeOther(URI.create(billing.openPortal(tenant.id, currentUser.id(), pageUrl(tenant)))).build();
    }

    /**
     * What happens when a monthly allowance is used up: {@code stop} or {@code overage} (billed through the
     * subscription's usage prices). Owners and admins only; a billing member sees the choice but can't change it
     * (docs/decisions/0200-usage-overage-choice.md). Answers with the page (htmx selects its usage section).
     */
    @POST
    @Path("overage")
    public Response overage(@RestPath String slug, @RestForm String choice) {
        Tenant tenant = tenant();
        if (!choosesOverage()) {
            throw DomainException.forbidden("Only the workspace's owners and admins choose what happens past the allowance.");
        }
        boolean billOverage = switch (choice == null ? "" : choice) {
            case "overage" -> true;
            case "stop" -> false;
            default -> throw DomainException.badRequest("Choose whether usage stops at the allowance or is billed past it.");
        };
        overage.choose(tenant.id, currentUser.id(), billOverage);
        flash.set(billOverage ? "API calls and video minutes past the allowance now go on and are billed as overage."
                : "API calls and video minutes now stop at the plan's allowance.");
        return Requests.seeOther("/t/" + tenant.slug + "/billing");
    }

    /** Owners and admins choose stop or overage; a billing member sees the choice, its controls disabled. */
    private boolean choosesOverage() {
        return currentUser.role().filter(r -> r == Role.OWNER || r == Role.ADMIN).isPresent();
    }

    @GET
    @Path("invoices")
    public TemplateInstance invoices(@RestPath String slug, @RestQuery Integer page) {
        return Templates.invoices(tenant(), overview.invoices(page, INVOICE_PAGE_SIZE));
    }

    private String pageUrl(Tenant tenant) {
        return baseUrl + "/t/" + tenant.slug + "/billing";
    }

    private Tenant tenant() {
        return tenantContext.tenant().orElseThrow();
    }
}
