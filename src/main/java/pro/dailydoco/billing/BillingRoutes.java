package pro.dailydoco.billing;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

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

    BillingRoutes(EntityManager entityManager) {
        this.entityManager = entityManager;
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
     * The Stripe customers of the workspaces {@code userId} created (the payer of those workspaces:
     * docs/decisions/0015-tenant-is-the-stripe-customer-creator-is-the-payer.md): the same-person guard
     * (docs/decisions/0012-same-person-guard.md) compares them with the customer paying a downline invoice. Routes are
     * readable from any scope, so this works as whichever user is in scope.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<String> customersOfWorkspacesCreatedBy(UUID userId) {
        return new LinkedHashSet<>(entityManager.createNativeQuery("""
                select r.stripe_id from billing_route r join tenant t on t.id = r.tenant_id
                where r.kind = 'CUSTOMER' and t.created_by_user_id = ?1 order by r.stripe_id""")
                .setParameter(1, userId).getResultList().stream().map(String.class::cast).toList());
    }

    /** Routes {@code stripeId} to the tenant in scope; refuses an id already routed to another tenant. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void add(Kind kind, String stripeId, UUID tenantId) {
        if (stripeId == null) {
            return;
        }
        entityManager.createNativeQuery("""
                insert into billing_route (stripe_id, kind, tenant_id) values (?1, ?2, ?3)
                on conflict (stripe_id) do nothing""")
                .setParameter(1, stripeId).setParameter(2, kind.name()).setParameter(3, tenantId.toString())
                .executeUpdate();
        UUID owner = tenantOf(stripeId).orElseThrow();
        if (!Objects.equals(owner, tenantId)) {
            throw new IllegalStateException(kind + " " + stripeId + " already belongs to another tenant");
        }
    }
}
