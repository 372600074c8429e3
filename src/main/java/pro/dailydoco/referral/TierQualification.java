package pro.dailydoco.referral;

import java.util.List;

/**
 * The rank rule (docs/decisions/0024-rank-limits-depth-by-paying-referrals.md): how many levels deep a user earns, by
 * commission tier. The tiers and the score each starts at come from the leaderboard configuration;
 * {@code dailydoco.referral.depth-by-tier} gives each tier its depth, in the same order as the tier names. By default
 * every tier earns from all 7 levels.
 * <p>
 * The depth counts <b>paying referrals only</b>: the tier is the one reached by the paying part of the viral score
 * ({@code pointsPerPaying × paying referrals}). Sign-ups raise the viral score, and so the leaderboard badge, but never
 * how much anyone earns — the disclosure promises nothing is earned from sign-ups or recruitment.
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
            if (!Level.isDepth(depth)) {
                throw new IllegalArgumentException("dailydoco.referral.depth-by-tier values must be 0.."
                        + CommissionPlan.LEVELS + "; got " + depthByTier);
            }
        }
    }

    public static TierQualification of(LeaderboardConfig leaderboard, ReferralConfig referral) {
        return new TierQualification(CommissionTiers.of(leaderboard), referral.ledger().depthByTier());
    }

    /**
     * How deep someone with this many paying referrals (in their downline, levels 1–7) earns: the depth of the tier
     * their paying referrals alone reach. Sign-ups count for nothing here.
     */
    public int depthForPayingReferrals(long payingReferrals) {
        return depthByTier.get(tiers.indexOf(tiers.score(payingReferrals, 0)));
    }

    /** The tier that decides depth: the one the paying referrals alone reach. */
    public String qualifyingTier(long payingReferrals) {
        return tiers.tierOf(tiers.score(payingReferrals, 0));
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
