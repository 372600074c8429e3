package pro.dailydoco.sso;

import java.security.GeneralSecurityException;

import jakarta.enterprise.context.ApplicationScoped;
import pro.dailydoco.core.DomainException;
import pro.dailydoco.core.SealedText;

/**
 * Encrypts client secrets entered on the settings page with AES-256-GCM ({@link SealedText}). The key is the SHA-256
 * of {@code DAILYDOCO_SSO_ENCRYPTION_KEY}; the tenant id is bound as associated data, so a ciphertext copied into
 * another tenant's row does not decrypt.
 */
@ApplicationScoped
public class SecretBox {

    private final SsoConfig config;

    SecretBox(SsoConfig config) {
        this.config = config;
    }

    public String encrypt(String plaintext, String associatedData) {
        try {
            return SealedText.seal(key(), plaintext, associatedData);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not encrypt the client secret", e);
        }
    }

    public String decrypt(String sealed, String associatedData) {
        try {
            return SealedText.open(key(), sealed, associatedData);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("The stored client secret does not decrypt with the configured key", e);
        }
    }

    private String key() {
        return config.encryptionKey().filter(k -> !k.isBlank()).orElseThrow(() -> new DomainException(503,
                "SSO secrets can't be stored", "The server has no DAILYDOCO_SSO_ENCRYPTION_KEY; ask the operator to set it."));
    }
}
