package pro.dailydoco.referral.ledger;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import pro.dailydoco.core.Money;
import pro.dailydoco.referral.tree.ReferralRollups;

/**
 * The per-line writes of the PostgreSQL ledger: append-only amount rows (exactly-once by their unique key) and
 * status events with their projection. Each method runs in the caller's transaction and as the earner (the caller
 * switches {@code app.user_id} through {@link ActingAs}), so every row passes the earner's own policy.
 */
@ApplicationScoped
class LedgerLines {

    private final EntityManager entityManager;
    private final ReferralRollups rollups;

    LedgerLines(EntityManager entityManager, ReferralRollups rollups) {
        this.entityManager = entityManager;
        this.rollups = rollups;
    }

    /**
     * Appends an amount row unless its key exists already, rolling it up (per month and level, per payer: the person
     * in the earner's downline whose invoice it is, and into the not-approved balance unless the line is approved);
     * true when it was written. The line's status is read under its row lock, so an approval running at the same
     * moment either sees this row in the amount it approves or is seen here as APPROVED.
     */
    boolean append(CommissionLine line, UUID payerUserId, LedgerRow.Kind kind, long discriminator, Money amount, int planVersion,
            int rateBasisPoints, Instant at) {
        boolean written = entityManager.createNativeQuery("""
                insert into commission_entry (invoice_id, user_id, level, kind, discriminator, amount_minor, currency,
                    plan_version, rate_bp, recorded_at, payer_user_id)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
                on conflict (invoice_id, user_id, level, kind, discriminator) do nothing""")
                .setParameter(1, line.invoiceId()).setParameter(2, line.earnerId()).setParameter(3, line.level())
                .setParameter(4, kind.name()).setParameter(5, discriminator).setParameter(6, amount.minor())
                .setParameter(7, amount.currency()).setParameter(8, planVersion).setParameter(9, rateBasisPoints)
                .setParameter(10, at).setParameter(11, payerUserId).executeUpdate() == 1;
        if (written) {
            rollups.recordLedgerRow(line.earnerId(), payerUserId, line.level(), amount.minor(), at);
            if (lockStatusOf(line) != CommissionStatus.APPROVED) {
                rollups.recordNotApproved(line.earnerId(), amount.minor());
            }
        }
        return written;
    }

    /** The line's amount now: the sum of its rows. */
    Money amountOf(CommissionLine line, String currency) {
        Number sum = (Number) entityManager.createNativeQuery("""
                select coalesce(sum(amount_minor), 0) from commission_entry
                where invoice_id = ?1 and user_id = ?2 and level = ?3""")
                .setParameter(1, line.invoiceId()).setParameter(2, line.earnerId()).setParameter(3, line.level())
                .getSingleResult();
        return new Money(sum.longValue(), currency);
    }

    /**
     * Appends a status event that is not an approval and moves the projection to it, in the same transaction. A line
     * leaving APPROVED (a dispute on an approved line) brings its amount back into the not-approved balance.
     */
    void appendStatus(CommissionLine line, String currency, CommissionStatus status, Instant at) {
        if (status == CommissionStatus.APPROVED) {
            throw new IllegalArgumentException("approvals go through approve(), which the approval job books");
        }
        if (writeStatus(line, currency, status, at) == CommissionStatus.APPROVED) {
            rollups.recordNotApproved(line.earnerId(), amountOf(line, currency).minor());
        }
    }

    /**
     * Approves the line (the caller holds its row lock and saw it PENDING) and returns the amount that leaves the
     * not-approved balance. The caller books it with {@link ReferralRollups#recordApprovals}, once per batch.
     */
    long approve(CommissionLine line, String currency, Instant at) {
        writeStatus(line, currency, CommissionStatus.APPROVED, at);
        return amountOf(line, currency).minor();
    }

    /** Appends the status event and upserts the projection; returns the status before (null: a new line). */
    private CommissionStatus writeStatus(CommissionLine line, String currency, CommissionStatus status, Instant at) {
        CommissionStatus before = lockStatusOf(line);
        entityManager.createNativeQuery("""
                insert into commission_status_event (invoice_id, user_id, level, status, occurred_at)
                values (?1, ?2, ?3, ?4, ?5)""")
                .setParameter(1, line.invoiceId()).setParameter(2, line.earnerId()).setParameter(3, line.level())
                .setParameter(4, status.name()).setParameter(5, at).executeUpdate();
        entityManager.createNativeQuery("""
                insert into commission_line (invoice_id, user_id, level, currency, status, status_changed_at)
                values (?1, ?2, ?3, ?4, ?5, ?6)
                on conflict (user_id, invoice_id, level) do update
                    set status = excluded.status, status_changed_at = excluded.status_changed_at""")
                .setParameter(1, line.invoiceId()).setParameter(2, line.earnerId()).setParameter(3, line.level())
                .setParameter(4, currency).setParameter(5, status.name()).setParameter(6, at).executeUpdate();
        return before;
    }

    CommissionStatus statusOf(CommissionLine line) {
        List<?> rows = entityManager.createNativeQuery(
                "select status from commission_line where user_id = ?1 and invoice_id = ?2 and level = ?3")
                .setParameter(1, line.earnerId()).setParameter(2, line.invoiceId()).setParameter(3, line.level())
                .getResultList();
        return rows.isEmpty() ? null : CommissionStatus.valueOf((String) rows.get(0));
    }

    /** The line's status, read under a row lock held until the transaction ends (null: no such line). */
    CommissionStatus lockStatusOf(CommissionLine line) {
        List<?> rows = entityManager.createNativeQuery("""
                select status from commission_line where user_id = ?1 and invoice_id = ?2 and level = ?3
                for update""")
                .setParameter(1, line.earnerId()).setParameter(2, line.invoiceId()).setParameter(3, line.level())
                .getResultList();
        return rows.isEmpty() ? null : CommissionStatus.valueOf((String) rows.get(0));
    }

    /** Queues the line for the approval job (ids only; the job acts as the earner to approve it). */
    void queueForApproval(CommissionLine line, Instant paidAt) {
        entityManager.createNativeQuery("""
                insert into commission_approval_due (invoice_id, earner_user_id, level, paid_at) values (?1, ?2, ?3, ?4)
                on conflict do nothing""")
                .setParameter(1, line.invoiceId()).setParameter(2, line.earnerId()).setParameter(3, line.level())
                .setParameter(4, paidAt).executeUpdate();
    }

    /** Remembers that the user earns (ids only), so the payout batch knows whom to visit. */
    void registerEarner(UUID userId) {
        entityManager.createNativeQuery("insert into commission_earner (earner_user_id) values (?1) on conflict do nothing")
                .setParameter(1, userId).executeUpdate();
    }
}
