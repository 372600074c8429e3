package pro.dailydoco.billing;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.hibernate.annotations.TenantId;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import pro.dailydoco.billing.events.Plan;
import pro.dailydoco.billing.events.SubscriptionStatus;

/**
 * A tenant's Stripe customer and subscription, as the last applied webhook event left them. One row per tenant.
 * Tenant scope: Hibernate filters by tenant and PostgreSQL's policy checks it again.
 */
@Entity
@Table(name = "billing_subscription")
public class Subscription extends PanacheEntityBase {

    @Id
    public UUID id;

    @TenantId
    @Column(name = "tenant_id")
    public String tenantId;

    @Column(name = "stripe_customer_id")
    public String stripeCustomerId;

    @Column(name = "stripe_subscription_id")
    public String stripeSubscriptionId;

    @Enumerated(EnumType.STRING)
    public SubscriptionStatus status;

    /** The plan the subscription's price maps to; null while there is none or the price is not configured. */
    @Enumerated(EnumType.STRING)
    public Plan plan;

    @Column(name = "price_id")
    public String priceId;

    @Column(name = "current_period_end")
    public Instant currentPeriodEnd;

    @Column(name = "cancel_at_period_end")
    public boolean cancelAtPeriodEnd;

    /** When the subscription entered past_due (Stripe's event time); the grace period counts from here. */
    @Column(name = "past_due_since")
    public Instant pastDueSince;

    /** {@code created} of the last applied subscription event: older events never overwrite newer state. */
    @Column(name = "last_event_created")
    public Instant lastEventCreated;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** The current tenant's row, if it has one. */
    public static Optional<Subscription> current() {
        return find("from Subscription").firstResultOptional();
    }

    /** The current tenant's row, locked until the transaction ends, created empty when missing. */
    public static Subscription currentForUpdate(Instant now) {
        Optional<Subscription> existing = find("from Subscription").withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
        if (existing.isPresent()) {
            return existing.get();
        }
        Subscription created = new Subscription();
        created.id = UUID.randomUUID();
        created.updatedAt = now;
        created.persist();
        created.flush();
        return created;
    }
}
