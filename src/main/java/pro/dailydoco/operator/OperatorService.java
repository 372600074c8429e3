package pro.dailydoco.operator;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import pro.dailydoco.audit.AuditEvent;
import pro.dailydoco.audit.AuditLog;
import pro.dailydoco.core.DomainException;
import pro.dailydoco.tenant.TenantService;
import pro.dailydoco.tenant.TenantStatus;

/** What the platform operator sees and does across tenants. Every action is audited on the platform chain. */
@ApplicationScoped
public class OperatorService {

    public static final int PAGE_SIZE = 50;

    public record TenantRow(UUID id, String slug, String displayName, TenantStatus status, String source, String planOverride) {
    }

    private final EntityManager entityManager;
    private final TenantService tenants;
    private final AuditLog auditLog;

    OperatorService(EntityManager entityManager, TenantService tenants, AuditLog auditLog) {
        this.entityManager = entityManager;
        this.tenants = tenants;
        this.auditLog = auditLog;
    }

    @Transactional
    public List<TenantRow> tenants(int page) {
        return entityManager.createQuery("""
                select new pro.dailydoco.operator.OperatorService$TenantRow(t.id, t.slug, t.displayName, t.status,
                    cast(t.source as String), t.planOverride)
                from Tenant t order by t.createdAt desc""", TenantRow.class)
                .setFirstResult(Math.max(0, page - 1) * PAGE_SIZE).setMaxResults(PAGE_SIZE)
                .getResultList();
    }

    @Transactional
    public long tenantCount() {
        return entityManager.createQuery("select count(t) from Tenant t", Long.class).getSingleResult();
    }

    @Transactional
    public void setStatus(UUID operatorId, UUID tenantId, TenantStatus status) {
        tenants.setStatus(tenantId, status).orElseThrow(() -> DomainException.notFound("No such tenant."));
        auditLog.recordPlatform(AuditEvent.operator(operatorId, status == TenantStatus.SUSPENDED ? "tenant.suspended" : "tenant.reactivated")
                .subjectTenant(tenantId).target("tenant", tenantId.toString()).build());
    }
}
