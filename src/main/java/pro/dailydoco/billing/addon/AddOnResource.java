package pro.dailydoco.billing.addon;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

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
import pro.dailydoco.billing.StripeGateway;
import pro.dailydoco.billing.events.AddOn;
import pro.dailydoco.core.DomainException;
import pro.dailydoco.core.web.Flash;
import pro.dailydoco.tenant.Tenant;
import pro.dailydoco.tenant.TenantConfig;
import pro.dailydoco.tenant.TenantContext;

/** A workspace's add-ons (OWNER, ADMIN, BILLING): what it holds and what it can buy. */
@Path("/t/{slug}/billing/add-ons")
@Produces(MediaType.TEXT_HTML)
@Access.Requires(Permission.BILLING_MANAGE)
public class AddOnResource {

    /** One add-on of the catalogue as the page shows it. */
    public record Offer(AddOn addOn, long held, boolean onSale) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance addOns(Tenant tenant, List<Offer> offers, boolean stripeConfigured,
                boolean checkoutDone, long maxSeats);
    }

    private final AddOnService addOns;
    private final StripeGateway gateway;
    private final CurrentUser currentUser;
    private final TenantContext tenantContext;
    private final Flash flash;
    private final String baseUrl;

    AddOnResource(AddOnService addOns, StripeGateway gateway, CurrentUser currentUser, TenantContext tenantContext,
            Flash flash, TenantConfig tenantConfig) {
        this.addOns = addOns;
        this.gateway = gateway;
        this.currentUser = currentUser;
        this.tenantContext = tenantContext;
        this.flash = flash;
        this.baseUrl = tenantConfig.absolute("");
    }

    @GET
    public TemplateInstance page(@RestPath String slug, @org.jboss.resteasy.reactive.RestQuery String checkout) {
        Map<AddOn, Long> held = addOns.held();
        List<Offer> offers = Arrays.stream(AddOn.values())
                .map(a -> new Offer(a, held.getOrDefault(a, 0L), addOns.onSale(a))).toList();
        return Templates.addOns(tenant(), offers, gateway.isConfigured(), "done".equals(checkout), AddOnService.MAX_SEATS);
    }

    /** Buys an add-on: 303 to Stripe Checkout, or back here when Stripe bills the subscription's card. */
    @POST
    @Path("{key}")
    public Response buy(@RestPath String slug, @RestPath String key, @RestForm String quantity) {
        Tenant tenant = tenant();
        AddOn addOn = AddOn.byKey(key).orElseThrow(() -> DomainException.notFound("There is no such add-on."));
        long seats = parseQuantity(addOn, quantity);
        String page = baseUrl + "/t/" + tenant.slug + "/billing/add-ons";
        AddOnService.Purchase purchase = addOns.buy(tenant.id, currentUser.id(), addOn, seats, page + "?checkout=done",
                page);
        if (purchase.checkoutUrl().isPresent()) {
            return Response.seeOther(URI.create(purchase.checkoutUrl().get())).build();
        }
        flash.set(addOn.displayName() + " was added to your subscription and billed to its card. It applies as soon as"
                + " Stripe confirms, usually within a minute.");
        return Response.seeOther(URI.create("/t/" + tenant.slug + "/billing/add-ons")).build();
    }

    private static long parseQuantity(AddOn addOn, String quantity) {
        if (!addOn.perSeat()) {
            return 1;
        }
        try {
            return Long.parseLong(quantity == null ? "" : quantity.strip());
        } catch (NumberFormatException e) {
            throw DomainException.badRequest("Write the number of seats as a whole number, e.g. 5.");
        }
    }

    private Tenant tenant() {
        return tenantContext.tenant().orElseThrow();
    }
}
