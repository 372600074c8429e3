package pro.dailydoco.referral;

import java.util.List;
import java.util.stream.IntStream;

/**
 * A level of the referral tree as the commission plan counts it: 1 is the people someone referred directly, 2 the
 * people those referred, and so on down to {@link CommissionPlan#LEVELS}. The one place that says which numbers are
 * levels; a depth someone may earn to is 0 (none) or a level.
 */
public record Level(int value) {

    private static final List<Integer> NUMBERS = IntStream.rangeClosed(1, CommissionPlan.LEVELS).boxed().toList();

    public Level {
        if (!isLevel(value)) {
            throw new IllegalArgumentException("Levels run from 1 to " + CommissionPlan.LEVELS + "; got " + value);
        }
    }

    /** Whether {@code value} names a level of the plan. */
    public static boolean isLevel(int value) {
        return value >= 1 && value <= CommissionPlan.LEVELS;
    }

    /** Whether {@code depth} is how deep someone may earn: 0 (from no level) or down to a level. */
    public static boolean isDepth(int depth) {
        return depth == 0 || isLevel(depth);
    }

    /** Every level, nearest first: 1, 2, … {@link CommissionPlan#LEVELS}. */
    public static List<Integer> numbers() {
        return NUMBERS;
    }

    /** Where this level's rate sits in a plan's list of rates (level 1 first). */
    public int index() {
        return value - 1;
    }
}
