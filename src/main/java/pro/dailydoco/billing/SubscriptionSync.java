package pro.dailydoco.billing;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import pro.dailydoco.audit.AuditEvent;
import pro.dailydoco.audit.AuditLog;
import pro.dailydoco.billing.StripeObjects.CheckoutSessionData;
import pro.dailydoco.billing.StripeObjects.SubscriptionState;
import pro.dailydoco.billing.events.Plan;
import pro.dailydoco.billing.events.SubscriptionChanged;
import pro.dailydoco.billing.events.SubscriptionStatus;

/**
 * Applies Stripe's subscription events to the tenant's {@link Subscription}, in the tenant's scope. Stripe does not
 * deliver in order, so the {@code created} of the last applied event is kept: older events are ignored, and on a
 * tie (same second) the subscription as Stripe has it now is applied instead of guessing which came last. That state
 * is read before the transaction ({@link StripeLookups#forSubscriptionTie}), never under the row lock.
 */
@ApplicationScoped
public class SubscriptionSync {

    private final Event<SubscriptionChanged> subscriptionChanged;
    private final PlanPrices prices;
    private final AddOnGrants addOns;
    private final BillingRoutes routes;
    private final AuditLog auditLog;
    private final Clock clock;

    SubscriptionSync(PlanPrices prices, AddOnGrants addOns, BillingRoutes routes, AuditLog auditLog, Clock clock,
            Event<SubscriptionChanged> subscriptionChanged) {
        this.addOns = addOns;
        this.subscriptionChanged = subscriptionChanged;
        this.prices = prices;
        this.routes = routes;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /** checkout.session.completed: the tenant's customer and its new subscription id (the state comes with it). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordCheckoutCompleted(UUID tenantId, CheckoutSessionData session) {
        Subscription row = Subscription.currentForUpdate(clock.instant());
        bindCustomer(row, tenantId, session.customerId());
        if (row.stripeSubscriptionId == null && session.subscriptionId() != null) {
            row.stripeSubscriptionId = session.subscriptionId();
        }
        row.updatedAt = clock.instant();
        auditLog.record(tenantId, AuditEvent.system("billing.checkout.completed").subjectTenant(tenantId)
                .target("stripe_checkout_session", session.id()).build());
    }

    /**
     * customer.subscription.created, .updated and .deleted, applied unless a newer event was applied already.
     *
     * @param currentOnTie Stripe's current state, read before the transaction because the event tied with the last
     *                     applied one; when a tie shows up only now (another event of the same second was applied
     *                     meanwhile) the event fails and its retry reads it
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void applySubscriptionEvent(UUID tenantId, SubscriptionState state, Instant eventCreated,
            Optional<SubscriptionState> currentOnTie) {
        Subscription row = Subscription.currentForUpdate(clock.instant());
        bindCustomer(row, tenantId, state.customerId());
        SubscriptionStatus incoming = SubscriptionStatus.fromStripe(state.status());
        boolean sameSubscription = state.id().equals(row.stripeSubscriptionId);
        if (!sameSubscription && row.stripeSubscriptionId != null && isLive(row.status) && !isLive(incoming)) {
            // An old subscription ending must not end the one the tenant has now.
            Log.infof("Ignoring %s of subscription %s: tenant's current subscription is %s", state.status(), state.id(),
                    row.stripeSubscriptionId);
            // Its add-ons go with it all the same: they are kept per subscription.
            addOns.applySubscription(tenantId, state.id(), state.items(), false);
            return;
        }
        SubscriptionState apply = state;
        if (sameSubscription && row.lastEventCreated != null) {
            int order = eventCreated.compareTo(row.lastEventCreated);
            if (order < 0) {
                Log.infof("Ignoring an older event for subscription %s", state.id());
                return;
            }
            if (order == 0) {
                apply = currentOnTie.orElseThrow(() -> new IllegalStateException("Subscription " + state.id()
                        + ": another event of the same second was applied meanwhile; retried with Stripe's current state"));
            }
        }
        apply(tenantId, row, apply, eventCreated);
    }

    private void apply(UUID tenantId, Subscription row, SubscriptionState state, Instant eventCreated) {
        SubscriptionStatus previousStatus = row.status;
        Plan previousPlan = row.plan;
        SubscriptionStatus status = SubscriptionStatus.fromStripe(state.status());
        row.stripeSubscriptionId = state.id();
        row.status = status;
        // Add-ons may share the subscription with the plan, in any order: the plan is the item whose price is a
        // plan's (docs/decisions/0204-add-ons-catalogue-and-entitlements.md).
        String planPrice = state.items().stream().map(StripeObjects.SubscriptionItem::priceId)
                .filter(price -> prices.planOf(price).isPresent()).findFirst().orElse(state.priceId());
        row.priceId = planPrice;
        row.plan = prices.planOf(planPrice).orElse(null);
        if (row.plan == null) {
            Log.warnf("Subscription %s has no price a plan's dailydoco.billing.prices.* names (first: %s): Free limits"
                    + " apply", state.id(), state.priceId());
        }
        addOns.applySubscription(tenantId, state.id(), state.items(), isLive(status));
        row.currentPeriodEnd = state.currentPeriodEnd();
        row.cancelAtPeriodEnd = state.cancelAtPeriodEnd();
        if (status != SubscriptionStatus.PAST_DUE) {
            row.pastDueSince = null;
        } else if (previousStatus != SubscriptionStatus.PAST_DUE || row.pastDueSince == null) {
            row.pastDueSince = eventCreated;
        }
        row.lastEventCreated = row.lastEventCreated == null || eventCreated.isAfter(row.lastEventCreated)
                ? eventCreated
                : row.lastEventCreated;
        row.updatedAt = clock.instant();
        if (previousStatus != status || previousPlan != row.plan) {
            subscriptionChanged.fire(new SubscriptionChanged(tenantId, previousPlan, previousStatus, row.plan, status, eventCreated));
            auditLog.record(tenantId, AuditEvent.system("billing.subscription.changed").subjectTenant(tenantId)
                    .target("stripe_subscription", state.id())
                    .detail("status", status.name())
                    .detail("plan", row.plan == null ? "none" : row.plan.name()).build());
        }
    }

    private void bindCustomer(Subscription row, UUID tenantId, String customerId) {
        if (customerId == null) {
            return;
        }
        if (row.stripeCustomerId == null) {
            row.stripeCustomerId = customerId;
        } else if (!Objects.equals(row.stripeCustomerId, customerId)) {
            throw new IllegalStateException("Event for customer " + customerId + " but the tenant's customer is "
                    + row.stripeCustomerId);
        }
        routes.add(BillingRoutes.Kind.CUSTOMER, customerId, tenantId);
    }

    /** Active, trialing or past due: the subscription still grants what it holds. */
    public static boolean isLive(SubscriptionStatus status) {
        return status == SubscriptionStatus.ACTIVE || status == SubscriptionStatus.TRIALING
                || status == SubscriptionStatus.PAST_DUE;
    }
}
