package pro.dailydoco.referral;

import java.util.List;

/**
 * The rank rule (issue 5 item 3): how many levels deep a user earns, by commission tier. The tiers and the viral
 * score each starts at come from the leaderboard configuration; {@code dailydoco.referral.depth-by-tier} gives each
 * tier its depth, in the same order as the tier names. By default every tier earns from all 7 levels.
 *
 * @param depthByTier the deepest level each tier earns from (0–7), aligned with {@code tiers.names()}
 */
public record TierQualification(CommissionTiers tiers, List<Integer> depthByTier) {

    public TierQualification {
        depthByTier = List.copyOf(depthByTier);
        if (depthByTier.size() != tiers.names().size()) {
            throw new IllegalArgumentException("dailydoco.referral.depth-by-tier needs one depth per commission tier "
                    + tiers.names() + "; got " + depthByTier);
        }
        for (int depth : depthByTier) {
            if (depth < 0 || depth > CommissionPlan.LEVELS) {
                throw new IllegalArgumentException("dailydoco.referral.depth-by-tier values must be 0.."
                        + CommissionPlan.LEVELS + "; got " + depthByTier);
            }
        }
    }

    static TierQualification of(LeaderboardConfig leaderboard, ReferralConfig referral) {
        return new TierQualification(CommissionTiers.of(leaderboard), referral.depthByTier());
    }

    /** How deep someone with this viral score earns: the depth of the tier the score reaches. */
    public int depthForScore(long viralScore) {
        return depthByTier.get(tiers.indexOf(viralScore));
    }

    public int depthOfTier(String tier) {
        int index = tiers.names().indexOf(tier);
        if (index < 0) {
            throw new IllegalArgumentException("No commission tier " + tier + " in " + tiers.names());
        }
        return depthByTier.get(index);
    }

    /** True when every tier earns equally deep (the default), so the rank does not matter for depth. */
    public boolean sameForEveryTier() {
        return depthByTier.stream().distinct().count() == 1;
    }
}
