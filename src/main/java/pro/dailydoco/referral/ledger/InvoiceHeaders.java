package pro.dailydoco.referral.ledger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import pro.dailydoco.core.Money;
import pro.dailydoco.core.database.Row;
import pro.dailydoco.referral.ActingAs;
import pro.dailydoco.referral.tree.ReferralRollups;

/**
 * The invoice side of the ledger, all in the payer's scope: the header row (locked FOR UPDATE by every event for
 * the invoice), its disputes and its shares (who is entitled at which level, fixed at payment).
 */
@ApplicationScoped
class InvoiceHeaders {

    record Header(String invoiceId, UUID payerUserId, String currency, Long netMinor, Instant paidAt, long refundedMinor,
            String flag) {

        boolean isPaid() {
            return paidAt != null;
        }

        Money net() {
            return new Money(netMinor, currency);
        }
    }

    record Share(int level, UUID earnerId, int rateBasisPoints, int planVersion) {

        CommissionLine line(String invoiceId) {
            return new CommissionLine(invoiceId, earnerId, level);
        }
    }

    private final EntityManager entityManager;
    private final ActingAs actingAs;
    private final Clock clock;

    InvoiceHeaders(EntityManager entityManager, ActingAs actingAs, Clock clock) {
        this.entityManager = entityManager;
        this.actingAs = actingAs;
        this.clock = clock;
    }

    /** Creates the header if needed and locks it until the transaction ends; concurrent events for it wait here. */
    Header lock(String invoiceId, UUID payerUserId) {
        return actingAs.call(payerUserId, () -> {
            entityManager.createNativeQuery("""
                    insert into commission_invoice (invoice_id, user_id, recorded_at) values (?1, ?2, ?3)
                    on conflict (invoice_id) do nothing""")
                    .setParameter(1, invoiceId).setParameter(2, payerUserId).setParameter(3, clock.instant())
                    .executeUpdate();
            List<Row> rows = Row.list(entityManager.createNativeQuery("""
                    select currency as currency, net_minor as net_minor, paid_at as paid_at,
                        refunded_minor as refunded_minor, flag as flag from commission_invoice
                    where invoice_id = ?1 for update""", Tuple.class).setParameter(1, invoiceId));
            if (rows.isEmpty()) {
                // The header exists but the policy hides it: another payer's invoice. Never write under a wrong payer.
                throw new IllegalStateException("Invoice " + invoiceId + " is recorded for another payer");
            }
            Row r = rows.get(0);
            return new Header(invoiceId, payerUserId, r.string("currency"), r.nullableLong("net_minor"),
                    r.instant("paid_at"), r.longValue("refunded_minor"), r.string("flag"));
        });
    }

    void markPaid(Header header, String stripeCustomerId, Money net, Instant paidAt, int planVersion, String flag) {
        actingAs.run(header.payerUserId(), () -> entityManager.createNativeQuery("""
                update commission_invoice set stripe_customer_id = ?2, currency = ?3, net_minor = ?4, paid_at = ?5,
                    plan_version = ?6, flag = ?7 where invoice_id = ?1""")
                .setParameter(1, header.invoiceId()).setParameter(2, stripeCustomerId).setParameter(3, net.currency())
                .setParameter(4, net.minor()).setParameter(5, paidAt).setParameter(6, planVersion)
                .setParameter(7, flag).executeUpdate());
        entityManager.createNativeQuery("""
                insert into commission_invoice_paid (invoice_id, payer_user_id, paid_month) values (?1, ?2, ?3)
                on conflict do nothing""")
                .setParameter(1, header.invoiceId()).setParameter(2, header.payerUserId())
                .setParameter(3, java.sql.Date.valueOf(ReferralRollups.monthOf(paidAt))).executeUpdate();
    }

    /** Marks a paid invoice as earning nothing from now on (e.g. its payer's referral was rejected on review). */
    void flag(String invoiceId, UUID payerUserId, CommissionResult.NotCommissionable flag) {
        actingAs.run(payerUserId, () -> entityManager.createNativeQuery(
                "update commission_invoice set flag = ?2 where invoice_id = ?1")
                .setParameter(1, invoiceId).setParameter(2, flag.name()).executeUpdate());
    }

