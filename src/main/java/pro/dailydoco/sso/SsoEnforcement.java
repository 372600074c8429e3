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

    /**
     * Under "Require single sign-on" the domains' people get no password by mail, like at sign-in (owners aside).
     * Besides, anyone linked to a workspace's IdP gets none while that workspace offers SSO, unless its admins allow
     * passwords: the IdP, not a mailbox, decides who is still one of theirs (owners aside, for break-glass).
     * See docs/decisions/0137-no-password-reset-for-people-of-an-idp.md.
     */
    @Override
    public Optional<Enforcement> passwordResetRefusal(String email, UUID userId) {
        Optional<Enforcement> enforced = enforcementFor(email, userId);
        if (enforced.isPresent() && !enforced.get().breakGlass()) {
            return enforced;
        }
        for (Membership membership : scopedWork.call(null, userId, () -> Membership.ofUser(userId))) {
            UUID tenantId = membership.tenantId;
            if (membership.role == Role.OWNER
                    || !scopedWork.call(tenantId, userId, () -> SsoIdentity.count("userId", userId) > 0)) {
                continue;
            }
            Optional<SsoSettings> offered = settings.forTenant(tenantId).filter(settings::isUsable);
            if (offered.isPresent() && !settings.passwordsAllowed(tenantId)) {
                return Optional.of(new Enforcement(tenantId, SsoLoginRouting.startPath(offered.get()), false));
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<UUID> ssoWorkspaceOf(String email) {
        return settings.forEmail(email).filter(settings::isUsable).map(SsoSettings::tenantId);
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
