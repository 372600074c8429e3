package pro.dailydoco.referral.guards;

import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import pro.dailydoco.billing.events.CustomerLinked;
import pro.dailydoco.billing.events.InvoicePaid;
import pro.dailydoco.core.database.Row;

/**
 * Who pays for each workspace, as the same-person guard needs it: the workspace's Stripe customers and the cards
 * that paid its invoices. Referral keeps this projection of billing's events (table {@code referral_payer_identity})
 * instead of reading billing's tables, so the paid-invoice path flows one way
 * (docs/decisions/0061-referral-keeps-its-own-payer-projection.md).
 * <p>
 * The observers run before the ledger's ({@link Priority} lower than the default), in the transaction and tenant
 * scope billing fires in, so a payment's own card is known when its commissions are computed, as before.
 */
@ApplicationScoped
public class PayerIdentities {

    /** Before the default observer priority (the ledger's and analytics' observers). */
    static final int BEFORE_CONSUMERS = Interceptor.Priority.APPLICATION;

    private final EntityManager entityManager;

    PayerIdentities(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** The customers and cards of the workspaces a person created. */
    public record Payers(Set<String> customers, Set<String> cards) {
    }

    void customerLinked(@Observes @Priority(BEFORE_CONSUMERS) CustomerLinked linked) {
        record(linked.tenantId(), "CUSTOMER", linked.customerId());
    }

    void invoicePaid(@Observes @Priority(BEFORE_CONSUMERS) InvoicePaid paid) {
        record(paid.tenantId(), "CUSTOMER", paid.customerId());
        record(paid.tenantId(), "CARD", paid.cardFingerprint());
    }

    /**
     * The customers and cards of every workspace {@code userId} created. Must run with {@code app.user_id = userId}
     * (the creator's read policy), e.g. while acting as that user.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Payers ofWorkspacesCreatedBy(UUID userId) {
        Set<String> customers = new TreeSet<>();
        Set<String> cards = new TreeSet<>();
        for (Row row : Row.list(entityManager.createNativeQuery("""
                select p.kind as kind, p.value as value
                from referral_payer_identity p join tenant_directory t on t.id = p.tenant_id
                where t.created_by_user_id = ?1""", Tuple.class).setParameter(1, userId))) {
            ("CARD".equals(row.string("kind")) ? cards : customers).add(row.string("value"));
        }
        return new Payers(customers, cards);
    }

    private void record(UUID tenantId, String kind, String value) {
        if (value == null || value.isEmpty()) {
            return;
        }
        entityManager.createNativeQuery("""
                insert into referral_payer_identity (tenant_id, kind, value) values (?1, ?2, ?3)
                on conflict do nothing""")
                .setParameter(1, tenantId).setParameter(2, kind).setParameter(3, value).executeUpdate();
    }
}
