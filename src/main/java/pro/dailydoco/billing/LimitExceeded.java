package pro.dailydoco.billing;

import java.util.Optional;

import pro.dailydoco.billing.events.Plan;
import pro.dailydoco.core.DomainException;
import pro.dailydoco.core.web.Formats;

/**
 * An addition the tenant's plan does not allow (402 Payment Required): names the limit, the plan, and the smallest
 * plan that would allow it, so the page can show the upgrade path.
 */
public class LimitExceeded extends DomainException {

    private final Limit limit;
    private final Plan plan;
    private final Plan upgradeTo;

    public LimitExceeded(Limit limit, Plan plan, long current, long additional, Plan upgradeTo) {
        super(402, "Plan limit reached", message(limit, plan, current, additional, upgradeTo));
        this.limit = limit;
        this.plan = plan;
        this.upgradeTo = upgradeTo;
    }

    public Limit limit() {
        return limit;
    }

    public Plan plan() {
        return plan;
    }

    public Optional<Plan> upgradeTo() {
        return Optional.ofNullable(upgradeTo);
    }

    private static String message(Limit limit, Plan plan, long current, long additional, Plan upgradeTo) {
        // Counts through the one formatter, so a limit of 3,000 minutes never reads "3000".
        String base = "The " + plan.displayName() + " plan includes " + Formats.count(limit.of(plan)) + " "
                + limit.label() + "; this workspace has " + Formats.count(current) + " and this would add "
                + Formats.count(additional) + ".";
        if (upgradeTo == null) {
            return base + " Please contact us to raise the limit.";
        }
        long upgraded = limit.of(upgradeTo);
        return base + " Upgrade to " + upgradeTo.displayName() + " ("
                + (upgraded == Plan.UNLIMITED ? "unlimited" : "up to " + Formats.count(upgraded)) + " " + limit.label()
                + ") on the Billing page.";
    }
}
