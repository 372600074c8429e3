package pro.dailydoco.sso;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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

        /**
         * SSO is configured, but its identity provider can't be used as it stands (the reasons went to the log when
         * it was checked; {@code justChecked} is true only for the request that checked it).
         */
        record Refused(UUID tenantId, boolean justChecked) implements Resolution {
        }

        record Ready(OidcTenantConfig config) implements Resolution {
        }
    }

    /** A workspace's last outcome for one settings version; a refusal is checked again after {@link #RECHECK}. */
    private record Checked(String version, Resolution outcome, Instant checkedAt) {
    }

    private static final Duration RECHECK = Duration.ofMinutes(1);

    private final SsoSettingsService settings;
    private final DiscoveryProbe discovery;
    private final SsoConfig config;
    private final TenantConfig tenantConfig;
    private final Clock clock;
    private final Map<UUID, Checked> checked = new ConcurrentHashMap<>();

    SsoTenantConfigResolver(SsoSettingsService settings, DiscoveryProbe discovery, SsoConfig config,
            TenantConfig tenantConfig, Clock clock) {
        this.settings = settings;
        this.discovery = discovery;
        this.config = config;
        this.tenantConfig = tenantConfig;
        this.clock = clock;
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

    /** The end-session endpoint of the workspace's IdP, as the last guarded discovery of its current settings named. */
    Optional<String> endSessionEndpoint(SsoSettings s) {
        return resolution(s) instanceof Resolution.Ready ready ? ready.config().endSessionPath() : Optional.empty();
    }

    /**
     * The workspace's OIDC configuration, built from a fresh, guarded discovery fetch on the first sign-in after each
     * settings change. A refusal is kept for a minute, then checked again (the IdP may have been fixed): a broken IdP
     * costs one fetch, and one audit entry, a minute, however many requests arrive.
     */
    Resolution resolution(String slug) {
        return settings.forSlug(slug).map(this::resolution).orElseGet(Resolution.Unavailable::new);
    }

    private Resolution resolution(SsoSettings s) {
        if (!settings.isUsable(s)) {
            Log.debugf("No usable SSO for %s", s.slug());
            return new Resolution.Unavailable();
        }
        Instant now = clock.instant();
        Checked last = checked.get(s.tenantId());
        if (last != null && last.version().equals(s.version())
                && (last.outcome() instanceof Resolution.Ready || now.isBefore(last.checkedAt().plus(RECHECK)))) {
            return last.outcome() instanceof Resolution.Refused ? new Resolution.Refused(s.tenantId(), false) : last.outcome();
        }
        // One check per workspace at a time; the same Ready instance is then handed out for the version.
        return checked.compute(s.tenantId(), (id, current) -> {
            if (current != null && current != last) {
                return current; // another request checked meanwhile
            }
            DiscoveryProbe.Result discovered = discovery.probe(s.issuer());
            if (!discovered.ok()) {
                Log.warnf("SSO of tenant %s refused: %s", s.tenantId(), discovered.problems());
                return new Checked(s.version(), new Resolution.Refused(s.tenantId(), true), now);
            }
            return new Checked(s.version(), new Resolution.Ready(build(s, discovered)), now);
        }).outcome();
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
                    // A sign-in started at /sso/start may carry the IdP's or portal's login_hint (OIDC Core §4).
                    .forwardParams("login_hint")
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
        return tenantConfig.absolute("/t/" + slug + "/sso");
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
