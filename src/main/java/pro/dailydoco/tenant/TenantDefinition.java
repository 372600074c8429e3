package pro.dailydoco.tenant;

import java.util.List;
import java.util.Map;

/**
 * One {@code tenants/*.yaml} file as written by the operator. Unknown fields are errors, so a typo never passes
 * silently. Secrets are never part of it: the SSO client secret is named by the environment variable holding it.
 * {@code owners} are emails that become the workspace's owners once their accounts exist and are verified
 * (docs/decisions/0112-owners-declared-in-tenant-files.md).
 */
public record TenantDefinition(
        String slug,
        String name,
        String status,
        Branding branding,
        List<String> hostnames,
        String plan,
        Sso sso,
        List<String> owners) {

    public record Branding(String primaryColor, String accentColor, String logoUrl) {
    }

    public record Sso(
            String issuer,
            String clientId,
            String clientSecretEnv,
            List<String> scopes,
            List<String> emailDomains,
            String defaultRole,
            Map<String, String> roleMapping,
            Boolean enforce) {
    }
}
