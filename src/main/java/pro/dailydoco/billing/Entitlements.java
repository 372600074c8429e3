package pro.dailydoco.billing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import pro.dailydoco.billing.events.Plan;
import pro.dailydoco.billing.events.SubscriptionStatus;
import pro.dailydoco.core.DomainException;
import pro.dailydoco.tenant.ScopedWork;
import pro.dailydoco.tenant.Tenant;
import pro.dailydoco.tenant.TenantContext;

/**
 * What a tenant may use. The server asks here before every addition a plan limits; the UI shows the same answers
 * but never replaces this check. Downgrades only refuse additions: nothing is ever deleted.
 */
@ApplicationScoped
public class Entitlements {

    /**
     * The billing state a page needs: the plan in force, where it comes from, and, while a payment is past due, when
     * the lower plan starts. Every page and check reads the plan from here
     * (docs/decisions/0155-the-plan-in-force-is-the-higher-of-override-and-subscription.md).
     *
     * @param effectivePlan the plan in force: the higher of the operator's override and what the subscription grants
     * @param subscribedPlan the plan the subscription is for, whatever its status
     * @param override the operator's {@code plan} from tenants/*.yaml
     */
    public record Standing(Plan effectivePlan, Optional<SubscriptionStatus> status, Optional<Plan> subscribedPlan,
            Optional<Plan> override, Optional<Instant> graceEndsAt, Optional<Instant> freeLimitsSince) {

        /** The override decides the plan in force: the subscription grants less than it (or nothing). */
        public boolean overridden() {
            return override.isPresent() && override.get() == effectivePlan && !subscriptionDecides();
        }

        /** The subscription decides the plan in force (an override, if any, is lower or the same). */
        public boolean subscriptionDecides() {
            return subscribedPlan.isPresent() && status.map(SubscriptionSync::isLive).orElse(false)
                    && subscribedPlan.get() == effectivePlan && !freeLimitsSince.isPresent();
        }

        /** The plan that applies when the subscription lapses: the override, else Free. */
        public Plan fallbackPlan() {
            return override.orElse(Plan.FREE);
        }

        /** A failed payment changes what the workspace may use only when the subscription gives more than the fallback. */
        private boolean lapseLowersThePlan() {
            return subscribedPlan.map(p -> p.ordinal() > fallbackPlan().ordinal()).orElse(false);
        }

        /** past_due within the grace period: admins see a banner with a link to fix the card. */
        public boolean paymentNeedsAttention() {
            return graceEndsAt.isPresent() && lapseLowersThePlan();
        }

        /** past_due beyond the grace period: the fallback plan's limits apply until the card is fixed. */
        public boolean gracePassed() {
            return freeLimitsSince.isPresent() && lapseLowersThePlan();
        }

        /** The subscription is past due (whether or not the grace period is over). */
        public boolean pastDue() {
            return status.filter(s -> s == SubscriptionStatus.PAST_DUE).isPresent();
        }
    }

    private final ScopedWork scopedWork;
    private final BillingConfig config;
    private final Clock clock;

    Entitlements(ScopedWork scopedWork, BillingConfig config, Clock clock) {
        this.scopedWork = scopedWork;
        this.config = config;
        this.clock = clock;
    }

    /**
     * The plan in force: the higher of the operator's {@code plan} in tenants/*.yaml and the plan the subscription
     * grants (its plan while active or trialing, or past_due for at most the grace period; else Free). An override is
     * a floor, never a ceiling: nobody pays for a plan they don't get
     * (docs/decisions/0155-the-plan-in-force-is-the-higher-of-override-and-subscription.md).
     */
    public Plan effectivePlan(UUID tenantId) {
        return standing(tenantId).effectivePlan();
    }

    public Standing standing(UUID tenantId) {
        return read(tenantId).standing();
    }

    /** The standing and the subscription it was computed from, for a page that shows both (one read of each). */
    record Reading(Standing standing, Optional<Subscription> subscription) {
    }

    Reading read(UUID tenantId) {
        UUID inContext = TenantContext.current().flatMap(TenantContext::tenantId).orElse(null);
        if (tenantId.equals(inContext) && QuarkusTransaction.isActive()) {
            return compute(tenantId);
        }
        return scopedWork.asTenant(tenantId, () -> compute(tenantId));
    }

