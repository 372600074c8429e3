package pro.dailydoco.core;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Secrets kept at rest (an IdP's client secret, a TOTP key): AES-256-GCM with a random 96-bit IV stored in front of
 * the ciphertext, Base64. The key is the SHA-256 of a configured passphrase that comes from the environment; the
 * associated data binds a ciphertext to its row (a workspace, a person), so one copied into another row does not open.
 */
public final class SealedText {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SealedText() {
    }

    public static String seal(String passphrase, String plaintext, String associatedData) throws GeneralSecurityException {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        byte[] sealed = cipher(Cipher.ENCRYPT_MODE, passphrase, iv, associatedData)
                .doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
    }

    /** @throws GeneralSecurityException or IllegalArgumentException when the text was not sealed with this key and data */
    public static String open(String passphrase, String sealed, String associatedData) throws GeneralSecurityException {
        byte[] bytes = Base64.getDecoder().decode(sealed);
        if (bytes.length <= IV_BYTES) {
            throw new IllegalArgumentException("Too short to be sealed text");
        }
        byte[] iv = Arrays.copyOf(bytes, IV_BYTES);
        return new String(cipher(Cipher.DECRYPT_MODE, passphrase, iv, associatedData)
                .doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES), StandardCharsets.UTF_8);
    }

    private static Cipher cipher(int mode, String passphrase, byte[] iv, String associatedData) throws GeneralSecurityException {
        byte[] keyBytes = MessageDigest.getInstance("SHA-256").digest(passphrase.getBytes(StandardCharsets.UTF_8));
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(keyBytes, "AES"), new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
