package pro.dailydoco.referral;

import java.util.List;

/**
 * Ranks and badges. The viral score = pointsPerPayingReferral × paying referrals + pointsPerSignUp × sign-ups,
 * both counted over the whole downline (levels 1–7), all time; by default 10 × paying + 1 × sign-ups, so a paying
 * customer weighs ten sign-ups. The commission tier is the highest configured tier whose starting score is reached;
 * {@link TierQualification} says how many levels deep each tier earns.
 */
public record CommissionTiers(List<String> names, List<Long> startingScores, long pointsPerPaying, long pointsPerSignUp) {

    /** Where someone stands and what gets them to the next tier. */
    public record Standing(String tier, long score, String nextTier, long pointsToNext, long payingToNext,
            long signUpsToNext) {
        public boolean isTop() {
            return nextTier == null;
        }
    }

    public CommissionTiers {
        if (names.isEmpty() || names.size() != startingScores.size() || startingScores.get(0) != 0) {
            throw new IllegalArgumentException("Tiers need as many scores as names, starting at 0");
        }
        for (int i = 1; i < startingScores.size(); i++) {
            if (startingScores.get(i) <= startingScores.get(i - 1)) {
                throw new IllegalArgumentException("Tier scores must rise: " + startingScores);
            }
        }
    }

    public static CommissionTiers of(LeaderboardConfig config) {
        return new CommissionTiers(config.tierNames(), config.tierScores(), config.pointsPerPayingReferral(),
                config.pointsPerSignUp());
    }

    public long score(long payingReferrals, long signUps) {
        return pointsPerPaying * payingReferrals + pointsPerSignUp * signUps;
    }

    public String tierOf(long score) {
        return names.get(indexOf(score));
    }

    /** The position of the tier a score reaches (0 = the first tier, which starts at 0). */
    public int indexOf(long score) {
        int tier = 0;
        for (int i = 0; i < names.size(); i++) {
            if (score >= startingScores.get(i)) {
                tier = i;
            }
        }
        return tier;
    }

    public Standing standing(long score) {
        for (int i = 0; i < names.size(); i++) {
            if (score < startingScores.get(i)) {
                long missing = startingScores.get(i) - score;
                return new Standing(tierOf(score), score, names.get(i), missing, ceil(missing, pointsPerPaying),
                        ceil(missing, pointsPerSignUp));
            }
        }
        return new Standing(tierOf(score), score, null, 0, 0, 0);
    }

    private static long ceil(long missing, long per) {
        return per <= 0 ? 0 : (missing + per - 1) / per;
    }
}
