package pro.dailydoco.sso;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import pro.dailydoco.account.IdentityProviderLogout;
import pro.dailydoco.tenant.TenantConfig;

/**
 * RP-initiated logout at the workspace's IdP when its discovery document names an {@code end_session_endpoint}: the
 * endpoint comes from the resolver's guarded discovery of the current settings; the browser comes back to our
 * configured base URL (never the request's Host).
 */
@ApplicationScoped
public class SsoLogout implements IdentityProviderLogout {

    private final SsoSettingsService settings;
    private final SsoTenantConfigResolver resolver;
    private final TenantConfig tenantConfig;

    SsoLogout(SsoSettingsService settings, SsoTenantConfigResolver resolver, TenantConfig tenantConfig) {
        this.settings = settings;
        this.resolver = resolver;
        this.tenantConfig = tenantConfig;
    }

    @Override
    public Optional<URI> endSessionUrl(UUID ssoTenantId) {
        return settings.forTenant(ssoTenantId).flatMap(s -> resolver.endSessionEndpoint(s)
                .map(endpoint -> URI.create(endpoint + (endpoint.contains("?") ? "&" : "?")
                        + "client_id=" + encode(s.clientId())
                        + "&post_logout_redirect_uri=" + encode(tenantConfig.absolute("/login")))));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
