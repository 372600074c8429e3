package pro.dailydoco.tenant;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "dailydoco.tenant")
public interface TenantConfig {

    /** Tenants answer on {@code {slug}.<base-domain>} as well as under {@code /t/{slug}/}. */
    @WithDefault("dailydoco.localhost")
    String baseDomain();

    /** Folder of declarative tenant definitions ({@code *.yaml}) upserted at start-up. */
    @WithDefault("tenants")
    String definitionsDirectory();
}
