package pro.dailydoco.account.secondfactor;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import pro.dailydoco.account.AccountConfig;
import pro.dailydoco.account.AccountService;
import pro.dailydoco.account.RateLimiter;
import pro.dailydoco.account.SecondSignInStep;
import pro.dailydoco.account.Tokens;
import pro.dailydoco.core.DomainException;

/**
 * The sign-in's second step. The pending sign-in lives in PostgreSQL (any instance finishes it), expires after
 * {@code dailydoco.account.second-factor-step-validity} and is used once. Wrong codes count against the person and
 * against the client address, the same counters and back-off as wrong passwords
 * (docs/decisions/0125-second-factor-totp-and-recovery-codes.md).
 */
@ApplicationScoped
public class SecondFactorSignIn implements SecondSignInStep {

    static final String EXPIRED = "This sign-in has expired or was already used. Sign in again with your email and password.";

    private final SecondFactorService factors;
    private final SecondFactorRequirement requirement;
    private final RateLimiter rateLimiter;
    private final AccountConfig config;
    private final Clock clock;

    SecondFactorSignIn(SecondFactorService factors, SecondFactorRequirement requirement, RateLimiter rateLimiter,
            AccountConfig config, Clock clock) {
        this.factors = factors;
        this.requirement = requirement;
        this.rateLimiter = rateLimiter;
        this.config = config;
        this.clock = clock;
    }

    /** Also notes, at each password sign-in, whether a second factor is now required of the person. */
    @Override
    public boolean appliesTo(UUID userId) {
        if (factors.isConfirmed(userId)) {
            return true;
        }
        requirement.refresh(userId);
        return false;
    }

    @Override
    @Transactional
    public String begin(UUID userId) {
        String token = Tokens.newToken();
        Instant now = clock.instant();
        // Old pending sign-ins of this person are of no use any more: keep the table small.
        SignInChallenge.delete("ownerUserId = ?1 and (expiresAt < ?2 or usedAt is not null)", userId, now);
        SignInChallenge challenge = new SignInChallenge();
        challenge.tokenHash = Tokens.sha256(token);
        challenge.ownerUserId = userId;
        challenge.createdAt = now;
        challenge.expiresAt = now.plus(config.secondFactorStepValidity());
        challenge.persist();
        return token;
    }

    @Override
    public UUID complete(String pendingToken, String code, String ip) {
        UUID userId = pending(pendingToken).orElseThrow(() -> new DomainException(410, "Sign in again", EXPIRED));
        String ipKey = "login:ip:" + ip;
        factors.throttle(userId);
        rateLimiter.blockedFor(ipKey).ifPresent(wait -> {
            throw new AccountService.TooManyAttempts(wait);
        });
        if (!factors.verify(userId, code == null ? "" : code.trim())) {
            rateLimiter.recordFailure(ipKey);
            factors.countFailure(userId, "login.second-factor-failed");
            throw new DomainException(401, "Sign-in failed", SecondFactorService.WRONG_CODE);
        }
        if (!use(pendingToken)) {
            throw new DomainException(410, "Sign in again", EXPIRED);
        }
        rateLimiter.reset(SecondFactorService.throttleKey(userId));
        return userId;
    }

    /** The person a live pending sign-in belongs to. */
    @Transactional
    public Optional<UUID> pending(String pendingToken) {
        if (pendingToken == null || pendingToken.isBlank() || pendingToken.length() > 100) {
            return Optional.empty();
        }
        SignInChallenge challenge = SignInChallenge.findById(Tokens.sha256(pendingToken));
        if (challenge == null || challenge.usedAt != null || !clock.instant().isBefore(challenge.expiresAt)) {
            return Optional.empty();
        }
        return Optional.of(challenge.ownerUserId);
    }

    @Transactional
    boolean use(String pendingToken) {
        Instant now = clock.instant();
        return SignInChallenge.update("usedAt = ?1 where tokenHash = ?2 and usedAt is null and expiresAt > ?1", now,
                Tokens.sha256(pendingToken)) == 1;
    }
}
