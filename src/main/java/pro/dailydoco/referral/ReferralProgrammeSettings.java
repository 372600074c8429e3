package pro.dailydoco.referral;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import pro.dailydoco.audit.AuditEvent;
import pro.dailydoco.audit.AuditLog;
import pro.dailydoco.tenant.Tenant;

/**
 * A workspace's switch for the referral programme (docs/decisions/0022-home-workspace-opt-out.md). When it is off, the
 * people whose HOME tenant it is earn nothing from invoices paid from then on: their levels are forfeited, never passed
 * up the chain. Invoices already recorded keep their commissions.
 */
@ApplicationScoped
public class ReferralProgrammeSettings {

    private final AuditLog auditLog;

    ReferralProgrammeSettings(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    @Transactional
    public boolean isDisabled(UUID tenantId) {
        Tenant tenant = Tenant.findById(tenantId);
        return tenant != null && tenant.referralProgrammeDisabled;
    }

    /** Switches the programme off or on for the workspace; audited in its chain when it changes. */
    @Transactional
    public void setDisabled(UUID actorUserId, UUID tenantId, boolean disabled) {
        Tenant tenant = Tenant.findById(tenantId);
        if (tenant.referralProgrammeDisabled == disabled) {
            return;
        }
        tenant.referralProgrammeDisabled = disabled;
        tenant.updatedAt = java.time.Instant.now();
        auditLog.record(tenantId, AuditEvent.user(actorUserId,
                disabled ? "referral.programme-disabled" : "referral.programme-enabled")
                .target("tenant", tenantId.toString()).build());
    }
}
