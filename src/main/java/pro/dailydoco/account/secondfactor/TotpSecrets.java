package pro.dailydoco.account.secondfactor;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.UUID;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import pro.dailydoco.account.AccountConfig;
import pro.dailydoco.core.DomainException;
import pro.dailydoco.core.SealedText;

/**
 * New TOTP keys, and how they are kept: sealed with AES-256-GCM ({@link SealedText}) under
 * {@code DAILYDOCO_SECOND_FACTOR_KEY}, bound to the person's id so a sealed key copied to another person's row does not
 * open. The same approach as the SSO client secrets, with a key of its own.
 */
@ApplicationScoped
public class TotpSecrets {

    /** 160 bits: the key length RFC 4226 recommends for HMAC-SHA-1. */
    static final int KEY_BYTES = 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AccountConfig config;

    TotpSecrets(AccountConfig config) {
        this.config = config;
    }

    void warnWithoutKey(@Observes StartupEvent started) {
        if (config.secondFactorKey().filter(k -> !k.isBlank()).isEmpty()) {
            Log.warn("DAILYDOCO_SECOND_FACTOR_KEY is not set: nobody can set up a second factor, and the platform "
                    + "operator and owners of paid workspaces will be unable to sign in once their grace period ends");
        }
    }

    static byte[] newKey() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return key;
    }

    String seal(byte[] key, UUID ownerUserId) {
        try {
            return SealedText.seal(passphrase(), Base32.encode(key), ownerUserId.toString());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not seal a TOTP key", e);
        }
    }

    byte[] open(String sealed, UUID ownerUserId) {
        try {
            return Base32.decode(SealedText.open(passphrase(), sealed, ownerUserId.toString()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new DomainException(503, "Second factor unavailable", "Your authenticator can't be checked right now: "
                    + "the server's key for it has changed. Use a recovery code, or ask the platform operator.");
        }
    }

    private String passphrase() {
        return config.secondFactorKey().filter(k -> !k.isBlank()).orElseThrow(() -> new DomainException(503,
                "Second factor unavailable", "The server has no DAILYDOCO_SECOND_FACTOR_KEY, so authenticators can't be "
                        + "set up or checked; ask the platform operator to set it."));
    }
}
