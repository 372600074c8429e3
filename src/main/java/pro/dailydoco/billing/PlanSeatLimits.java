package pro.dailydoco.billing;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import pro.dailydoco.account.SeatLimits;
import pro.dailydoco.billing.events.Plan;

/** Seat limits from the plan in force ({@link Entitlements#effectivePlan}): the higher of override and subscription. */
@ApplicationScoped
public class PlanSeatLimits implements SeatLimits {

    private final Entitlements entitlements;

    PlanSeatLimits(Entitlements entitlements) {
        this.entitlements = entitlements;
    }

    @Override
    public long seatLimit(UUID tenantId) {
        return entitlements.effectivePlan(tenantId).seats();
    }

    @Override
    public String planName(UUID tenantId) {
        return entitlements.effectivePlan(tenantId).displayName();
    }

    @Override
    public boolean isPaying(UUID tenantId) {
        return entitlements.effectivePlan(tenantId) != Plan.FREE;
    }
}
