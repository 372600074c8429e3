package pro.dailydoco.account.web;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import pro.dailydoco.account.Authenticator;
import pro.dailydoco.account.WhoIsAsking;
import pro.dailydoco.tenant.PageTransaction;
import pro.dailydoco.tenant.TenantContext;
import pro.dailydoco.tenant.TenantResolution;

/**
 * Reads who is asking once, before anything else needs it: the workspace the path and Host name, and the session
 * cookie's person and their role there, in one statement (docs/decisions/0150-who-is-asking-in-one-statement.md).
 * Then it applies the workspace rules (unknown → 404, path and host disagreeing → 404, a suspended workspace by host
 * → 403) and puts the workspace in the {@link TenantContext}; {@link AuthenticationFilter} applies the access rules
 * to what was read. A request naming no workspace and carrying no session reads nothing.
 */
public class WhoIsAskingFilter {

    /** Before CSRF and authentication, which use the workspace and the person. */
    public static final int PRIORITY = Priorities.AUTHENTICATION - 100;

    private final Authenticator authenticator;
    private final TenantResolution resolution;
    private final TenantContext tenantContext;
    private final PageTransaction pageTransaction;

    WhoIsAskingFilter(Authenticator authenticator, TenantResolution resolution, TenantContext tenantContext,
            PageTransaction pageTransaction) {
        this.authenticator = authenticator;
        this.resolution = resolution;
        this.tenantContext = tenantContext;
        this.pageTransaction = pageTransaction;
    }

    @ServerRequestFilter(priority = PRIORITY)
    public void lookUp(ContainerRequestContext request) {
        TenantResolution.Target target;
        try {
            target = resolution.target(request.getUriInfo().getPath(), request.getHeaderString(HttpHeaders.HOST));
        } catch (RuntimeException e) {
            tenantContext.setScopeAwaitsLookup(false);
            throw e;
        }
        Cookie cookie = request.getCookies().get(SessionCookies.SESSION);
        String token = cookie == null || cookie.getValue().isBlank() ? null : cookie.getValue();
        if (token == null && !target.namesAWorkspace()) {
            tenantContext.setScopeAwaitsLookup(false);
            return;
        }
        WhoIsAsking.Answer answer = authenticator.identify(token, target, pageTransaction.readOnly());
        resolution.decide(target, answer.pathTenantId(), answer.hostTenantId(), answer.tenant()).ifPresent(tenant -> {
            tenantContext.setTenantId(tenant.id);
            tenantContext.setTenant(tenant);
        });
    }
}
