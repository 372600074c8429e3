package pro.dailydoco.referral;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;

/**
 * The referral program's settings ({@code dailydoco.referral.*}), one group per concern, named after the sub-package
 * that reads it. The groups only organise the Java side ({@link WithParentName}): every property keeps the flat name
 * deployments set, e.g. {@code dailydoco.referral.hold-period}. Each default is written once, here. The leaderboard and
 * the commission tiers have their own prefix and so their own mapping, {@link LeaderboardConfig}
 * (docs/decisions/0052-configuration-mappings.md).
 */
@ConfigMapping(prefix = "dailydoco.referral")
public interface ReferralConfig {

    @WithParentName
    Attribution attribution();

    @WithParentName
    Guards guards();

    @WithParentName
    Ledger ledger();

    @WithParentName
    Payouts payouts();

    enum AttributionModel {
        /** The newest click within the window wins (a later link replaces the cookie). */
        LAST_CLICK,
        /** The first click within the window wins (a later link leaves a live cookie alone). */
        FIRST_CLICK
    }

    /** Referral links, clicks and the attribution cookie. */
    interface Attribution {

        /**
         * HMAC key that signs the attribution cookie and keys the click's address hash; from the environment, equal
         * on every instance. When unset, a single instance uses a random key (clicks from before a restart stop
         * counting).
         */
        Optional<String> cookieKey();

        /** How long after a click a sign-up still counts for its sponsor (measured from the stored click). */
        @WithName("attribution-window")
        @WithDefault("P60D")
        Duration window();

        @WithName("attribution-model")
        @WithDefault("LAST_CLICK")
        AttributionModel model();

        /**
         * Clicks recorded per client address per {@link #clickWindow()}; further clicks redirect without
         * attribution.
         */
        @WithDefault("30")
        int clickMaxPerIp();

        @WithDefault("PT1H")
        Duration clickWindow();
    }

    /** Screening of referred sign-ups: what holds one for operator review. */
    interface Guards {

        /**
         * Throw-away mail domains (and their subdomains): a referred sign-up using one is held for operator review.
         * A starter list of well-known services; extend it in the environment.
         */
        @WithDefault("mailinator.com,guerrillamail.com,guerrillamail.info,sharklasers.com,10minutemail.com,yopmail.com,"
                + "temp-mail.org,tempmail.com,trashmail.com,getnada.com,dispostable.com,maildrop.cc,throwawaymail.com,"
                + "fakeinbox.com,mailnesia.com,mintemail.com,emailondeck.com,spamgourmet.com")
        List<String> disposableDomains();

        /**
         * More referred sign-ups than this from one click address hash within {@link #signupAddressWindow()} are
         * held.
         */
        @WithDefault("5")
        int maxSignupsPerAddress();

        @WithDefault("PT24H")
        Duration signupAddressWindow();

        /**
         * How long the keyed address hashes of clicks and sign-up screenings are kept; then the retention job empties
         * them (docs/decisions/0132-address-hashes-kept-for-a-limited-time.md). Never shorter than
         * {@link #signupAddressWindow()}, which counts them.
         */
        @WithDefault("P90D")
        Duration addressRetention();

        /**
         * How often each instance empties address hashes past {@link #addressRetention()} ({@code off} in tests, which
         * call the job); the job's {@code @Scheduled} expression reads this property, and with it this default.
         */
        @WithDefault("1h")
        String addressRetentionEvery();
    }

    /** The ledger: how deep each tier earns, and when commissions are approved. */
    interface Ledger {

        /**
         * The rank rule: how many levels deep each commission tier earns (0–7), one value per tier in the order of
         * {@code dailydoco.leaderboard.tier-names} (default Bronze, Silver, Gold, Platinum: all 7 levels).
         */
        @WithDefault("7,7,7,7")
        List<Integer> depthByTier();

        /** PENDING commissions become APPROVED this long after their invoice was paid. */
        @WithDefault("P30D")
        Duration holdPeriod();

        /**
         * How often the approval job runs ("off" disables it, as in tests that call it with an explicit time). The
         * job's {@code @Scheduled} expression reads this property, and with it this default.
         */
        @WithDefault("1h")
        String approveEvery();
    }

    interface Payouts {

        /** Smallest approved balance paid out, in US cents. */
        @WithName("payout-threshold-cents")
        @WithDefault("5000")
        long thresholdCents();
    }
}
