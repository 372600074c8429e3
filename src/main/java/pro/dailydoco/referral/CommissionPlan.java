package pro.dailydoco.referral;

import java.util.List;

import pro.dailydoco.core.DomainException;

/**
 * One published version of the commission plan: the rate of each of the 7 levels in integer basis points
 * (1 bp = 0.01 %). Every commission row records the version and the rate it used, so publishing a new version
 * never changes what was already earned.
 */
public record CommissionPlan(int version, List<Integer> levelRatesBasisPoints) {

    public static final int LEVELS = 7;
    public static final int FULL_AMOUNT_BASIS_POINTS = 10_000;
    /**
     * 20 %, 15 %, 10 %, 8 %, 5 %, 3 %, 2 %: the default rates (docs/decisions/0020-seven-levels-and-default-rates.md),
     * and the one place code reads them. The database holds them as the plan first published (version 1);
     * CommissionPlanSeedTest keeps the two equal (docs/decisions/0050-default-commission-rates.md).
     */
    public static final List<Integer> DEFAULT_RATES = List.of(2000, 1500, 1000, 800, 500, 300, 200);

    /**
     * Refuses a plan an operator must not publish, with a message that names the offending level, so the form
     * can show it next to the field.
     */
    public CommissionPlan {
        if (version < 1) {
            throw DomainException.badRequest("A commission plan version starts at 1; got " + version + ".");
        }
        if (levelRatesBasisPoints == null || levelRatesBasisPoints.size() != LEVELS) {
            int given = levelRatesBasisPoints == null ? 0 : levelRatesBasisPoints.size();
            throw DomainException.badRequest(
                    "A commission plan has exactly " + LEVELS + " levels; got " + given + ".");
        }
        long sum = 0;
        for (int i = 0; i < LEVELS; i++) {
            Integer rate = levelRatesBasisPoints.get(i);
            if (rate == null || rate < 0 || rate > FULL_AMOUNT_BASIS_POINTS) {
                throw DomainException.badRequest("Level " + (i + 1)
                        + " rate must be between 0 and 10000 basis points (0–100 %); got " + rate + ".");
            }
            sum += rate;
        }
        if (sum > FULL_AMOUNT_BASIS_POINTS) {
            throw DomainException.badRequest("The level rates add up to " + sum
                    + " basis points; together they may be at most 10000 (100 % of the amount).");
        }
        levelRatesBasisPoints = List.copyOf(levelRatesBasisPoints);
    }

    public static CommissionPlan defaultPlan(int version) {
        return new CommissionPlan(version, DEFAULT_RATES);
    }

    /** The rate of a level, 1 = direct sponsor … 7. */
    public int rateOfLevel(int level) {
        return levelRatesBasisPoints.get(new Level(level).index());
    }

    public int totalBasisPoints() {
        return levelRatesBasisPoints.stream().mapToInt(Integer::intValue).sum();
    }
}
