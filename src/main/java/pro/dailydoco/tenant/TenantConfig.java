package pro.dailydoco.tenant;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "dailydoco.tenant")
public interface TenantConfig {

    /**
     * The public address of the platform. Every absolute URL the app writes (mails, redirects to other hosts) starts
     * here, never with the request's Host header. An https base URL also makes cookies Secure.
     */
    @WithDefault("http://localhost:8080")
    String baseUrl();

    /** {@code path} (starting with "/") as an absolute URL on the base URL. */
    default String absolute(String path) {
        return baseUrl().replaceAll("/+$", "") + path;
    }

    /** Tenants answer on {@code {slug}.<base-domain>} as well as under {@code /t/{slug}/}. */
    @WithDefault("dailydoco.localhost")
    String baseDomain();

    /** Folder of declarative tenant definitions ({@code *.yaml}) upserted at start-up. */
    @WithDefault("tenants")
    String definitionsDirectory();
}
