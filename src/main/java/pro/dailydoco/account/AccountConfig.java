package pro.dailydoco.account;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Account settings ({@code dailydoco.account.*}), each default written once: here, or — for the properties that
 * deployments set through an environment variable that is not the property's own name (DAILYDOCO_BCRYPT_COST, not
 * DAILYDOCO_ACCOUNT_BCRYPT_COST) — on that variable's line in application.properties
 * (docs/decisions/0052-configuration-mappings.md).
 */
@ConfigMapping(prefix = "dailydoco.account")
public interface AccountConfig {

    /** bcrypt cost factor; lowered only in the test profile. Default: application.properties. */
    int bcryptCost();

    /** A session ends after this long without a request. Default: application.properties. */
    Duration sessionIdleTimeout();

    /** A session ends this long after sign-in, whatever the activity. Default: application.properties. */
    Duration sessionAbsoluteTimeout();

    /**
     * Failed sign-ins allowed per email and per IP within {@link #loginWindow()} before back-off starts. Default:
     * application.properties.
     */
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

    /**
     * Key that encrypts each person's TOTP secret at rest (AES-256-GCM); the same on every instance, and kept: without
     * it no authenticator can be set up, and with another one the ones set up no longer verify. Default:
     * application.properties (from DAILYDOCO_SECOND_FACTOR_KEY).
     */
    Optional<String> secondFactorKey();

    /**
     * How long the platform operator and owners of paid workspaces may keep signing in without a second factor,
     * counted from when it first became required of them (docs/decisions/0126-second-factor-required-with-a-grace-period.md).
     */
    @WithDefault("P14D")
    Duration secondFactorGracePeriod();

    /** How long a sign-in waits for its second step after the password was accepted. */
    @WithDefault("PT5M")
    Duration secondFactorStepValidity();
}
