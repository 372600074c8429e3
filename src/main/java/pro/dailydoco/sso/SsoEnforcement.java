package pro.dailydoco.sso;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import pro.dailydoco.account.Membership;
import pro.dailydoco.account.PasswordLoginPolicy;
import pro.dailydoco.account.Role;
import pro.dailydoco.audit.AuditEvent;
import pro.dailydoco.audit.AuditLog;
import pro.dailydoco.tenant.ScopedWork;

/**
 * Domain enforcement: when a workspace on Enterprise requires SSO for its domains, password sign-in is refused for
 * those emails, except for that workspace's OWNERs (break-glass, audited). Losing Enterprise suspends enforcement.
 */
@ApplicationScoped
public class SsoEnforcement implements PasswordLoginPolicy {

    private final SsoSettingsService settings;
    private final ScopedWork scopedWork;
    private final AuditLog auditLog;

    SsoEnforcement(SsoSettingsService settings, ScopedWork scopedWork, AuditLog auditLog) {
        this.settings = settings;
        this.scopedWork = scopedWork;
        this.auditLog = auditLog;
    }

    @Override
    public Optional<Enforcement> enforcementFor(String email, UUID userId) {
        return settings.forEmail(email).filter(settings::isEnforced).map(s -> new Enforcement(s.tenantId(),
                SsoLoginRouting.startPath(s), userId != null && isOwner(s.tenantId(), userId)));
    }

    @Override
    public void recordBreakGlass(Enforcement enforcement, UUID userId) {
        scopedWork.run(enforcement.tenantId(), userId, () -> auditLog.record(enforcement.tenantId(),
                AuditEvent.user(userId, "login.break-glass").subjectTenant(enforcement.tenantId()).build()));
    }

    private boolean isOwner(UUID tenantId, UUID userId) {
        return scopedWork.call(tenantId, userId, () -> Membership.find(tenantId, userId).map(m -> m.role == Role.OWNER).orElse(false));
    }
}
