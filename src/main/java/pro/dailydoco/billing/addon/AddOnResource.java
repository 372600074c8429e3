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
import pro.dailydoco.account.Role;
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
                boolean checkoutDone, long maxSeats, CustomDomainView domain);
    }

    /**
     * The custom-domain section: shown once the workspace holds white-label; {@code editable} for owners and admins
     * (a billing member sees it without its controls).
     */
    public record CustomDomainView(boolean whiteLabel, boolean editable, CustomDomains.Domain domain, String baseDomain) {
    }

    private final AddOnService addOns;
    private final CustomDomains customDomains;
    private final String baseDomain;
    private final StripeGateway gateway;
    private final CurrentUser currentUser;
    private final TenantContext tenantContext;
    private final Flash flash;
    private final String baseUrl;

    AddOnResource(AddOnService addOns, StripeGateway gateway, CurrentUser currentUser, TenantContext tenantContext,
            Flash flash, TenantConfig tenantConfig, CustomDomains customDomains) {
        this.addOns = addOns;
        this.customDomains = customDomains;
        this.baseDomain = tenantConfig.baseDomain();
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
        Tenant tenant = tenant();
        CustomDomainView domain = new CustomDomainView(held.getOrDefault(AddOn.WHITE_LABEL, 0L) > 0, setsDomain(),
                customDomains.of(tenant.id).orElse(null), baseDomain);
        return Templates.addOns(tenant, offers, gateway.isConfigured(), "done".equals(checkout), AddOnService.MAX_SEATS,
                domain);
    }

    /** Sets the workspace's custom domain (unverified, with a new TXT token). */
    @POST
    @Path("custom-domain")
    public Response setDomain(@RestPath String slug, @RestForm String hostname) {
        Tenant tenant = requireDomainRights();
        CustomDomains.Domain domain = customDomains.set(tenant.id, currentUser.id(), hostname);
        flash.set(domain.hostname() + " is saved. Publish the TXT record shown below, then press Verify.");
        return seeOther(tenant);
    }

    /** Looks the TXT record up and, when it holds the token, lets the domain route to the workspace. */
    @POST
    @Path("custom-domain/verify")
    public Response verifyDomain(@RestPath String slug) {
        Tenant tenant = requireDomainRights();
        switch (customDomains.verify(tenant.id, currentUser.id())) {
            case VERIFIED -> flash.set("Your custom domain is verified: it now opens this workspace.");
            case NO_DOMAIN -> throw DomainException.conflict("There is no custom domain to verify: set one first.");
            case RECORD_MISSING -> throw DomainException.conflict("No TXT record was found at "
                    + customDomains.of(tenant.id).map(CustomDomains.Domain::challengeName).orElse("the name shown")
                    + " yet. Publish it at your DNS provider and try again; changes can take a few minutes to appear.");
            case TOKEN_DIFFERS -> throw DomainException.conflict("The TXT record was found but doesn't hold the token"
                    + " shown on this page. Copy the token again (setting the domain again makes a new one).");
            case LOOKUP_FAILED -> throw DomainException.conflict("The DNS look-up didn't answer in time. Please try"
                    + " again in a minute.");
        }
        return seeOther(tenant);
    }

    /** Removes the custom domain: it stops opening this workspace at once. */
    @POST
    @Path("custom-domain/remove")
    public Response removeDomain(@RestPath String slug) {
        Tenant tenant = requireDomainRights();
        customDomains.remove(tenant.id, currentUser.id());
        flash.set("The custom domain was removed; it no longer opens this workspace.");
        return seeOther(tenant);
    }

    /** Owners and admins set the workspace's address; a billing member pays for white-label but doesn't. */
    private boolean setsDomain() {
        return currentUser.role().filter(r -> r == Role.OWNER || r == Role.ADMIN).isPresent();
    }

    private Tenant requireDomainRights() {
        if (!setsDomain()) {
            throw DomainException.forbidden("Only the workspace's owners and admins set its custom domain.");
        }
        return tenant();
    }

    private static Response seeOther(Tenant tenant) {
        return Response.seeOther(URI.create("/t/" + tenant.slug + "/billing/add-ons#custom-domain")).build();
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
