package pro.dailydoco.account.secondfactor;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import pro.dailydoco.account.Tokens;

/**
 * Single-use codes for when the authenticator is lost: {@link #COUNT} per person, 16 characters of base32 (80 random
 * bits) shown as four groups. Only a SHA-256 of the person's id and the normalised code is kept: 80 bits are out of
 * reach of a search through hashes, so a slow hash (which would slow every sign-in) adds nothing.
 */
public final class RecoveryCodes {

    public static final int COUNT = 10;
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
    private static final int LENGTH = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private RecoveryCodes() {
    }

    static List<String> generate() {
        List<String> codes = new ArrayList<>(COUNT);
        for (int i = 0; i < COUNT; i++) {
            StringBuilder code = new StringBuilder();
            for (int c = 0; c < LENGTH; c++) {
                if (c > 0 && c % 4 == 0) {
                    code.append('-');
                }
                code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
            }
            codes.add(code.toString());
        }
        return codes;
    }

    /** Whether {@code typed} has the shape of a recovery code (rather than a 6-digit authenticator code). */
    static boolean looksLikeOne(String typed) {
        return normalise(typed).length() == LENGTH;
    }

    static String hash(UUID ownerUserId, String typed) {
        return Tokens.sha256(ownerUserId + ":" + normalise(typed));
    }

    /** Lower case, without spaces or hyphens, so "ABCD EFGH-…" matches. */
    static String normalise(String typed) {
        return typed == null ? "" : typed.replaceAll("[\\s-]", "").toLowerCase(Locale.ROOT);
    }
}
