package pro.dailydoco.billing;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import pro.dailydoco.billing.events.CustomerLinked;

/**
 * Which tenant a Stripe customer, charge or payment intent belongs to. A webhook has to find its tenant before it
 * can act in that tenant's scope; these routes are readable from any scope, and a tenant can only add routes to
 * itself (the table's policy).
 */
@ApplicationScoped
public class BillingRoutes {

    public enum Kind {
        CUSTOMER,
        CHARGE,
        PAYMENT_INTENT
    }

    private final EntityManager entityManager;
    private final Event<CustomerLinked> customerLinked;

    BillingRoutes(EntityManager entityManager, Event<CustomerLinked> customerLinked) {
        this.entityManager = entityManager;
        this.customerLinked = customerLinked;
    }

    @Transactional(Transactional.TxType.REQUIRED)
    public Optional<UUID> tenantOf(String stripeId) {
        if (stripeId == null) {
            return Optional.empty();
        }
        List<?> rows = entityManager.createNativeQuery("select cast(tenant_id as text) from billing_route where stripe_id = ?1")
                .setParameter(1, stripeId).getResultList();
        return rows.stream().findFirst().map(row -> UUID.fromString(row.toString()));
    }

    /**
     * Routes {@code stripeId} to the tenant in scope; refuses an id already routed to another tenant. A customer is
     * also published ({@link CustomerLinked}) for the features that keep their own record of who pays.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void add(Kind kind, String stripeId, UUID tenantId) {
        if (stripeId == null) {
            return;
        }
        int inserted = entityManager.createNativeQuery("""
                insert into billing_route (stripe_id, kind, tenant_id) values (?1, ?2, ?3)
                on conflict (stripe_id) do nothing""")
                .setParameter(1, stripeId).setParameter(2, kind.name()).setParameter(3, tenantId.toString())
                .executeUpdate();
        UUID owner = tenantOf(stripeId).orElseThrow();
        if (!Objects.equals(owner, tenantId)) {
            throw new IllegalStateException(kind + " " + stripeId + " already belongs to another tenant");
        }
        if (inserted == 1 && kind == Kind.CUSTOMER) { // a replayed event links nothing new (V24 back-filled the rest)
            customerLinked.fire(new CustomerLinked(tenantId, stripeId));
        }
    }
}
