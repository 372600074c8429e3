package pro.dailydoco.billing;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import pro.dailydoco.account.SeatLimits;
import pro.dailydoco.billing.events.AddOn;
import pro.dailydoco.billing.events.Plan;

/** Seat limits from the plan in force ({@link Entitlements#effectivePlan}): the higher of override and subscription. */
@ApplicationScoped
public class PlanSeatLimits implements SeatLimits {

    private final Entitlements entitlements;
    private final AddOnGrants addOns;

    PlanSeatLimits(Entitlements entitlements, AddOnGrants addOns) {
        this.entitlements = entitlements;
        this.addOns = addOns;
    }

    /** The plan's seats plus the extra seats the workspace's subscriptions grant (an unlimited plan stays unlimited). */
    @Override
    public long seatLimit(UUID tenantId) {
        long planSeats = entitlements.effectivePlan(tenantId).seats();
        return planSeats == Plan.UNLIMITED ? Plan.UNLIMITED : planSeats + addOns.quantity(AddOn.EXTRA_SEATS);
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
