package pro.dailydoco.billing;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import pro.dailydoco.account.SeatLimits;
import pro.dailydoco.tenant.Tenant;

/** Seat limits from the tenant's plan: the declared override, else Free (until subscriptions decide the plan). */
@ApplicationScoped
public class PlanSeatLimits implements SeatLimits {

    private static Plan plan(UUID tenantId) {
        Tenant tenant = Tenant.findById(tenantId);
        return tenant == null ? Plan.FREE : Plan.parse(tenant.planOverride).orElse(Plan.FREE);
    }

    @Override
    public long seatLimit(UUID tenantId) {
        return plan(tenantId).seats();
    }

    @Override
    public String planName(UUID tenantId) {
        return plan(tenantId).displayName();
    }

    @Override
    public boolean isPaying(UUID tenantId) {
        return plan(tenantId) != Plan.FREE;
    }
}