    /** The payer's paid invoices, oldest first. */
    List<String> paidInvoicesOf(UUID payerUserId) {
        List<?> rows = actingAs.call(payerUserId, () -> entityManager.createNativeQuery(
                "select invoice_id from commission_invoice where paid_at is not null order by paid_at, invoice_id")
                .getResultList());
        return rows.stream().map(String.class::cast).toList();
    }

    /** Keeps the largest cumulative refund seen (Stripe's figure only grows; a late smaller one is stale). */
    void raiseRefunded(String invoiceId, UUID payerUserId, Money cumulativeRefunded) {
        actingAs.run(payerUserId, () -> entityManager.createNativeQuery("""
                update commission_invoice set refunded_minor = greatest(refunded_minor, ?2),
                    currency = coalesce(currency, ?3) where invoice_id = ?1""")
                .setParameter(1, invoiceId).setParameter(2, cumulativeRefunded.minor())
                .setParameter(3, cumulativeRefunded.currency()).executeUpdate());
    }

    void addShare(String invoiceId, UUID payerUserId, Entitlement e) {
        actingAs.run(payerUserId, () -> entityManager.createNativeQuery("""
                insert into commission_share (invoice_id, level, earner_user_id, rate_bp, plan_version)
                values (?1, ?2, ?3, ?4, ?5) on conflict do nothing""")
                .setParameter(1, invoiceId).setParameter(2, e.level()).setParameter(3, e.earnerId())
                .setParameter(4, e.rateBasisPoints()).setParameter(5, e.planVersion()).executeUpdate());
    }

    List<Share> sharesOf(String invoiceId, UUID payerUserId) {
        List<Row> rows = actingAs.call(payerUserId, () -> Row.list(entityManager.createNativeQuery("""
                select level as level, earner_user_id as earner_user_id, rate_bp as rate_bp, plan_version as plan_version
                from commission_share where invoice_id = ?1
                order by level""", Tuple.class).setParameter(1, invoiceId)));
        return rows.stream()
                .map(r -> new Share(r.intValue("level"), r.uuid("earner_user_id"), r.intValue("rate_bp"),
                        r.intValue("plan_version")))
                .toList();
    }

    /** True when this dispute is new (a repeat or a late "opened" after "closed" changes nothing). */
    boolean openDispute(String invoiceId, UUID payerUserId, String disputeId, Instant at) {
        return actingAs.call(payerUserId, () -> entityManager.createNativeQuery("""
                insert into commission_dispute (invoice_id, dispute_id, outcome, changed_at) values (?1, ?2, 'OPEN', ?3)
                on conflict do nothing""")
                .setParameter(1, invoiceId).setParameter(2, disputeId).setParameter(3, at).executeUpdate() == 1);
    }

    /** True when the dispute was open (or unknown) and is now closed; a repeated close changes nothing. */
    boolean closeDispute(String invoiceId, UUID payerUserId, String disputeId, boolean lost, Instant at) {
        return actingAs.call(payerUserId, () -> entityManager.createNativeQuery("""
                insert into commission_dispute (invoice_id, dispute_id, outcome, changed_at) values (?1, ?2, ?3, ?4)
                on conflict (invoice_id, dispute_id) do update set outcome = excluded.outcome, changed_at = excluded.changed_at
                where commission_dispute.outcome = 'OPEN'""")
                .setParameter(1, invoiceId).setParameter(2, disputeId).setParameter(3, lost ? "LOST" : "WON")
                .setParameter(4, at).executeUpdate() == 1);
    }

    boolean hasOpenDispute(String invoiceId, UUID payerUserId) {
        return hasDispute(invoiceId, payerUserId, "OPEN");
    }

    boolean hasLostDispute(String invoiceId, UUID payerUserId) {
        return hasDispute(invoiceId, payerUserId, "LOST");
    }

    String emailOf(UUID userId) {
        List<?> rows = entityManager.createNativeQuery("select email from account_person where id = ?1")
                .setParameter(1, userId).getResultList();
        return rows.isEmpty() ? null : (String) rows.get(0);
    }

    private boolean hasDispute(String invoiceId, UUID payerUserId, String outcome) {
        return actingAs.call(payerUserId, () -> !entityManager.createNativeQuery(
                "select 1 from commission_dispute where invoice_id = ?1 and outcome = ?2")
                .setParameter(1, invoiceId).setParameter(2, outcome).getResultList().isEmpty());
    }
}
