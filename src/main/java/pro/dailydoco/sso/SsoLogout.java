package pro.dailydoco.sso;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import pro.dailydoco.account.IdentityProviderLogout;
import pro.dailydoco.tenant.TenantConfig;

/**
 * RP-initiated logout at the workspace's IdP when its discovery document names an {@code end_session_endpoint}.
 * The endpoint is looked up once per (tenant, settings version); the browser comes back to our configured base
 * URL (never the request's Host).
 */
@ApplicationScoped
public class SsoLogout implements IdentityProviderLogout {

    private final SsoSettingsService settings;
    private final DiscoveryProbe probe;
    private final TenantConfig tenantConfig;
    private final Map<String, Optional<String>> endpoints = new ConcurrentHashMap<>();

    SsoLogout(SsoSettingsService settings, DiscoveryProbe probe, TenantConfig tenantConfig) {
        this.settings = settings;
        this.probe = probe;
        this.tenantConfig = tenantConfig;
    }

    @Override
    public Optional<URI> endSessionUrl(UUID ssoTenantId) {
        return settings.forTenant(ssoTenantId).flatMap(s -> endpoints
                .computeIfAbsent(s.tenantId() + "@" + s.version(), k -> probe.probe(s.issuer()).endSessionEndpoint())
                .map(endpoint -> URI.create(endpoint + (endpoint.contains("?") ? "&" : "?")
                        + "client_id=" + encode(s.clientId())
                        + "&post_logout_redirect_uri=" + encode(tenantConfig.baseUrl().replaceAll("/+$", "") + "/login"))));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
