package pro.dailydoco.admin;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import pro.dailydoco.audit.AuditEntries;
import pro.dailydoco.billing.BillingOverview;
import pro.dailydoco.billing.Invoice;

/**
 * The tenant admin overview, one section at a time so htmx can refresh each alone: billing's own view (plan,
 * subscription state, usage against limits — the same model as the billing page), the newest invoices, the team's
 * size and newest member, and the newest audit entries. Each reads the tenant in the request's scope.
 */
@ApplicationScoped
public class AdminOverview {

    static final int RECENT = 5;

    public record NewestMember(String displayName, Instant joinedAt) {
    }

    /** The team's size and its newest member (null when nobody is a member). */
    public record Members(long count, NewestMember newest) {
    }

    private final BillingOverview billing;
    private final AuditEntries audit;
    private final EntityManager entityManager;

    AdminOverview(BillingOverview billing, AuditEntries audit, EntityManager entityManager) {
        this.billing = billing;
        this.audit = audit;
        this.entityManager = entityManager;
    }

    /** Plan, subscription and usage against the plan's limits. */
    @Transactional
    public BillingOverview.View planAndUsage(UUID tenantId) {
        return billing.of(tenantId);
    }

    @Transactional
    public List<Invoice> recentInvoices() {
        return billing.invoices(1, RECENT).rows();
    }

    @Transactional
    public Members members(UUID tenantId) {
        long count = entityManager.createQuery("select count(m) from Membership m where m.tenantId = ?1", Long.class)
                .setParameter(1, tenantId).getSingleResult();
        NewestMember newest = entityManager.createQuery("""
                select new pro.dailydoco.admin.AdminOverview$NewestMember(u.displayName, m.createdAt)
                from Membership m, User u where u.id = m.userId and m.tenantId = ?1
                order by m.createdAt desc, m.id""", NewestMember.class)
                .setParameter(1, tenantId).setMaxResults(1).getResultStream().findFirst().orElse(null);
        return new Members(count, newest);
    }

    @Transactional
    public List<AuditEntries.Entry> recentActivity(UUID tenantId) {
        return audit.recent(tenantId, RECENT);
    }
}
