package pro.dailydoco.billing.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A tenant's subscription moved to another plan or status. Fired synchronously in the webhook transaction that
 * applied it; {@code at} is the Stripe event's creation time (when it happened, not when we heard of it).
 * {@code previousPlan}/{@code plan} are null when no plan is known (no subscription, or an unmapped price).
 */
public record SubscriptionChanged(UUID tenantId, Plan previousPlan, SubscriptionStatus previousStatus, Plan plan,
        SubscriptionStatus status, Instant at) {

    /** Monthly recurring revenue of a state: the plan's price while the subscription is paid (active or past due). */
    public static long mrrCents(Plan plan, SubscriptionStatus status) {
        if (plan == null || status == null) {
            return 0;
        }
        return status == SubscriptionStatus.ACTIVE || status == SubscriptionStatus.PAST_DUE ? plan.monthlyPrice().minor() : 0;
    }
}
