package pro.dailydoco.integration;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jboss.resteasy.reactive.RestForm;
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
import jakarta.ws.rs.core.Response;
import pro.dailydoco.account.CurrentUser;
import pro.dailydoco.account.Permission;
import pro.dailydoco.account.web.Access;
import pro.dailydoco.core.InvalidInput;
import pro.dailydoco.core.web.FormState;
import pro.dailydoco.core.web.Flash;
import pro.dailydoco.core.web.Paged;
import pro.dailydoco.core.web.Requests;
import pro.dailydoco.tenant.Tenant;
import pro.dailydoco.tenant.TenantContext;

/**
 * The workspace's outgoing webhooks page (owners and admins): endpoints, their events and secrets (shown once, after
 * creating or rotating), the delivery log with each request and answer, "resend" and "send test event".
 */
@Path("/t/{slug}/settings/webhooks")
@Produces(MediaType.TEXT_HTML)
@Access.Requires(Permission.WEBHOOKS_MANAGE)
public class WebhookSettingsResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(Tenant tenant, List<WebhookEndpoint> endpoints, FormState form,
                List<String> chosen, WebhookEventType[] eventTypes);

        static native TemplateInstance endpoint(Tenant tenant, WebhookEndpoint endpoint, Paged<WebhookDeliveries.Delivery> log,
                String newSecret);

        static native TemplateInstance endpoint$deliveryLog(Tenant tenant, WebhookEndpoint endpoint,
                Paged<WebhookDeliveries.Delivery> log);

        static native TemplateInstance delete(Tenant tenant, WebhookEndpoint endpoint);

        static native TemplateInstance delivery(Tenant tenant, WebhookEndpoint endpoint, WebhookDeliveries.Delivery delivery);
    }

    private final WebhookEndpoints endpoints;
    private final WebhookDeliveries deliveries;
    private final TenantContext tenantContext;
    private final CurrentUser currentUser;
    private final Flash flash;

    WebhookSettingsResource(WebhookEndpoints endpoints, WebhookDeliveries deliveries, TenantContext tenantContext,
            CurrentUser currentUser, Flash flash) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.tenantContext = tenantContext;
        this.currentUser = currentUser;
        this.flash = flash;
    }

    @GET
    public TemplateInstance list(@RestPath String slug) {
        return Templates.list(tenant(), endpoints.list(), FormState.empty(), List.of(), WebhookEventType.subscribable());
    }

    /** Registers an endpoint; the answer is its page with the secret, shown this once (not carried in a redirect). */
    @POST
    public Response create(@RestPath String slug, @RestForm String url, @RestForm String description,
            @RestForm List<String> events) {
        Tenant tenant = tenant();
        try {
            WebhookEndpoints.WithSecret created = endpoints.create(tenant.id, currentUser.id(), url, description, events);
            return Response.ok(Templates.endpoint(tenant, created.endpoint(), log(tenant, created.endpoint().id, null),
                    created.secret())).build();
        } catch (InvalidInput e) {
            FormState form = FormState.of(Map.of("url", url == null ? "" : url, "description", description == null ? "" : description))
                    .withErrors(e.fieldErrors());
            return Response.status(400).entity(Templates.list(tenant, endpoints.list(), form,
                    events == null ? List.of() : events, WebhookEventType.subscribable())).build();
        }
    }

    @GET
    @Path("{endpointId}")
    public TemplateInstance endpoint(@RestPath String slug, @RestPath UUID endpointId, @RestQuery Integer page,
            @Context HttpHeaders headers) {
        Tenant tenant = tenant();
        WebhookEndpoint endpoint = endpoints.get(endpointId);
        Paged<WebhookDeliveries.Delivery> log = log(tenant, endpointId, page);
        if (Requests.isFragment(headers, "delivery-log")) {
            return Templates.endpoint$deliveryLog(tenant, endpoint, log);
        }
        return Templates.endpoint(tenant, endpoint, log, null);
    }

    /** A new secret, shown this once; the previous one keeps signing for the grace period. */
    @POST
    @Path("{endpointId}/rotate")
    public TemplateInstance rotate(@RestPath String slug, @RestPath UUID endpointId) {
        Tenant tenant = tenant();
        WebhookEndpoints.WithSecret rotated = endpoints.rotate(tenant.id, currentUser.id(), endpointId);
        return Templates.endpoint(tenant, rotated.endpoint(), log(tenant, endpointId, null), rotated.secret());
    }

    /** The confirm step of deleting (the form posts to the same address). */
    @GET
    @Path("{endpointId}/delete")
    public TemplateInstance confirmDelete(@RestPath String slug, @RestPath UUID endpointId) {
        return Templates.delete(tenant(), endpoints.get(endpointId));
    }

    @POST
    @Path("{endpointId}/delete")
    public Response delete(@RestPath String slug, @RestPath UUID endpointId) {
        Tenant tenant = tenant();
        endpoints.delete(tenant.id, currentUser.id(), endpointId);
        flash.set("The endpoint was deleted with its delivery log.");
        return Requests.seeOther(base(tenant));
    }

    @POST
    @Path("{endpointId}/enable")
    public Response enable(@RestPath String slug, @RestPath UUID endpointId) {
        Tenant tenant = tenant();
        flash.set(endpoints.enable(tenant.id, currentUser.id(), endpointId)
                ? "The endpoint is enabled again. Resend what it missed from the log below."
                : "The endpoint was already enabled.");
        return Requests.seeOther(base(tenant) + "/" + endpointId);
    }

    @POST
    @Path("{endpointId}/test")
    public Response sendTest(@RestPath String slug, @RestPath UUID endpointId) {
        Tenant tenant = tenant();
        endpoints.sendTest(tenant.id, currentUser.id(), endpointId);
        flash.set("A test event is on its way; it appears in the log below.");
        return Requests.seeOther(base(tenant) + "/" + endpointId);
    }

    @GET
    @Path("{endpointId}/deliveries/{deliveryId}")
    public TemplateInstance delivery(@RestPath String slug, @RestPath UUID endpointId, @RestPath UUID deliveryId) {
        Tenant tenant = tenant();
        WebhookEndpoint endpoint = endpoints.get(endpointId);
        return Templates.delivery(tenant, endpoint, deliveries.get(tenant.id, endpointId, deliveryId, currentUser.id()));
    }

    /** Sends the event again, same id and body, so a receiver that saw it already can tell. */
    @POST
    @Path("{endpointId}/deliveries/{deliveryId}/resend")
    public Response resend(@RestPath String slug, @RestPath UUID endpointId, @RestPath UUID deliveryId) {
        Tenant tenant = tenant();
        endpoints.get(endpointId);
        deliveries.resend(tenant.id, currentUser.id(), endpointId, deliveryId);
        flash.set("The event is queued again; the new attempt appears at the top of the log.");
        return Requests.seeOther(base(tenant) + "/" + endpointId);
    }

    private Paged<WebhookDeliveries.Delivery> log(Tenant tenant, UUID endpointId, Integer page) {
        return deliveries.log(tenant.id, endpointId, currentUser.id(), page);
    }

    private static String base(Tenant tenant) {
        return "/t/" + tenant.slug + "/settings/webhooks";
    }

    private Tenant tenant() {
        return tenantContext.tenant().orElseThrow();
    }
}
