package pro.dailydoco.billing;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import pro.dailydoco.billing.StripeObjects.InvoiceData;

/**
 * The cards that paid for each tenant, by Stripe card fingerprint (table {@code billing_card_fingerprint}).
 * <p>
 * Why fetched at invoice.paid rather than taken from {@code charge.succeeded}: an invoice event does not embed the
 * card, and Stripe does not order events, so a {@code charge.succeeded} may arrive after the {@code invoice.paid}
 * whose commissions it should have guarded; commission rows are append-only and computed once, so the card must be
 * known when the invoice is recorded. Fetching the charge through {@link StripeGateway} just before (outside the
 * transaction, see {@link StripeLookups}) gives the guard its input whatever the delivery order, and needs no further
 * webhook subscription.
 */
@ApplicationScoped
public class CardFingerprints {

    private final EntityManager entityManager;
    private final Clock clock;

    CardFingerprints(EntityManager entityManager, Clock clock) {
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /**
     * Records for the tenant (in the tenant's scope) the card that paid {@code invoice}, as read from Stripe before
     * the transaction. Empty when there is none (non-card payment) or Stripe could not say: the payment is recorded
     * all the same, and the same-card guard is skipped for it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<String> recordCardOf(UUID tenantId, InvoiceData invoice, Optional<String> fingerprint) {
        if (fingerprint.isEmpty()) {
            Log.infof("Invoice %s: no card fingerprint (non-card payment or Stripe unavailable); the same-card guard "
                    + "is skipped for it", invoice.id());
            return fingerprint;
        }
        entityManager.createNativeQuery("""
                insert into billing_card_fingerprint (tenant_id, fingerprint, first_invoice_id, first_seen_at)
                values (?1, ?2, ?3, ?4) on conflict do nothing""")
                .setParameter(1, tenantId).setParameter(2, fingerprint.get()).setParameter(3, invoice.id())
                .setParameter(4, clock.instant()).executeUpdate();
        return fingerprint;
    }
}
