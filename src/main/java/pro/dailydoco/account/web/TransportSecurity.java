package pro.dailydoco.account.web;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import pro.dailydoco.tenant.TenantConfig;

/**
 * HTTP Strict Transport Security whenever the platform is served over https (its base URL says so, as for Secure
 * cookies in {@link SessionCookies}): a browser that has seen the site once never again sends a session cookie or a
 * form over plain http. Without {@code includeSubDomains}: workspaces' own hostnames and subdomains of the base
 * domain are not promised to be https (docs/decisions/0097-private-pages-hsts-no-store-and-session-bound-csrf.md).
 */
@ApplicationScoped
public class TransportSecurity {

    static final String HEADER = "Strict-Transport-Security";
    /** One year, the value browsers' preload lists ask for. */
    static final String VALUE = "max-age=31536000";

    private final boolean https;

    // @Inject: with two constructors and none marked, CDI made no bean of this class and HSTS was never sent
    // (found by the scan over TLS, docs/decisions/0133-scan-findings-answered.md).
    @Inject
    TransportSecurity(TenantConfig config) {
        this(config.baseUrl());
    }

    TransportSecurity(String baseUrl) {
        this.https = baseUrl != null && baseUrl.startsWith("https://");
    }

    void register(@Observes Router router) {
        if (!https) {
            return;
        }
        // First of all routes, so static files, error pages and the last-route 404 carry it too.
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            ctx.response().putHeader(HEADER, VALUE);
            ctx.next();
        });
    }
}
