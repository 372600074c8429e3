package pro.dailydoco.scim;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import pro.dailydoco.billing.Entitlements;
import pro.dailydoco.tenant.Tenant;
import pro.dailydoco.tenant.TenantContext;

/**
 * Authorises every request under {@code /scim/v2/{slug}/}: the workspace from the path, then the bearer token looked
 * up in that workspace's scope (row-level security on), so a token of one workspace never reaches another. An unknown
 * or suspended workspace, a host naming another workspace and a wrong token all get the same 401, which tells nobody
 * whether a workspace exists. Runs after the session filter and drops any signed-in user: a SCIM request acts for the
 * directory, never for a browser's person.
 */
public class ScimAuthentication {

    private static final Pattern SCIM_PATH = Pattern.compile("^/scim/v2/([^/]+)(?:/.*)?$");

    private final ScimTokens tokens;
    private final ScimCaller caller;
    private final TenantContext tenantContext;
    private final Entitlements entitlements;

    ScimAuthentication(ScimTokens tokens, ScimCaller caller, TenantContext tenantContext, Entitlements entitlements) {
        this.tokens = tokens;
        this.caller = caller;
        this.tenantContext = tenantContext;
        this.entitlements = entitlements;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION + 10)
    public void authorise(ContainerRequestContext request) {
        Matcher scim = SCIM_PATH.matcher(request.getUriInfo().getPath());
        if (!scim.matches()) {
            return;
        }
        String slug = scim.group(1).toLowerCase(Locale.ROOT);
        Tenant tenant = QuarkusTransaction.requiringNew().call(() -> Tenant.findBySlug(slug).orElse(null));
        boolean hostAgrees = tenantContext.tenantId().map(id -> tenant != null && id.equals(tenant.id)).orElse(true);
        tenantContext.setUserId(null);
        if (tenant == null || tenant.isSuspended() || !hostAgrees) {
            throw ScimException.unauthorized();
        }
        tenantContext.setTenantId(tenant.id);
        tenantContext.setTenant(tenant);
        ScimToken token = tokens.authenticate(bearer(request.getHeaderString(HttpHeaders.AUTHORIZATION)))
                .orElseThrow(ScimException::unauthorized);
        if (!entitlements.effectivePlan(tenant.id).sso()) {
            // Provisioning is part of single sign-on: it stops with the plan, and starts again with it.
            throw new ScimException(403, null, "This workspace's plan does not include single sign-on, which SCIM"
                    + " provisioning is part of. An owner can upgrade on the Billing page. Nothing was changed.");
        }
        caller.authorise(tenant, token.prefix);
    }

    static String bearer(String authorization) {
        if (authorization == null) {
            return null;
        }
        String value = authorization.trim();
        return value.regionMatches(true, 0, "Bearer ", 0, 7) ? value.substring(7).trim() : null;
    }
}
