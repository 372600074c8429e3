package pro.dailydoco.tenant;

import java.util.UUID;
import java.util.function.Supplier;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Runs a unit of work for an explicit tenant and/or user in its own transaction: webhooks, scheduled jobs and
 * start-up tasks have no request to take the context from, and a loop over tenants must not carry one tenant's
 * settings into the next.
 */
@ApplicationScoped
public class ScopedWork {

    public <T> T call(UUID tenantId, UUID userId, Supplier<T> work) {
        return inScope(tenantId, userId, () -> QuarkusTransaction.requiringNew().call(work::get));
    }

    /**
     * Sets the scope without opening a transaction, for work that opens its own short ones around a call that must
     * not run inside one (a call to Stripe, see docs/decisions/0105-stripe-look-ups-before-the-transaction.md).
     */
    public <T> T inScope(UUID tenantId, UUID userId, Supplier<T> work) {
        ManagedContext requestContext = Arc.container().requestContext();
        boolean activated = !requestContext.isActive();
        if (activated) {
            requestContext.activate();
        }
        try {
            TenantContext context = Arc.container().instance(TenantContext.class).get();
            UUID previousTenant = context.tenantId().orElse(null);
            UUID previousUser = context.userId().orElse(null);
            context.setTenantId(tenantId);
            context.setUserId(userId);
            try {
                return work.get();
            } finally {
                context.setTenantId(previousTenant);
                context.setUserId(previousUser);
            }
        } finally {
            if (activated) {
                requestContext.terminate();
            }
        }
    }

    public void run(UUID tenantId, UUID userId, Runnable work) {
        call(tenantId, userId, () -> {
            work.run();
            return null;
        });
    }

    public <T> T asTenant(UUID tenantId, Supplier<T> work) {
        return call(tenantId, null, work);
    }

    public <T> T asUser(UUID userId, Supplier<T> work) {
        return call(null, userId, work);
    }
}
