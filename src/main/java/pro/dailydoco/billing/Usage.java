package pro.dailydoco.billing;

import java.util.UUID;

/**
 * How much of a limit a tenant uses now, for the billing page. Implemented by the features that own the counted
 * things (seats in accounts, projects and video minutes in projects), so billing never imports them.
 */
public interface Usage {

    /** The limit this meter counts. */
    Limit limit();

    /** Current use, counted in the tenant's scope (the caller runs in a transaction for that tenant). */
    long current(UUID tenantId);
}
