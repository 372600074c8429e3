package pro.dailydoco.billing;

import pro.dailydoco.billing.events.Plan;
import pro.dailydoco.core.DomainException;

/** A feature the tenant's plan does not include (403), e.g. SSO below Enterprise. */
public class FeatureNotInPlan extends DomainException {

    public FeatureNotInPlan(String feature, Plan plan, Plan upgradeTo) {
        super(403, "Not included in your plan", feature + " is not included in the " + plan.displayName()
                + " plan. Upgrade to " + upgradeTo.displayName() + " on the Billing page to use it.");
    }
}
