package pro.dailydoco.account;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** What makes a password acceptable, with a message a person can act on. */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 10;
    /** bcrypt reads only the first 72 bytes; longer passwords would silently lose their tail. */
    public static final int MAX_BYTES = 72;
    private static final Set<String> COMMON = Set.of("password123", "1234567890", "qwertyuiop", "password1234",
            "letmein1234", "iloveyou12", "welcome123", "administrator", "passw0rd123", "dailydoco123");

    private PasswordPolicy() {
    }

    public static Optional<String> problem(String password, String email) {
        if (password == null || password.length() < MIN_LENGTH) {
            return Optional.of("Use at least " + MIN_LENGTH + " characters for your password.");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return Optional.of("Use at most " + MAX_BYTES + " bytes (about 70 characters) for your password.");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (COMMON.contains(lower)) {
            return Optional.of("This password is too common; choose one that is harder to guess.");
        }
        if (email != null && !email.isBlank() && lower.equals(User.normaliseEmail(email))) {
            return Optional.of("Your password must not be your email address.");
        }
        if (password.chars().distinct().count() < 4) {
            return Optional.of("Use a password with more different characters.");
        }
        return Optional.empty();
    }
}
