package pro.dailydoco.billing.events;

import java.util.Locale;

/** A Stripe subscription's status as billing keeps it. */
public enum SubscriptionStatus {
    TRIALING,
    ACTIVE,
    PAST_DUE,
    CANCELED,
    UNPAID,
    /** The first payment has not succeeded yet: no plan until it does. */
    INCOMPLETE,
    PAUSED;

    /** Maps Stripe's status; {@code incomplete_expired} is a subscription that never started, so canceled. */
    public static SubscriptionStatus fromStripe(String status) {
        if (status == null) {
            throw new IllegalArgumentException("A subscription without a status");
        }
        if (status.equals("incomplete_expired")) {
            return CANCELED;
        }
        return valueOf(status.toUpperCase(Locale.ROOT));
    }
}
