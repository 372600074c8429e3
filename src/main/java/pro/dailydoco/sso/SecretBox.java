package pro.dailydoco.sso;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import pro.dailydoco.core.DomainException;

/**
 * Encrypts client secrets entered on the settings page with AES-256-GCM (random 96-bit IV, stored in front of the
 * ciphertext). The key is the SHA-256 of {@code DAILYDOCO_SSO_ENCRYPTION_KEY}; the tenant id is bound as associated
 * data, so a ciphertext copied into another tenant's row does not decrypt.
 */
@ApplicationScoped
public class SecretBox {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SsoConfig config;
    private final SecureRandom random = new SecureRandom();

    SecretBox(SsoConfig config) {
        this.config = config;
    }

    public String encrypt(String plaintext, String associatedData) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, iv, associatedData);
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not encrypt the client secret", e);
        }
    }

    public String decrypt(String sealed, String associatedData) {
        try {
            byte[] bytes = Base64.getDecoder().decode(sealed);
            byte[] iv = java.util.Arrays.copyOf(bytes, IV_BYTES);
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, iv, associatedData);
            return new String(cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("The stored client secret does not decrypt with the configured key", e);
        }
    }

    private Cipher cipher(int mode, byte[] iv, String associatedData) throws GeneralSecurityException {
        String key = config.encryptionKey().filter(k -> !k.isBlank()).orElseThrow(() -> new DomainException(503,
                "SSO secrets can't be stored", "The server has no DAILYDOCO_SSO_ENCRYPTION_KEY; ask the operator to set it."));
        byte[] keyBytes = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(keyBytes, "AES"), new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
