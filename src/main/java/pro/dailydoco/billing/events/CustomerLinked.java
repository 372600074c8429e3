package pro.dailydoco.billing.events;

import java.util.UUID;

/**
 * A Stripe customer now pays for a tenant (created at checkout, or first seen on a subscription event). Fired inside
 * the transaction that routes the customer to the tenant, in that tenant's scope, possibly more than once for the
 * same customer: consumers record it idempotently.
 */
public record CustomerLinked(UUID tenantId, String customerId) {
}
