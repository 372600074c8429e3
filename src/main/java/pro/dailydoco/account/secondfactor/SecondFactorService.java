package pro.dailydoco.account.secondfactor;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import pro.dailydoco.account.AccountService;
import pro.dailydoco.account.PasswordHasher;
import pro.dailydoco.account.RateLimiter;
import pro.dailydoco.account.User;
import pro.dailydoco.audit.AuditEvent;
import pro.dailydoco.audit.AuditLog;
import pro.dailydoco.core.DomainException;
import pro.dailydoco.core.InvalidInput;

/**
 * A person's own second factor: setting up an authenticator (confirmed by a first code), the recovery codes shown
 * once, turning it off, and checking a code — an authenticator code no older than the last one accepted, or an unused
 * recovery code (docs/decisions/0125-second-factor-totp-and-recovery-codes.md). Wrong codes are counted per person
 * with the sign-in's back-off, wherever they are typed.
 */
@ApplicationScoped
public class SecondFactorService {

    static final String ISSUER = "DailyDoco Pro";
    static final String WRONG_CODE = "That code is not right. Type the 6 digits your authenticator app shows now, or one of your recovery codes.";

    /** What the account page shows. */
    public record Status(boolean confirmed, boolean pending, Instant confirmedAt, long recoveryCodesLeft) {
    }

    /** A set-up waiting for its first code: the key as text, as an {@code otpauth://} URI, and as a QR code (SVG). */
    public record Enrolment(String secret, String otpauthUri, String qrSvg) {
    }

    private final TotpSecrets secrets;
    private final PasswordHasher hasher;
    private final RateLimiter rateLimiter;
    private final AuditLog auditLog;
    private final Clock clock;

