package pro.dailydoco.account.secondfactor;

import java.time.Duration;
import java.time.Instant;

import io.quarkus.arc.Arc;
import pro.dailydoco.support.TestClock;

/**
 * A person's authenticator app in tests: holds the key read from the set-up page and computes codes with RFC 6238
 * (the application's {@link Totp}, itself checked against the RFC's vectors). Each code is of a step later than the last
 * one given, as the server requires: the test clock moves to the start of the next step first, so the code is never
 * computed at a step's very end (no waiting, and no code that expires on the way).
 */
public final class AuthenticatorApp {

    private final byte[] key;
    private long lastStep = Long.MIN_VALUE;

    public AuthenticatorApp(String base32Key) {
        this.key = Base32.decode(base32Key);
    }

    /** A fresh code, as the app shows it at the start of the next 30-second step. */
    public String nextCode() {
        TestClock clock = Arc.container().instance(TestClock.class).get();
        Instant now = clock.instant();
        long nextStep = Totp.step(now) + 1;
        clock.advance(Duration.between(now, Instant.ofEpochSecond(nextStep * Totp.STEP_SECONDS)).plusMillis(100));
        lastStep = nextStep;
        return Totp.code(key, nextStep);
    }

    /** The code given last, again (a replay). */
    public String lastCode() {
        return Totp.code(key, lastStep);
    }

    byte[] keyForTests() {
        return key.clone();
    }

    /** A code no authenticator shows now: far from the current step. */
    public String staleCode() {
        return Totp.code(key, lastStep - 10);
    }
}
