package pro.dailydoco.tenant;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;

/** Resolves the request's tenant before any resource runs, and puts it in the {@link TenantContext}. */
public class TenantRequestFilter {

    /** Runs before authentication, which needs the tenant to check membership. */
    public static final int PRIORITY = Priorities.AUTHENTICATION - 100;

    private final TenantResolution resolution;
    private final TenantContext context;

    TenantRequestFilter(TenantResolution resolution, TenantContext context) {
        this.resolution = resolution;
        this.context = context;
    }

    @ServerRequestFilter(priority = PRIORITY)
    public void resolveTenant(ContainerRequestContext request) {
        resolution.resolve(request.getUriInfo().getPath(), request.getHeaderString(HttpHeaders.HOST))
                .ifPresent(tenant -> {
                    context.setTenantId(tenant.id);
                    context.setTenant(tenant);
                });
    }
}