    SecondFactorService(TotpSecrets secrets, PasswordHasher hasher, RateLimiter rateLimiter, AuditLog auditLog, Clock clock) {
        this.secrets = secrets;
        this.hasher = hasher;
        this.rateLimiter = rateLimiter;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    @Transactional
    public Status status(UUID userId) {
        SecondFactor factor = SecondFactor.findById(userId);
        if (factor == null) {
            return new Status(false, false, null, 0);
        }
        long left = factor.isConfirmed() ? RecoveryCode.count("ownerUserId = ?1 and usedAt is null", userId) : 0;
        return new Status(factor.isConfirmed(), !factor.isConfirmed(), factor.confirmedAt, left);
    }

    @Transactional
    public boolean isConfirmed(UUID userId) {
        SecondFactor factor = SecondFactor.findById(userId);
        return factor != null && factor.isConfirmed();
    }

    /** Which of {@code userIds} have two-step sign-in on (for a list of people, e.g. a workspace's team). */
    @Transactional
    public java.util.Set<UUID> confirmedAmong(java.util.Collection<UUID> userIds) {
        if (userIds.isEmpty()) {
            return java.util.Set.of();
        }
        return SecondFactor.<SecondFactor>list("ownerUserId in ?1 and confirmedAt is not null", userIds).stream()
                .map(f -> f.ownerUserId).collect(java.util.stream.Collectors.toSet());
    }

    /** Starts (or starts again) setting up an authenticator with a new key; refused while one is on. */
    @Transactional
    public void start(UUID userId) {
        SecondFactor factor = SecondFactor.findById(userId);
        if (factor != null && factor.isConfirmed()) {
            throw DomainException.conflict("Two-step sign-in is already on. Turn it off first to set up another authenticator.");
        }
        if (factor == null) {
            factor = new SecondFactor();
            factor.ownerUserId = userId;
        }
        factor.secretSealed = secrets.seal(TotpSecrets.newKey(), userId);
        factor.createdAt = clock.instant();
        factor.lastStep = null;
        factor.persist();
        auditLog.recordPlatform(AuditEvent.user(userId, "account.second-factor-setup-started").build());
    }

    /** The set-up in progress, to show its key; empty when there is none. */
    @Transactional
    public Optional<Enrolment> pendingEnrolment(UUID userId) {
        SecondFactor factor = SecondFactor.findById(userId);
        if (factor == null || factor.isConfirmed()) {
            return Optional.empty();
        }
        User user = User.findById(userId);
        String secret = Base32.encode(secrets.open(factor.secretSealed, userId));
        // Issuer and account name, each encoded, joined by a plain colon: the label apps show (Key Uri Format).
        String label = encode(ISSUER) + ":" + encode(user.email);
        String uri = "otpauth://totp/" + label + "?secret=" + secret + "&issuer=" + encode(ISSUER)
                + "&algorithm=SHA1&digits=" + Totp.DIGITS + "&period=" + Totp.STEP_SECONDS;
        return Optional.of(new Enrolment(secret.replaceAll("(.{4})(?!$)", "$1 "), uri, QrSvg.of(uri)));
    }

    /**
     * Turns the authenticator on once a first code proves the app holds the key; returns the recovery codes, which
     * are shown this once and kept only as hashes.
     */
    public List<String> confirm(UUID userId, String typedCode) {
        throttle(userId);
        List<String> codes = confirmIfRight(userId, Totp.digitsOf(typedCode));
        if (codes == null) {
            countFailure(userId, "account.second-factor-confirm-failed");
            throw InvalidInput.of("code", "That code is not right. Type the 6 digits your authenticator app shows now.");
        }
        rateLimiter.reset(throttleKey(userId));
        return codes;
    }

    @Transactional
    List<String> confirmIfRight(UUID userId, String code) {
        SecondFactor factor = SecondFactor.findById(userId);
        if (factor == null || factor.isConfirmed()) {
            throw DomainException.conflict(factor == null ? "Start setting up your authenticator first."
                    : "Two-step sign-in is already on.");
        }
        OptionalLong step = Totp.matchingStep(secrets.open(factor.secretSealed, userId), code, clock.instant());
        if (step.isEmpty()) {
            return null;
        }
        factor.confirmedAt = clock.instant();
        factor.lastStep = step.getAsLong();
        List<String> codes = replaceRecoveryCodes(userId);
        auditLog.recordPlatform(AuditEvent.user(userId, "account.second-factor-enabled").build());
        return codes;
    }

    /**
     * Turns two-step sign-in off: proven by a current code (or a recovery code) or by the password, so a browser left
     * signed in is not enough.
     */
    public void disable(UUID userId, String typedCode, String password) {
        throttle(userId);
        boolean proven;
        String code = typedCode == null ? "" : typedCode.trim();
        if (!code.isEmpty()) {
            proven = verify(userId, code);
        } else {
            proven = passwordMatches(userId, password);
        }
        if (!proven) {
            countFailure(userId, "account.second-factor-disable-failed");
            throw InvalidInput.of(code.isEmpty() ? "disablePassword" : "disableCode", code.isEmpty()
                    ? "Your password is not correct." : WRONG_CODE);
        }
        rateLimiter.reset(throttleKey(userId));
        remove(userId);
        auditLog.recordPlatform(AuditEvent.user(userId, "account.second-factor-disabled").build());
    }

    @Transactional
    boolean passwordMatches(UUID userId, String password) {
        User user = User.findById(userId);
        return hasher.matches(password == null ? "" : password, user.passwordHash);
    }

    /**
     * Checks a code of a person with an authenticator: a 6-digit code of a step later than the last accepted one
     * (which then becomes the last), or an unused recovery code (which is then used up). Not throttled here: callers
     * throttle.
     */
    @Transactional
    public boolean verify(UUID userId, String typed) {
        SecondFactor factor = SecondFactor.findById(userId);
        if (factor == null || !factor.isConfirmed()) {
            return false;
        }
        if (RecoveryCodes.looksLikeOne(typed)) {
            // Only one transaction can flip used_at from null: a code is used once even when sent twice at once.
            int used = RecoveryCode.update("usedAt = ?1 where ownerUserId = ?2 and codeHash = ?3 and usedAt is null",
                    clock.instant(), userId, RecoveryCodes.hash(userId, typed));
            if (used == 1) {
                auditLog.recordPlatform(AuditEvent.user(userId, "account.recovery-code-used").build());
            }
            return used == 1;
        }
        OptionalLong step = Totp.matchingStep(secrets.open(factor.secretSealed, userId), Totp.digitsOf(typed), clock.instant());
        if (step.isEmpty()) {
            return false;
        }
        // A code is good once: the step must be later than the last one accepted, checked and moved in one statement
        // so two requests with the same code can't both pass.
        return SecondFactor.update("lastStep = ?1 where ownerUserId = ?2 and (lastStep is null or lastStep < ?1)",
                step.getAsLong(), userId) == 1;
    }

    /** Removes the authenticator, its recovery codes and any sign-in waiting for a code. */
    @Transactional
    void remove(UUID userId) {
        RecoveryCode.delete("ownerUserId", userId);
        SignInChallenge.delete("ownerUserId", userId);
        SecondFactor.delete("ownerUserId", userId);
    }

    private List<String> replaceRecoveryCodes(UUID userId) {
        RecoveryCode.delete("ownerUserId", userId);
        List<String> codes = RecoveryCodes.generate();
        Instant now = clock.instant();
        for (String code : codes) {
            RecoveryCode row = new RecoveryCode();
            row.id = UUID.randomUUID();
            row.ownerUserId = userId;
            row.codeHash = RecoveryCodes.hash(userId, code);
            row.createdAt = now;
            row.persist();
        }
        return codes;
    }

    void throttle(UUID userId) {
        rateLimiter.blockedFor(throttleKey(userId)).ifPresent(wait -> {
            throw new AccountService.TooManyAttempts(wait);
        });
    }

    void countFailure(UUID userId, String action) {
        auditLog.recordSecurityEvent(AuditEvent.user(userId, action).failed().build());
        rateLimiter.recordFailure(throttleKey(userId)).ifPresent(wait -> {
            throw new AccountService.TooManyAttempts(wait);
        });
    }

    static String throttleKey(UUID userId) {
        return "second-factor:user:" + userId;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
