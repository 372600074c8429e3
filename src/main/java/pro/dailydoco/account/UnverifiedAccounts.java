package pro.dailydoco.account;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import pro.dailydoco.audit.AuditEvent;
import pro.dailydoco.audit.AuditLog;

/**
 * An account whose email was never verified may not belong to the mailbox's owner: anyone can sign up with any
 * address, and sign-up starts a session at once. When the mailbox's owner later proves the address another way (an
 * identity provider that verified it), their proof wins over whoever typed the address first.
 */
@ApplicationScoped
public class UnverifiedAccounts {

    private final SessionService sessions;
    private final AuditLog auditLog;
    private final Clock clock;

    UnverifiedAccounts(SessionService sessions, AuditLog auditLog, Clock clock) {
        this.sessions = sessions;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /**
     * Hands an unverified account over to the person who just proved its email through {@code via}: every session is
     * revoked, the password removed (they can set one with a password reset, mailed to the now proven address),
     * pending mailed links voided (an email change requested by the previous holder would hand the account back),
     * and the email marked verified. Audited with ids only. Does nothing to a verified account.
     *
     * @return true when the account was unverified and has been handed over
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean handOverToVerifiedOwner(User user, String via, UUID tenantId) {
        if (user.isEmailVerified()) {
            return false;
        }
        Instant now = clock.instant();
        int revoked = sessions.revokeAll(user.id);
        EmailToken.update("usedAt = ?1 where ownerUserId = ?2 and usedAt is null", now, user.id);
        user.passwordHash = null;
        user.emailVerifiedAt = now;
        user.updatedAt = now;
        auditLog.recordPlatform(AuditEvent.system("account.unverified-account-reclaimed").target("user", user.id.toString())
                .subjectTenant(tenantId).detail("via", via).detail("sessionsRevoked", revoked).build());
        return true;
    }
}
