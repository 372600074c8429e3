package pro.dailydoco.operator;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import pro.dailydoco.core.InvalidInput;
import pro.dailydoco.referral.CommissionPlan;
import pro.dailydoco.referral.Level;

/**
 * The operator's plan form: seven percentages (up to two decimals) turned into basis points, with a message beside
 * each field that is wrong. {@link CommissionPlan} checks the same rules again when the plan is published.
 */
final class CommissionPlanForm {

    static final String TOTAL = "total";

    private CommissionPlanForm() {
    }

    static String field(int level) {
        return "level" + level;
    }

    /** The form's values for the plan's rates, as percentages. */
    static Map<String, String> values(CommissionPlan plan) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int level : Level.numbers()) {
            values.put(field(level), BigDecimal.valueOf(plan.rateOfLevel(level), 2).stripTrailingZeros().toPlainString());
        }
        return values;
    }

    /** Basis points per level, or {@link InvalidInput} naming each wrong field (and the total when over 100 %). */
    static List<Integer> basisPoints(Map<String, String> values) {
        Map<String, String> errors = new LinkedHashMap<>();
        List<Integer> rates = new ArrayList<>();
        long sum = 0;
        for (int level : Level.numbers()) {
            String raw = values.getOrDefault(field(level), "").trim().replace(',', '.').replace("%", "").trim();
            try {
                BigDecimal percent = new BigDecimal(raw);
                if (percent.scale() > 2) {
                    errors.put(field(level), "Level " + level + ": use at most two decimals (e.g. 12.5).");
                } else if (percent.signum() < 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0) {
                    errors.put(field(level), "Level " + level + ": a rate is between 0 and 100 %.");
                } else {
                    int bp = percent.movePointRight(2).intValueExact();
                    rates.add(bp);
                    sum += bp;
                }
            } catch (NumberFormatException | ArithmeticException e) {
                errors.put(field(level), "Level " + level + ": enter a percentage, e.g. 20 or 12.5.");
            }
        }
        if (errors.isEmpty() && sum > CommissionPlan.FULL_AMOUNT_BASIS_POINTS) {
            errors.put(TOTAL, "The rates add up to " + BigDecimal.valueOf(sum, 2).stripTrailingZeros().toPlainString()
                    + " %; together they may be at most 100 % of the amount.");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return rates;
    }
}
