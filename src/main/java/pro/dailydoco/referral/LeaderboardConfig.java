package pro.dailydoco.referral;

import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The leaderboard: refresh cadence, size, and the commission tiers reached by viral score. Part of the referral
 * program's settings, in a mapping of its own because its properties start with {@code dailydoco.leaderboard}, a name
 * deployments already set (docs/decisions/0052-configuration-mappings.md).
 */
@ConfigMapping(prefix = "dailydoco.leaderboard")
public interface LeaderboardConfig {

    /**
     * How often the job rebuilds the leaderboard ("off" disables it, as in tests that call it directly). The job's
     * {@code @Scheduled} expression reads this property, and with it this default.
     */
    @WithDefault("5m")
    String refreshEvery();

    /** How many people each ranking lists. */
    @WithDefault("10")
    int size();

    /** Commission tier names, lowest first; a badge shows the tier reached. */
    @WithDefault("Bronze,Silver,Gold,Platinum")
    List<String> tierNames();

    /** The viral score each tier starts at, same order as the names; the first must be 0. */
    @WithDefault("0,50,200,1000")
    List<Long> tierScores();

    /**
     * Viral score points per referred user (any level) who became paying. Default: application.properties, on the
     * line that reads the environment variable deployments set for it.
     */
    long pointsPerPayingReferral();

    /** Viral score points per referred sign-up (any level). */
    @WithDefault("1")
    long pointsPerSignUp();
}