    /**
     * Refuses an addition that would take the tenant past its plan's limit.
     *
     * @param currentCount what the tenant has now (members plus pending invitations for seats)
     * @param additional what the action adds
     * @throws LimitExceeded (402) naming the limit, the plan and the smallest plan that allows it
     */
    public void requireWithin(UUID tenantId, Limit limit, long currentCount, long additional) {
        Plan plan = effectivePlan(tenantId);
        long wanted = currentCount + additional;
        if (!Plan.within(limit.of(plan), wanted)) {
            Plan upgrade = Arrays.stream(Plan.values())
                    .filter(p -> p.ordinal() > plan.ordinal() && Plan.within(limit.of(p), wanted))
                    .findFirst().orElse(null);
            throw new LimitExceeded(limit, plan, currentCount, additional, upgrade);
        }
    }

    /** @throws FeatureNotInPlan (403) unless the tenant's plan includes single sign-on */
    public void requireSso(UUID tenantId) {
        Plan plan = effectivePlan(tenantId);
        if (!plan.sso()) {
            throw new FeatureNotInPlan("Single sign-on", plan, Plan.ENTERPRISE);
        }
    }

    private Reading compute(UUID tenantId) {
        // A request's look-up already read its workspace, override included: only another workspace is read here.
        Tenant tenant = TenantContext.current().flatMap(TenantContext::tenant).filter(t -> tenantId.equals(t.id))
                .orElseGet(() -> Tenant.findById(tenantId));
        if (tenant == null) {
            throw DomainException.notFound("There is no such workspace.");
        }
        Optional<Subscription> subscription = Subscription.current();
        Optional<Plan> override = Plan.parse(tenant.planOverride);
        Instant now = clock.instant();
        Plan fromSubscription = subscription.map(s -> planOf(s, now, config.gracePeriod())).orElse(Plan.FREE);
        Optional<Instant> graceEnd = subscription
                .filter(s -> s.status == SubscriptionStatus.PAST_DUE && s.pastDueSince != null)
                .map(s -> s.pastDueSince.plus(config.gracePeriod()));
        return new Reading(new Standing(inForce(override, fromSubscription), subscription.map(s -> s.status),
                subscription.map(s -> s.plan), override, graceEnd.filter(now::isBefore),
                graceEnd.filter(end -> !now.isBefore(end))), subscription);
    }

    /**
     * The plan in force from values a caller read in its own one-statement look-up (the public API reads its key,
     * workspace and subscription together): the same rule as {@link #effectivePlan}, without reading again.
     */
    public Plan planInForce(String planOverride, String subscribedPlan, String subscriptionStatus, Instant pastDueSince) {
        Plan fromSubscription = Plan.FREE;
        if (subscriptionStatus != null) {
            Subscription subscription = new Subscription();
            subscription.plan = Plan.parse(subscribedPlan).orElse(null);
            subscription.status = SubscriptionStatus.valueOf(subscriptionStatus);
            subscription.pastDueSince = pastDueSince;
            fromSubscription = planOf(subscription, clock.instant(), config.gracePeriod());
        }
        return inForce(Plan.parse(planOverride), fromSubscription);
    }

    /** The one rule: the higher of the override and what the subscription grants (plans are ordered by price). */
    static Plan inForce(Optional<Plan> override, Plan fromSubscription) {
        return override.filter(o -> o.ordinal() > fromSubscription.ordinal()).orElse(fromSubscription);
    }

    /** The plan a subscription grants at {@code now}: its plan while active, trialing or past_due within grace. */
    static Plan planOf(Subscription subscription, Instant now, Duration gracePeriod) {
        if (subscription.plan == null || subscription.status == null) {
            return Plan.FREE;
        }
        return switch (subscription.status) {
            case ACTIVE, TRIALING -> subscription.plan;
            case PAST_DUE -> subscription.pastDueSince != null
                    && now.isBefore(subscription.pastDueSince.plus(gracePeriod)) ? subscription.plan : Plan.FREE;
            default -> Plan.FREE;
        };
    }
}
