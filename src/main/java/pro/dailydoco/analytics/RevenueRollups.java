package pro.dailydoco.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import pro.dailydoco.billing.events.ChargeRefunded;
import pro.dailydoco.billing.events.InvoicePaid;
import pro.dailydoco.billing.events.SubscriptionChanged;
import pro.dailydoco.core.database.CommitTimeCounters;
import pro.dailydoco.core.database.Row;

/**
 * Keeps the operator's revenue roll-ups current. It listens to billing's events synchronously, inside the webhook
 * transaction, so a roll-up changes exactly when the money fact it summarises is committed (and a replayed event,
 * which billing does not re-publish, changes nothing).
 */
@ApplicationScoped
public class RevenueRollups {

    private final EntityManager entityManager;
    private final CommitTimeCounters counters;

    RevenueRollups(EntityManager entityManager, CommitTimeCounters counters) {
        this.entityManager = entityManager;
        this.counters = counters;
    }

    void subscriptionChanged(@Observes SubscriptionChanged change) {
        Optional<TenantMrr> current = current(change.tenantId());
        long before = current.map(TenantMrr::mrrCents).orElse(0L);
        String planBefore = current.map(TenantMrr::plan).orElse(null);
        long after = SubscriptionChanged.mrrCents(change.plan(), change.status());
        if (before == after) {
            return;
        }
        LocalDate month = monthOf(change.at());
        // Paying tenants by plan: leaving the old paid plan and joining the new one count in the same month.
        if (before > 0 && planBefore != null) {
            addToPlanMonth(month, planBefore, 0, 1);
        }
        if (after > 0) {
            addToPlanMonth(month, change.plan().name(), 1, 0);
        }
        String kind = before == 0 ? "NEW" : after == 0 ? "CHURN" : after > before ? "EXPANSION" : "CONTRACTION";
        entityManager.createNativeQuery("""
                insert into analytics_tenant_mrr (subject_tenant_id, plan, mrr_cents, updated_at) values (?1, ?2, ?3, ?4)
                on conflict (subject_tenant_id) do update set plan = excluded.plan, mrr_cents = excluded.mrr_cents,
                    updated_at = excluded.updated_at""")
                .setParameter(1, change.tenantId())
                .setParameter(2, after == 0 ? null : change.plan().name())
                .setParameter(3, after)
                .setParameter(4, change.at())
                .executeUpdate();
        entityManager.createNativeQuery("""
                insert into analytics_mrr_movement (id, subject_tenant_id, month, kind, delta_cents, occurred_at)
                values (?1, ?2, ?3, ?4, ?5, ?6)""")
                .setParameter(1, UUID.randomUUID()).setParameter(2, change.tenantId()).setParameter(3, month)
                .setParameter(4, kind).setParameter(5, after - before).setParameter(6, change.at())
                .executeUpdate();
        String column = switch (kind) {
            case "NEW" -> "new_mrr_cents";
            case "CHURN" -> "churned_mrr_cents";
            case "EXPANSION" -> "expansion_mrr_cents";
            default -> "contraction_mrr_cents";
        };
        addToMonth(month, column, Math.abs(after - before));
        if (kind.equals("NEW")) {
            addToMonth(month, "new_paying_tenants", 1);
        } else if (kind.equals("CHURN")) {
            addToMonth(month, "churned_paying_tenants", 1);
        }
    }

    void invoicePaid(@Observes InvoicePaid paid) {
        if (paid.supportedCurrency()) {
            addToMonth(monthOf(paid.periodStart() == null ? Instant.now() : paid.periodStart()),
                    "subscription_revenue_cents", paid.net().minor());
        }
    }

    void chargeRefunded(@Observes ChargeRefunded refund) {
        if (!refund.supportedCurrency()) {
            return;
        }
        List<?> seen = entityManager.createNativeQuery(
                "select refunded_cents from analytics_invoice_refund where invoice_id = ?1 for update")
                .setParameter(1, refund.invoiceId()).getResultList();
        long before = seen.isEmpty() ? 0 : ((Number) seen.get(0)).longValue();
        long now = refund.amountRefunded().minor();
        if (now <= before) {
            return;
        }
        entityManager.createNativeQuery("""
                insert into analytics_invoice_refund (invoice_id, refunded_cents) values (?1, ?2)
                on conflict (invoice_id) do update set refunded_cents = excluded.refunded_cents""")
                .setParameter(1, refund.invoiceId()).setParameter(2, now).executeUpdate();
        addToMonth(monthOf(Instant.now()), "refunded_cents", now - before);
    }

    /**
     * Adds to one counter of a month's roll-up row (created on first use) when the transaction commits: every paid
     * invoice of the month shares the row, so it is not held while the rest of the webhook's transaction runs
     * (docs/decisions/0121-shared-monthly-counters-added-at-commit.md).
     */
    void addToMonth(LocalDate month, String column, long amount) {
        counters.add("analytics_month", "month", month, column, amount);
    }

    private void addToPlanMonth(LocalDate month, String plan, int joined, int left) {
        entityManager.createNativeQuery("""
                insert into analytics_plan_month (month, plan, joined_tenants, left_tenants) values (?1, ?2, ?3, ?4)
                on conflict (month, plan) do update set
                    joined_tenants = analytics_plan_month.joined_tenants + excluded.joined_tenants,
                    left_tenants = analytics_plan_month.left_tenants + excluded.left_tenants""")
                .setParameter(1, month).setParameter(2, plan).setParameter(3, joined).setParameter(4, left)
                .executeUpdate();
    }

    /** A tenant's current MRR and paid plan (null plan while it pays nothing). */
    private record TenantMrr(long mrrCents, String plan) {
    }

    /** The tenant's current MRR and paid plan; empty when it never paid. */
    private Optional<TenantMrr> current(UUID tenantId) {
        return Row.list(entityManager.createNativeQuery(
                "select mrr_cents as mrr_cents, plan as plan from analytics_tenant_mrr where subject_tenant_id = ?1",
                Tuple.class).setParameter(1, tenantId))
                .stream().findFirst().map(row -> new TenantMrr(row.longValue("mrr_cents"), row.string("plan")));
    }

    static LocalDate monthOf(Instant at) {
        return at.atZone(ZoneOffset.UTC).toLocalDate().withDayOfMonth(1);
    }
}
