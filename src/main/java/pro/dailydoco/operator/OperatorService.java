package pro.dailydoco.operator;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import pro.dailydoco.audit.AuditEvent;
import pro.dailydoco.audit.AuditLog;
import pro.dailydoco.core.DomainException;
import pro.dailydoco.tenant.Tenant;
import pro.dailydoco.tenant.TenantService;
import pro.dailydoco.tenant.TenantStatus;

/** What the platform operator sees and does across tenants. Every action is audited on the platform chain. */
@ApplicationScoped
public class OperatorService {

    public static final int PAGE_SIZE = 50;

    public record TenantRow(UUID id, String slug, String displayName, TenantStatus status, Tenant.Source source,
            String planOverride) {
    }

    private final TenantService tenants;
    private final AuditLog auditLog;

    OperatorService(TenantService tenants, AuditLog auditLog) {
        this.tenants = tenants;
        this.auditLog = auditLog;
    }

    @Transactional
    public List<TenantRow> tenants(int page) {
        return tenants.newestFirst(Math.max(0, page - 1) * PAGE_SIZE, PAGE_SIZE).stream()
                .map(t -> new TenantRow(t.id, t.slug, t.displayName, t.status, t.source, t.planOverride)).toList();
    }

    @Transactional
    public long tenantCount() {
        return tenants.count();
    }

    @Transactional
    public void setStatus(UUID operatorId, UUID tenantId, TenantStatus status) {
        tenants.setStatus(tenantId, status).orElseThrow(() -> DomainException.notFound("No such tenant."));
        auditLog.recordPlatform(AuditEvent.operator(operatorId, status == TenantStatus.SUSPENDED ? "tenant.suspended" : "tenant.reactivated")
                .subjectTenant(tenantId).target("tenant", tenantId.toString()).build());
    }
}
