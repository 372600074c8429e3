package pro.dailydoco.account;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import pro.dailydoco.audit.AuditEvent;
import pro.dailydoco.audit.AuditLog;
import pro.dailydoco.tenant.ScopedWork;

/**
 * Asks the {@link PasswordLoginPolicy} (single sign-on, when present) whether an email may use a password: to sign in,
 * and to get a new password account at all (sign-up, accepting an invitation as a newcomer). Without a policy,
 * passwords are always allowed.
 */
@ApplicationScoped
public class SsoRequirement {

    private final Instance<PasswordLoginPolicy> policy;
    private final AuditLog auditLog;
    private final ScopedWork scopedWork;

    SsoRequirement(Instance<PasswordLoginPolicy> policy, AuditLog auditLog, ScopedWork scopedWork) {
        this.policy = policy;
        this.auditLog = auditLog;
        this.scopedWork = scopedWork;
    }

    Optional<PasswordLoginPolicy.Enforcement> passwordResetRefusal(String email, UUID userId) {
        return policy.isResolvable() ? policy.get().passwordResetRefusal(email, userId) : Optional.empty();
    }

    Optional<UUID> ssoWorkspaceOf(String email) {
        return policy.isResolvable() ? policy.get().ssoWorkspaceOf(email) : Optional.empty();
    }

    /**
     * Records a sign-in event in the chain of the workspace whose single sign-on it concerns, so that workspace's
     * admins see it on their audit page (the sign-in page itself has no workspace in context). Commits on its own.
     */
    void recordInWorkspace(UUID tenantId, AuditEvent.Builder event) {
        scopedWork.inScope(tenantId, null, () -> {
            auditLog.recordSecurityEvent(event.subjectTenant(tenantId).build());
            return null;
        });
    }

    /** The enforcement that applies to a password sign-in for {@code email} by {@code userId} (null: no account). */
    Optional<PasswordLoginPolicy.Enforcement> forPasswordSignIn(String email, UUID userId) {
        return policy.isResolvable() ? policy.get().enforcementFor(email, userId) : Optional.empty();
    }

    void recordBreakGlass(PasswordLoginPolicy.Enforcement enforcement, UUID userId) {
        policy.get().recordBreakGlass(enforcement, userId);
    }

    /**
     * Refuses a new password account for an email whose domain a workspace signs in through SSO. The OWNER
     * break-glass covers existing owners' sign-in only, never a new account. The refusal is audited (no email:
     * the enforcing workspace and the action only); nothing else is written.
     *
     * @param action the audited action, e.g. {@code signup.sso-required}
     * @throws SsoRequired pointing to the workspace's SSO
     */
    public void refuseNewPasswordAccount(String email, String action) {
        Optional<PasswordLoginPolicy.Enforcement> enforcement = forPasswordSignIn(email, null);
        if (enforcement.isPresent()) {
            auditLog.recordSecurityEvent(AuditEvent.anonymous(action).subjectTenant(enforcement.get().tenantId()).denied().build());
            throw SsoRequired.forNewAccount(enforcement.get());
        }
    }
}
