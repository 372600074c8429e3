package pro.dailydoco.operator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import pro.dailydoco.audit.AuditEvent;
import pro.dailydoco.audit.AuditLog;
import pro.dailydoco.tenant.TenantDefinitionApplied;

/**
 * Puts the operator's tenant files on the platform audit chain: a declared tenant, or a change to one, is recorded in
 * the transaction that applies the files. It lives here because neither the tenant feature nor the audit trail may
 * depend on the other.
 */
@ApplicationScoped
public class TenantDefinitionAudit {

    private final AuditLog auditLog;

    TenantDefinitionAudit(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    void record(@Observes TenantDefinitionApplied applied) {
        auditLog.recordPlatform(AuditEvent.system(applied.created() ? "tenant.declared" : "tenant.definition-changed")
                .subjectTenant(applied.tenantId()).target("tenant", applied.tenantId().toString()).build());
    }
}
