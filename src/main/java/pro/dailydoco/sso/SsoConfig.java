package pro.dailydoco.sso;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code dailydoco.sso.*}: see the README's configuration table. */
@ConfigMapping(prefix = "dailydoco.sso")
public interface SsoConfig {

    /** Key for client secrets entered on the settings page (AES-GCM); without it such secrets can't be saved. */
    Optional<String> encryptionKey();

    /** Lets issuers on loopback addresses over plain http through (tests and local development only). */
    @WithDefault("false")
    boolean allowLoopback();

    /** Connect and read timeout of the discovery fetch behind "Test connection". */
    @WithDefault("5s")
    Duration fetchTimeout();
}
