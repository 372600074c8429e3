package pro.dailydoco.sso;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

/**
 * A workspace without usable SSO (none configured, or not on Enterprise) has no SSO flow: its
 * {@code /sso/login|callback|error} answer 404 like any other page it does not have, before quarkus-oidc is asked.
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
        return failures.page(404, null, "Single sign-on is not available",
                "There is no single sign-on at this address. Sign in with your email and password instead.");
    }
}
