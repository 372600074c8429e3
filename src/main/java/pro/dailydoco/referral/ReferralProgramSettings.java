package pro.dailydoco.referral;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import pro.dailydoco.audit.AuditEvent;
import pro.dailydoco.audit.AuditLog;
import pro.dailydoco.tenant.Tenant;

/**
 * A workspace's switch for the referral program (docs/decisions/0022-home-workspace-opt-out.md). When it is off, the
 * people whose HOME tenant it is earn nothing from invoices paid from then on: their levels are forfeited, never passed
 * up the chain. Invoices already recorded keep their commissions.
 */
@ApplicationScoped
public class ReferralProgramSettings {

    private final AuditLog auditLog;

    ReferralProgramSettings(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    @Transactional
    public boolean isDisabled(UUID tenantId) {
        Tenant tenant = Tenant.findById(tenantId);
        return tenant != null && tenant.referralProgramDisabled;
    }

    /** Switches the program off or on for the workspace; audited in its chain when it changes. */
    @Transactional
    public void setDisabled(UUID actorUserId, UUID tenantId, boolean disabled) {
        Tenant tenant = Tenant.findById(tenantId);
        if (tenant.referralProgramDisabled == disabled) {
            return;
        }
        tenant.referralProgramDisabled = disabled;
        tenant.updatedAt = java.time.Instant.now();
        // Entries from before V25 spell these actions the British way and stay so: the chain is never rewritten
        // (docs/decisions/0051-one-spelling-program.md).
        auditLog.record(tenantId, AuditEvent.user(actorUserId,
                disabled ? "referral.program-disabled" : "referral.program-enabled")
                .target("tenant", tenantId.toString()).build());
    }
}
