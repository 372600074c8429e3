package pro.dailydoco.account.secondfactor;

import java.time.Instant;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import pro.dailydoco.account.AccountConfig;
import pro.dailydoco.account.CurrentUser;

/**
 * The layout's second-factor banner and the gate after the grace period, for this request's person: required of them
 * ({@link SecondFactorRequirement}), not set up, signed in with a password (an SSO sign-in's identity provider is in
 * charge of its factors). Worked out at most once per request, from what the request's look-up read; one query, and
 * only for people it is required of. It writes nothing: operators are marked at start-up
 * ({@link SecondFactorRequirement}), so it runs on read-only pages too.
 */
@Named("secondFactor")
@RequestScoped
public class SecondFactorPrompt {

    private final CurrentUser currentUser;
    private final SecondFactorService factors;
    private final AccountConfig config;
    private final java.time.Clock clock;
    private boolean computed;
    private Instant deadline;

    SecondFactorPrompt(CurrentUser currentUser, SecondFactorService factors, AccountConfig config, java.time.Clock clock) {
        this.currentUser = currentUser;
        this.factors = factors;
        this.config = config;
        this.clock = clock;
    }

    /** A banner on every page: a second factor is required and not set up yet. */
    public boolean isVisible() {
        return deadline() != null;
    }

    /** When the grace period ends (or ended). */
    public Instant getDeadline() {
        return deadline();
    }

    /** The grace period is over: nothing but setting up the second factor (and signing out) until it is done. */
    public boolean isOverdue() {
        Instant end = deadline();
        return end != null && !clock.instant().isBefore(end);
    }

    private Instant deadline() {
        if (!computed) {
            computed = true;
            deadline = compute();
        }
        return deadline;
    }

    private Instant compute() {
        if (!currentUser.isSignedIn() || !currentUser.hasPassword()
                || currentUser.session().map(s -> s.ssoTenantId != null).orElse(true)) {
            return null;
        }
        Instant since = currentUser.require().secondFactorRequiredSince;
        if (since == null || factors.isConfirmed(currentUser.id())) {
            return null;
        }
        return since.plus(config.secondFactorGracePeriod());
    }
}
