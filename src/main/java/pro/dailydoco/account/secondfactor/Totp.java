package pro.dailydoco.account.secondfactor;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.OptionalLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords as RFC 6238 defines them (HOTP of RFC 4226 over 30-second steps since the Unix epoch),
 * with the parameters every authenticator app uses: HMAC-SHA-1, 6 digits, 30 s. A code of the step before or after
 * the current one is accepted too, for clocks a little apart and codes typed at a step's end.
 */
public final class Totp {

    public static final int STEP_SECONDS = 30;
    public static final int DIGITS = 6;
    /** Steps accepted either side of the current one. */
    static final int WINDOW = 1;

    private Totp() {
    }

    /** The 30-second step {@code at} falls in. */
    public static long step(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), STEP_SECONDS);
    }

    /** The 6-digit HMAC-SHA-1 code of {@code step}, as authenticator apps show it. */
    public static String code(byte[] key, long step) {
        return code("HmacSHA1", key, step, DIGITS);
    }

    /**
     * RFC 4226's HOTP value of {@code counter}: HMAC, dynamic truncation, modulo 10^digits, zero-padded. RFC 6238 uses
     * it with the time step as the counter, and allows HmacSHA256 and HmacSHA512 besides HmacSHA1.
     */
    public static String code(String algorithm, byte[] key, long counter, int digits) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, "RAW"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(counter).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            long modulo = (long) Math.pow(10, digits);
            String value = Long.toString(binary % modulo);
            return "0".repeat(digits - value.length()) + value;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is not available", e);
        }
    }

    /**
     * The step whose code {@code typed} is, within {@link #WINDOW} of {@code now}'s step; the newest one if two match.
     * Comparison in constant time, so timing tells nothing about how close a guess was.
     */
    public static OptionalLong matchingStep(byte[] key, String typed, Instant now) {
        if (typed == null || typed.length() != DIGITS || !typed.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalLong.empty();
        }
        long current = step(now);
        long found = Long.MIN_VALUE;
        for (long step = current - WINDOW; step <= current + WINDOW; step++) {
            if (MessageDigest.isEqual(code(key, step).getBytes(StandardCharsets.US_ASCII),
                    typed.getBytes(StandardCharsets.US_ASCII))) {
                found = step;
            }
        }
        return found == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(found);
    }

    /** Digits only: people type codes with spaces ("123 456") as apps show them. */
    public static String digitsOf(String typed) {
        return typed == null ? "" : typed.replaceAll("[\\s-]", "");
    }
}
