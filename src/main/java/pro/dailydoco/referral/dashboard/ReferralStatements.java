package pro.dailydoco.referral.dashboard;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import pro.dailydoco.core.database.Row;
import pro.dailydoco.referral.ActingAs;
import pro.dailydoco.referral.ledger.CommissionCreated;
import pro.dailydoco.referral.tree.DirectReferrals;

/**
 * What other features (the public API) may read of one person's referrals, always as that person and only their own
 * rows: the summary row "My referrals" shows first, their commission rows and their payouts, newest first, a page at a
 * time after a position (keyset, so a page stays right while rows are added). Callers never write SQL against the
 * referral tables (docs/decisions/0208-api-referrals-are-the-key-creators.md).
 */
@ApplicationScoped
public class ReferralStatements {

    /** One commission row, as the dashboard's history shows it, with the id the webhooks use for its line. */
    public record Commission(long position, Instant recordedAt, UUID commissionId, String maskedInvoice,
            String maskedCustomer, int level, String kind, long amountMinor, String currency, int rateBasisPoints,
            int planVersion, String status) {
    }

    /** One payout of the person's (a batch pays each person at most once). */
    public record PayoutRow(String payoutId, String batchId, long amountMinor, String currency, Instant paidAt) {
    }

    private final EntityManager entityManager;
    private final ActingAs actingAs;
    private final ReferralDashboard dashboard;
    private final DirectReferrals directReferrals;

    ReferralStatements(EntityManager entityManager, ActingAs actingAs, ReferralDashboard dashboard,
            DirectReferrals directReferrals) {
        this.entityManager = entityManager;
        this.actingAs = actingAs;
        this.dashboard = dashboard;
        this.directReferrals = directReferrals;
    }

    /** The person's summary row, the same figures the first view of "My referrals" shows. */
    @Transactional
    public ReferralDashboard.Summary summary(UUID userId) {
        return dashboard.summary(userId);
    }

    /**
     * Up to {@code limit} of the person's commission rows recorded before the row ({@code beforeAt}, {@code beforePosition})
     * (both null for the newest), newest first: an index range on the earner's rows (V11).
     */
    @Transactional
    public List<Commission> commissions(UUID userId, Instant beforeAt, Long beforePosition, int limit) {
        return actingAs.call(userId, () -> {
            var query = entityManager.createNativeQuery("select e.id as id, e.recorded_at as recorded_at,"
                    + " e.invoice_id as invoice_id, e.level as level, e.kind as kind, e.amount_minor as amount_minor,"
                    + " e.currency as currency, e.rate_bp as rate_bp, e.plan_version as plan_version, l.status as status,"
                    + " e.payer_user_id as payer_user_id"
                    + " from commission_entry e join commission_line l"
                    + " on l.user_id = e.user_id and l.invoice_id = e.invoice_id and l.level = e.level"
                    + " where e.user_id = :user" + (beforeAt != null ? " and (e.recorded_at, e.id) < (:at, :id)" : "")
                    + " order by e.recorded_at desc, e.id desc", Tuple.class).setParameter("user", userId);
            if (beforeAt != null) {
                query.setParameter("at", beforeAt).setParameter("id", beforePosition);
            }
            List<Row> rows = Row.list(query.setMaxResults(limit));
            Map<UUID, String> customers = directReferrals.maskedCustomers(rows.stream()
                    .map(r -> r.uuid("payer_user_id")).filter(Objects::nonNull).collect(Collectors.toSet()));
            String unknown = DirectReferrals.maskedCustomer(null, null, false);
            return rows.stream().map(r -> new Commission(r.longValue("id"), r.instant("recorded_at"),
                    CommissionCreated.idOf(r.string("invoice_id"), userId, r.intValue("level")),
                    ReferralDashboard.maskInvoice(r.string("invoice_id")),
                    customers.getOrDefault(r.uuid("payer_user_id"), unknown), r.intValue("level"), r.string("kind"),
                    r.longValue("amount_minor"), r.string("currency"), r.intValue("rate_bp"), r.intValue("plan_version"),
                    r.string("status"))).toList();
        });
    }

    /** Up to {@code limit} of the person's payouts made before ({@code beforeAt}, {@code beforeId}), newest first. */
    @Transactional
    public List<PayoutRow> payouts(UUID userId, Instant beforeAt, String beforeId, int limit) {
        return actingAs.call(userId, () -> {
            var query = entityManager.createNativeQuery("select id as id, batch_id as batch_id,"
                    + " amount_minor as amount_minor, currency as currency, created_at as created_at from payout"
                    + " where user_id = :user" + (beforeAt != null ? " and (created_at, id) < (:at, :id)" : "")
                    + " order by created_at desc, id desc", Tuple.class).setParameter("user", userId);
            if (beforeAt != null) {
                query.setParameter("at", beforeAt).setParameter("id", beforeId);
            }
            return Row.list(query.setMaxResults(limit)).stream().map(r -> new PayoutRow(r.string("id"),
                    r.string("batch_id"), r.longValue("amount_minor"), r.string("currency"), r.instant("created_at")))
                    .toList();
        });
    }
}
