package pro.dailydoco.referral;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "dailydoco.referral")
public interface ReferralConfig {

    enum AttributionModel {
        /** The newest click within the window wins (a later link replaces the cookie). */
        LAST_CLICK,
        /** The first click within the window wins (a later link leaves a live cookie alone). */
        FIRST_CLICK
    }

    /**
     * HMAC key that signs the attribution cookie and keys the click's address hash; from the environment, equal on
     * every instance. When unset, a single instance uses a random key (clicks from before a restart stop counting).
     */
    java.util.Optional<String> cookieKey();

    /** How long after a click a sign-up still counts for its sponsor (measured from the stored click). */
    @WithDefault("P60D")
    Duration attributionWindow();

    @WithDefault("LAST_CLICK")
    AttributionModel attributionModel();

    /** Clicks recorded per client address per {@link #clickWindow()}; further clicks redirect without attribution. */
    @WithDefault("30")
    int clickMaxPerIp();

    @WithDefault("PT1H")
    Duration clickWindow();

    /** PENDING commissions become APPROVED this long after their invoice was paid. */
    @WithDefault("P30D")
    Duration holdPeriod();

    /**
     * The rank rule: how many levels deep each commission tier earns (0–7), one value per tier in the order of
     * {@code dailydoco.leaderboard.tier-names} (default Bronze, Silver, Gold, Platinum: all 7 levels).
     */
    @WithDefault("7,7,7,7")
    java.util.List<Integer> depthByTier();

    /** Smallest approved balance paid out, in US cents. */
    @WithDefault("5000")
    long payoutThresholdCents();

    /**
     * Throw-away mail domains (and their subdomains): a referred sign-up using one is held for operator review.
     * A starter list of well-known services; extend it in the environment.
     */
    @WithDefault("mailinator.com,guerrillamail.com,guerrillamail.info,sharklasers.com,10minutemail.com,yopmail.com,"
            + "temp-mail.org,tempmail.com,trashmail.com,getnada.com,dispostable.com,maildrop.cc,throwawaymail.com,"
            + "fakeinbox.com,mailnesia.com,mintemail.com,emailondeck.com,spamgourmet.com")
    java.util.List<String> disposableDomains();

    /** More referred sign-ups than this from one click address hash within {@link #signupAddressWindow()} are held. */
    @WithDefault("5")
    int maxSignupsPerAddress();

    @WithDefault("PT24H")
    Duration signupAddressWindow();

    /** How often the approval job runs ("off" disables it, as in tests that call it with an explicit time). */
    @WithDefault("1h")
    String approveEvery();
}
