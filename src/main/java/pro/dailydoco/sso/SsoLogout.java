package pro.dailydoco.sso;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import pro.dailydoco.account.IdentityProviderLogout;
import pro.dailydoco.core.DomainException;
import pro.dailydoco.tenant.TenantConfig;

/**
 * RP-initiated logout at the workspace's IdP when its discovery document names an {@code end_session_endpoint}: the
 * endpoint comes from the resolver's guarded discovery of the current settings; the browser comes back to our
 * configured base URL (never the request's Host). The session's ID token goes along as {@code id_token_hint}, so the
 * IdP knows whose session ends and asks nothing (OpenID Connect RP-Initiated Logout 1.0, section 2); it is kept
 * sealed with our session row, never in a cookie (docs/decisions/0110-sso-tokens-stay-on-the-server.md).
 */
@ApplicationScoped
public class SsoLogout implements IdentityProviderLogout {

    private final SsoSettingsService settings;
    private final SsoTenantConfigResolver resolver;
    private final TenantConfig tenantConfig;
    private final SecretBox secrets;

    SsoLogout(SsoSettingsService settings, SsoTenantConfigResolver resolver, TenantConfig tenantConfig, SecretBox secrets) {
        this.settings = settings;
        this.resolver = resolver;
        this.tenantConfig = tenantConfig;
        this.secrets = secrets;
    }

    /** Seals an ID token for the session row: AES-GCM, bound to the workspace and this use. */
    String seal(UUID tenantId, String idToken) {
        if (idToken == null || idToken.isBlank()) {
            return null;
        }
        try {
            return secrets.encrypt(idToken, associatedData(tenantId));
        } catch (DomainException e) {
            // No encryption key (a workspace whose secret comes from YAML needs none): sign-out then goes without the
            // hint, and the IdP asks the person to confirm. The token is never stored in the clear.
            Log.warnf("No SSO encryption key: sessions of tenant %s keep no IdP logout hint", tenantId);
            return null;
        }
    }

    @Override
    public Optional<URI> endSessionUrl(UUID ssoTenantId, String idpLogoutHint) {
        return settings.forTenant(ssoTenantId).flatMap(s -> resolver.endSessionEndpoint(s)
                .map(endpoint -> URI.create(endpoint + (endpoint.contains("?") ? "&" : "?")
                        + unseal(ssoTenantId, idpLogoutHint).map(t -> "id_token_hint=" + encode(t) + "&").orElse("")
                        + "client_id=" + encode(s.clientId())
                        + "&post_logout_redirect_uri=" + encode(tenantConfig.absolute("/login")))));
    }

    private Optional<String> unseal(UUID tenantId, String sealed) {
        if (sealed == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(secrets.decrypt(sealed, associatedData(tenantId)));
        } catch (DomainException | IllegalStateException e) {
            // The key changed since sign-in: log out without the hint (the IdP then asks the person to confirm).
            Log.warnf("The IdP logout hint of a session of tenant %s could not be opened; logging out without it", tenantId);
            return Optional.empty();
        }
    }

    private static String associatedData(UUID tenantId) {
        return "idp-logout|" + tenantId;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
