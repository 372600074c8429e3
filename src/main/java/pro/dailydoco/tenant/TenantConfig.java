package pro.dailydoco.tenant;

import io.smallrye.config.ConfigMapping;

/**
 * Tenancy settings ({@code dailydoco.tenant.*}). Deployments set each of them through an environment variable whose
 * name is not the property's own (DAILYDOCO_BASE_URL, not DAILYDOCO_TENANT_BASE_URL), so their defaults are written
 * once, on those lines of application.properties (docs/decisions/0052-configuration-mappings.md).
 */
@ConfigMapping(prefix = "dailydoco.tenant")
public interface TenantConfig {

    /**
     * The public address of the platform. Every absolute URL the app writes (mails, redirects to other hosts) starts
     * here, never with the request's Host header. An https base URL also makes cookies Secure.
     */
    String baseUrl();

    /** {@code path} (starting with "/") as an absolute URL on the base URL. */
    default String absolute(String path) {
        return baseUrl().replaceAll("/+$", "") + path;
    }

    /** Tenants answer on {@code {slug}.<base-domain>} as well as under {@code /t/{slug}/}. */
    String baseDomain();

    /** Folder of declarative tenant definitions ({@code *.yaml}) upserted at start-up. */
    String definitionsDirectory();
}
