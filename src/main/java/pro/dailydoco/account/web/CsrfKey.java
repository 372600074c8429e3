package pro.dailydoco.account.web;

import java.nio.charset.StandardCharsets;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import pro.dailydoco.account.AccountConfig;
import pro.dailydoco.account.Tokens;

/** The CSRF signing key, from DAILYDOCO_CSRF_KEY; a random one (single instance only) when it is not set. */
@ApplicationScoped
public class CsrfKey {

    private final byte[] bytes;

    CsrfKey(AccountConfig config) {
        String configured = config.csrfKey().filter(k -> !k.isBlank()).orElse(null);
        if (configured == null) {
            Log.warn("DAILYDOCO_CSRF_KEY is not set: using a random CSRF key. Forms opened before a restart stop working, "
                    + "and several instances need the same key: set DAILYDOCO_CSRF_KEY in production.");
            configured = Tokens.newToken();
        }
        this.bytes = configured.getBytes(StandardCharsets.UTF_8);
    }

    byte[] bytes() {
        return bytes.clone();
    }
}
