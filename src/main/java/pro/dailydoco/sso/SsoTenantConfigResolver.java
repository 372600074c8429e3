package pro.dailydoco.sso;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.quarkus.logging.Log;
import io.quarkus.oidc.OidcRequestContext;
import io.quarkus.oidc.OidcTenantConfig;
import io.quarkus.oidc.TenantConfigResolver;
import io.quarkus.oidc.runtime.OidcTenantConfig.ApplicationType;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import pro.dailydoco.tenant.TenantConfig;

/**
 * Builds each workspace's OIDC configuration from its SSO settings, for the code flow under
 * {@code /t/{slug}/sso/login|callback} only (there is no default OIDC tenant). Configurations are cached by
 * (tenant, settings version) and the same instance is returned for a key: quarkus-oidc rebuilds a tenant's context
 * (discovery, keys) whenever it is handed a different instance, so a changed setting takes effect on the next
 * sign-in on every instance, and an unchanged one costs nothing.
 * <p>
 * The {@code redirect_uri} sent to the IdP and the error page it leads to are absolute URLs on the configured base
 * URL: quarkus-oidc would otherwise build them from the request's Host header, which the client chooses.
 * <p>
 * quarkus-oidc's own discovery is switched off: the discovery document is fetched through {@link DiscoveryProbe}
 * (guarded, bounded, no redirects), and only when every endpoint it names passes {@link IssuerGuard} are those
 * endpoints configured explicitly. Otherwise quarkus-oidc would call {@code jwks_uri} and {@code token_endpoint}
 * wherever the document points, internal addresses included.
 */
@ApplicationScoped
public class SsoTenantConfigResolver implements TenantConfigResolver {

    static final Pattern FLOW_PATH = Pattern.compile("^/t/([a-z0-9][a-z0-9-]{1,38}[a-z0-9])/sso/(login|callback)$");

    /** What a workspace's sign-in flow runs on. */
    sealed interface Resolution {
        /** No usable SSO (none configured, no secret, or not on Enterprise). */
        record Unavailable() implements Resolution {
        }

        /** SSO is configured, but its identity provider can't be used as it stands (the reasons are for the log). */
        record Refused(UUID tenantId, List<String> problems) implements Resolution {
        }

        record Ready(OidcTenantConfig config) implements Resolution {
        }
    }

    private final SsoSettingsService settings;
    private final DiscoveryProbe discovery;
    private final SsoConfig config;
    private final TenantConfig tenantConfig;
    private final Map<String, OidcTenantConfig> cache = new ConcurrentHashMap<>();

    SsoTenantConfigResolver(SsoSettingsService settings, DiscoveryProbe discovery, SsoConfig config, TenantConfig tenantConfig) {
        this.settings = settings;
        this.discovery = discovery;
        this.config = config;
        this.tenantConfig = tenantConfig;
    }

    @Override
    public Uni<OidcTenantConfig> resolve(RoutingContext context, OidcRequestContext<OidcTenantConfig> requestContext) {
        Matcher flow = FLOW_PATH.matcher(context.normalizedPath());
        if (!flow.matches()) {
            return Uni.createFrom().nullItem();
        }
        String slug = flow.group(1);
        // Database and DNS look-ups: never on the I/O thread.
        return requestContext.runBlocking(() -> configFor(slug).orElse(null));
    }

    Optional<OidcTenantConfig> configFor(String slug) {
        return resolution(slug) instanceof Resolution.Ready ready ? Optional.of(ready.config()) : Optional.empty();
    }

    /**
     * The workspace's OIDC configuration, built on the first sign-in after each settings change from a fresh, guarded
     * discovery fetch. A refusal is not cached: the next attempt fetches again (the IdP may have been fixed).
     */
    Resolution resolution(String slug) {
        Optional<SsoSettings> found = settings.forSlug(slug).filter(s -> s.clientSecret().isPresent());
        if (found.isEmpty() || !settings.isUsable(found.get().tenantId())) {
            Log.debugf("No usable SSO for %s", slug);
            return new Resolution.Unavailable();
        }
        SsoSettings s = found.get();
        String key = s.tenantId() + "@" + s.version();
        OidcTenantConfig cached = cache.get(key);
        if (cached != null) {
            return new Resolution.Ready(cached);
        }
        DiscoveryProbe.Result discovered = discovery.probe(s.issuer());
        if (!discovered.ok()) {
            Log.warnf("SSO of tenant %s refused: %s", s.tenantId(), discovered.problems());
            return new Resolution.Refused(s.tenantId(), discovered.problems());
        }
        return new Resolution.Ready(cache.computeIfAbsent(key, k -> {
            cache.keySet().removeIf(old -> old.startsWith(s.tenantId() + "@"));
            return build(s, discovered);
        }));
    }

    private OidcTenantConfig build(SsoSettings s, DiscoveryProbe.Result discovered) {
        String base = "/t/" + s.slug() + "/sso";
        // quarkus-oidc uses a redirect or error path that starts with "http" as it is (no Host header involved).
        String absoluteBase = flowUrl(tenantConfig, s.slug());
        var builder = OidcTenantConfig.authServerUrl(s.issuer())
                .tenantId(tenantIdOf(s))
                .applicationType(ApplicationType.WEB_APP)
                // The endpoints below come from our guarded fetch; quarkus-oidc uses absolute URLs as they are.
                .discoveryEnabled(false)
                .authorizationPath(discovered.endpoint(DiscoveryProbe.AUTHORIZATION).orElseThrow())
                .tokenPath(discovered.endpoint(DiscoveryProbe.TOKEN).orElseThrow())
                .jwksPath(discovered.endpoint(DiscoveryProbe.JWKS).orElseThrow());
        discovered.endSessionEndpoint().ifPresent(builder::endSessionPath);
        return builder
                .clientId(s.clientId())
                .credentials(s.clientSecret().orElseThrow())
                .token()
                    // The ID token must come from the issuer the admin configured, not whatever discovery says.
                    .issuer(s.issuer())
                    .audience(s.clientId())
                    .end()
                .authentication()
                    .redirectPath(absoluteBase + "/callback")
                    .errorPath(absoluteBase + "/error")
                    .restorePathAfterRedirect(false)
                    .removeRedirectParameters(false)
                    .pkceRequired(true)
                    .nonceRequired(true)
                    .scopes(s.scopes().stream().filter(sc -> !"openid".equals(sc)).toList())
                    .cookiePath(base)
                    .stateSecret(stateSecret(s))
                    .javaScriptAutoRedirect(false)
                    .end()
                .build();
    }

    /** {@code <base URL>/t/{slug}/sso}: where a workspace's code flow runs, whatever Host a request named. */
    static String flowUrl(TenantConfig tenantConfig, String slug) {
        return tenantConfig.baseUrl().replaceAll("/+$", "") + "/t/" + slug + "/sso";
    }

    /** quarkus-oidc's tenant id (also its cookie suffix): one per workspace. */
    static String tenantIdOf(SsoSettings s) {
        return "sso-" + s.tenantId();
    }

    /** Encrypts the PKCE verifier in the state cookie; 32+ characters, distinct per tenant. */
    private String stateSecret(SsoSettings s) {
        String material = config.encryptionKey().orElse("") + "|" + s.clientSecret().orElse("") + "|" + s.tenantId();
        return java.util.HexFormat.of().formatHex(sha256(material));
    }

    private static byte[] sha256(String value) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
