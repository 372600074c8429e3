package pro.dailydoco.sso;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import pro.dailydoco.tenant.WorkspaceNotFound;

/**
 * A workspace without usable SSO (none configured, not on Enterprise, or suspended) has no SSO flow: its
 * {@code /sso/login|callback|error} answer the 404 of an unknown workspace, before quarkus-oidc is asked.
 * One whose identity provider can't be used (discovery fails, or names an endpoint the guard refuses) lands on the
 * SSO error page, audited.
 */
public class SsoAvailabilityFilter {

    private static final Pattern FLOW = Pattern.compile("^/t/([a-z0-9-]+)/sso/(login|callback|error)$");

    private final SsoTenantConfigResolver resolver;
    private final SsoFailures failures;

    SsoAvailabilityFilter(SsoTenantConfigResolver resolver, SsoFailures failures) {
        this.resolver = resolver;
        this.failures = failures;
    }

    @ServerRequestFilter(preMatching = true)
    public Uni<Response> refuseUnavailable(ContainerRequestContext request) {
        Matcher flow = FLOW.matcher(request.getUriInfo().getPath());
        if (!flow.matches()) {
            return Uni.createFrom().nullItem();
        }
        String slug = flow.group(1);
        // Database look-up: on a worker thread, never the I/O thread.
        return Uni.createFrom().item(() -> refusal(slug)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private Response refusal(String slug) {
        SsoTenantConfigResolver.Resolution resolution = resolver.resolution(slug);
        if (resolution instanceof SsoTenantConfigResolver.Resolution.Ready) {
            return null;
        }
        if (resolution instanceof SsoTenantConfigResolver.Resolution.Refused refused) {
            return failures.identityProviderRefused(slug, refused.tenantId(), refused.justChecked());
        }
        // The answer of an unknown workspace: whether a workspace without SSO exists is nobody's business.
        throw new WorkspaceNotFound();
    }
}
