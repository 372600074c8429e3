package pro.dailydoco.sso;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import pro.dailydoco.account.Role;

/**
 * A tenant's SSO settings in force: from the settings page when saved there, else from tenants/*.yaml.
 *
 * @param version changes whenever any setting changes; with the tenant id it keys the cached OIDC configuration
 * @param clientSecret the secret itself (decrypted, or read from the environment variable the YAML names); empty
 *        when missing, which the settings page reports
 * @param enforce the tenant's switch as saved; {@link SsoSettingsService#isEnforced} also checks the plan
 */
public record SsoSettings(
        UUID tenantId,
        String slug,
        Source source,
        String version,
        String issuer,
        String clientId,
        Optional<String> clientSecret,
        List<String> scopes,
        String rolesClaim,
        Role defaultRole,
        Map<String, Role> roleMapping,
        boolean enforce,
        List<String> emailDomains) {

    public enum Source {
        YAML,
        SETTINGS_PAGE
    }

    /** The role the IdP's group or role claim values map to; the default role when none is mapped. */
    public Role roleFor(List<String> claimValues) {
        Role best = null;
        for (String value : claimValues) {
            Role mapped = roleMapping.get(value);
            // The most capable mapped role wins; the enum lists roles from most to least capable.
            if (mapped != null && mapped != Role.OWNER && (best == null || mapped.ordinal() < best.ordinal())) {
                best = mapped;
            }
        }
        return best != null ? best : defaultRole;
    }
}
