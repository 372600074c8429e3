package pro.dailydoco.admin;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import pro.dailydoco.account.team.TeamService;
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
    private final TeamService team;

    AdminOverview(BillingOverview billing, AuditEntries audit, TeamService team) {
        this.billing = billing;
        this.audit = audit;
        this.team = team;
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
        NewestMember newest = team.newestMember(tenantId).map(n -> new NewestMember(n.displayName(), n.joinedAt()))
                .orElse(null);
        return new Members(team.memberCount(tenantId), newest);
    }

    @Transactional
    public List<AuditEntries.Entry> recentActivity(UUID tenantId) {
        return audit.recent(tenantId, RECENT);
    }
}
