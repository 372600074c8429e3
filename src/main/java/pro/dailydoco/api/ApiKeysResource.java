package pro.dailydoco.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jboss.resteasy.reactive.RestForm;
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
import pro.dailydoco.account.Permission;
import pro.dailydoco.account.web.Access;
import pro.dailydoco.billing.Entitlements;
import pro.dailydoco.billing.events.Plan;
import pro.dailydoco.core.DomainException;
import pro.dailydoco.core.InvalidInput;
import pro.dailydoco.core.web.Flash;
import pro.dailydoco.core.web.FormState;
import pro.dailydoco.core.web.Requests;
import pro.dailydoco.tenant.Tenant;
import pro.dailydoco.tenant.TenantContext;

/**
 * The workspace's API keys page ({@code /t/{slug}/settings/api-keys}), for owners and admins: create a key with a name
 * and scopes (shown once, on the page that answers), rotate it with a grace period, revoke it after a confirm step;
 * each key's prefix, scopes, and last use. Also this month's API calls against the plan.
 */
@Path("/t/{slug}/settings/api-keys")
@Produces(MediaType.TEXT_HTML)
@Access.Requires(Permission.API_KEYS_MANAGE)
public class ApiKeysResource {

    /** The grace periods offered at rotation, in the order shown. */
    static final Map<String, Duration> GRACE = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(Map.of(
            "none", Duration.ZERO, "1h", Duration.ofHours(1), "24h", Duration.ofHours(24), "7d", Duration.ofDays(7))));

    /** What the page shows: the keys, the month's usage and the plan's allowance. */
    public record Usage(long calls, Plan plan) {
        public boolean unlimited() {
            return plan.apiCallsPerMonth() == Plan.UNLIMITED;
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance page(Tenant tenant, List<ApiKey> keys, Instant now, Usage usage,
                List<ApiScope> scopes, ApiKeys.Created created, String createdName, FormState form);

        static native TemplateInstance revoke(Tenant tenant, ApiKey key);

        static native TemplateInstance revoke$confirm(Tenant tenant, ApiKey key);
    }

    private final ApiKeys keys;
    private final ApiQuota quota;
    private final Entitlements entitlements;
    private final TenantContext tenantContext;
    private final CurrentUser currentUser;
    private final Flash flash;
    private final Clock clock;

    ApiKeysResource(ApiKeys keys, ApiQuota quota, Entitlements entitlements, TenantContext tenantContext,
            CurrentUser currentUser, Flash flash, Clock clock) {
        this.clock = clock;
        this.keys = keys;
        this.quota = quota;
        this.entitlements = entitlements;
        this.tenantContext = tenantContext;
        this.currentUser = currentUser;
        this.flash = flash;
    }

    @GET
    public TemplateInstance page(@RestPath String slug) {
        return render(null, null, FormState.empty());
    }

    /** Creates a key; the page that answers shows it once (never carried in a redirect, a cookie or a log). */
    @POST
    public Response create(@RestPath String slug, @RestForm String name, @RestForm("scope") List<String> scope) {
        Tenant tenant = tenant();
        FormState form = FormState.of(Map.of("name", name == null ? "" : name));
        Set<ApiScope> scopes = EnumSet.noneOf(ApiScope.class);
        for (String s : scope == null ? List.<String> of() : scope) {
            scopes.add(ApiScope.parse(s).orElseThrow(() -> DomainException.badRequest("There is no such scope.")));
        }
        try {
            ApiKeys.Created created = keys.create(tenant.id, currentUser.id(), name, scopes);
            return Response.ok(render(created, name.strip(), FormState.empty())).build();
        } catch (InvalidInput e) {
            return Response.status(400).entity(render(null, null, form.withErrors(e.fieldErrors()))).build();
        }
    }

    @POST
    @Path("{keyId}/rotate")
    public Response rotate(@RestPath String slug, @RestPath UUID keyId, @RestForm String grace) {
        Tenant tenant = tenant();
        ApiKey old = keys.get(keyId); // guard first: another workspace's key is a 404 whatever the form says
        Duration period = GRACE.get(grace == null ? "" : grace);
        if (period == null) {
            throw DomainException.badRequest("Choose one of the grace periods offered.");
        }
        ApiKeys.Created created = keys.rotate(tenant.id, currentUser.id(), keyId, period);
        return Response.ok(render(created, old.name, FormState.empty())).build();
    }

    /** The confirm step before revoking (a fragment of it for htmx, a page without JavaScript). */
    @GET
    @Path("{keyId}/revoke")
    public TemplateInstance confirmRevoke(@RestPath String slug, @RestPath UUID keyId, @Context HttpHeaders headers) {
        ApiKey key = keys.get(keyId);
        return Requests.isHtmx(headers) ? Templates.revoke$confirm(tenant(), key) : Templates.revoke(tenant(), key);
    }

    @POST
    @Path("{keyId}/revoke")
    public Response revoke(@RestPath String slug, @RestPath UUID keyId) {
        Tenant tenant = tenant();
        ApiKey key = keys.revoke(tenant.id, currentUser.id(), keyId);
        flash.set("The key “" + key.name + "” was revoked. Requests with it are refused from now on.");
        return Requests.seeOther("/t/" + tenant.slug + "/settings/api-keys");
    }

    private Tenant tenant() {
        return tenantContext.tenant().orElseThrow(() -> DomainException.notFound("There is no such workspace."));
    }

    private TemplateInstance render(ApiKeys.Created created, String createdName, FormState form) {
        Tenant tenant = tenant();
        Usage usage = new Usage(quota.callsThisMonth(tenant.id), entitlements.effectivePlan(tenant.id));
        return Templates.page(tenant, keys.list(), clock.instant(), usage, List.of(ApiScope.values()), created, createdName,
                form);
    }
}
