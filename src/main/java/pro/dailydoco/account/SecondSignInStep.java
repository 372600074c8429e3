package pro.dailydoco.account;

import java.util.UUID;

/**
 * A step between a correct password and a session, for people who set up a second factor. Implemented by
 * {@code account.secondfactor}; accounts only asks it, so the password sign-in never starts a session on its own for
 * such a person (docs/decisions/0125-second-factor-totp-and-recovery-codes.md).
 */
public interface SecondSignInStep {

    /** Whether {@code userId} must give a second factor after the password. */
    boolean appliesTo(UUID userId);

    /** Records a pending sign-in in PostgreSQL and returns the secret the browser keeps for the second step. */
    String begin(UUID userId);

    /**
     * Checks {@code code} (an authenticator code or an unused recovery code) against the pending sign-in, throttled,
     * and uses the pending sign-in up.
     *
     * @return the person signing in
     * @throws pro.dailydoco.core.DomainException 401 for a wrong code, 410 for a pending sign-in that is unknown,
     *         used or expired, 429 while throttled
     */
    UUID complete(String pendingToken, String code, String ip);
}
