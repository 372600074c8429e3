package pro.dailydoco.account;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "dailydoco.account")
public interface AccountConfig {

    /** bcrypt cost factor; lowered only in the test profile. */
    @WithDefault("12")
    int bcryptCost();

    /** A session ends after this long without a request. */
    @WithDefault("PT2H")
    Duration sessionIdleTimeout();

    /** A session ends this long after sign-in, whatever the activity. */
    @WithDefault("P7D")
    Duration sessionAbsoluteTimeout();

    /** Failed sign-ins allowed per email and per IP within {@link #loginWindow()} before back-off starts. */
    @WithDefault("5")
    int loginMaxFailures();

    @WithDefault("PT15M")
    Duration loginWindow();

    /** First back-off; it doubles with each further failure up to {@link #loginBackoffMax()}. */
    @WithDefault("PT1M")
    Duration loginBackoffBase();

    @WithDefault("PT1H")
    Duration loginBackoffMax();

    /** Sign-ups accepted per client IP per {@link #loginWindow()} (sign-up reveals whether an email is taken). */
    @WithDefault("10")
    int signupMaxPerIp();

    @WithDefault("P7D")
    Duration invitationValidity();

    @WithDefault("P2D")
    Duration verificationValidity();

    @WithDefault("PT1H")
    Duration passwordResetValidity();

    /** Emails of platform operators (not a tenant role). */
    Optional<List<String>> operatorEmails();

    /** Addresses of reverse proxies whose X-Forwarded-For is believed. */
    Optional<List<String>> trustedProxies();

    /**
     * Key that signs CSRF tokens; it must be the same on every instance. When unset, a single instance uses a random
     * key (and warns at start-up); several instances behind a load balancer need it set.
     */
    Optional<String> csrfKey();
}
