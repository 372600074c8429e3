package pro.dailydoco.account;

import java.time.Clock;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import pro.dailydoco.audit.AuditEvent;
import pro.dailydoco.audit.AuditLog;

/**
 * Ends a person's access to one workspace when its identity provider (or its provisioning) says they are gone:
 * back-channel logout, the IdP refusing them at sign-in, SCIM deactivation. Sessions live in PostgreSQL and are read
 * again on every request, so ending them here ends them on every instance at once
 * (docs/decisions/0135-offboarding-ends-sessions-not-memberships.md).
 */
@ApplicationScoped
public class Offboarding {

    /** Why access ended; recorded as the audit entry's {@code cause}. */
    public enum Cause {
        IDP_LOGOUT("idp-logout"),
        IDP_REFUSED_SIGN_IN("idp-refused-sign-in"),
        SCIM_DEACTIVATED("scim-deactivated"),
        SCIM_DELETED("scim-deleted");

        private final String code;

        Cause(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final AuditLog auditLog;
    private final Clock clock;

    Offboarding(AuditLog auditLog, Clock clock) {
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /**
     * Ends every session through which the person reaches this workspace: their single sign-on sessions for it, and
     * their password sessions, since a password session reaches every workspace of theirs (they sign in again for
     * the others). Single sign-on sessions for other workspaces stay. The membership and role are left as they are:
     * whoever deprovisions decides those. Runs with the workspace in context (the request's {@code /t/{slug}} or
     * {@code ScopedWork}) and records {@code account.access-ended} on the workspace's audit chain.
     *
     * @return how many live sessions were ended
     */
    @Transactional
    public int endAccess(UUID tenantId, UUID userId, Cause cause) {
        int ended = WebSession.update("revokedAt = ?1, idpLogoutHint = null where ownerUserId = ?2 and revokedAt is null"
                + " and (ssoTenantId is null or ssoTenantId = ?3)", clock.instant(), userId, tenantId);
        auditLog.record(tenantId, AuditEvent.system("account.access-ended").subjectTenant(tenantId)
                .target("user", userId.toString()).detail("cause", cause.code()).detail("sessions", ended).build());
        return ended;
    }
}
