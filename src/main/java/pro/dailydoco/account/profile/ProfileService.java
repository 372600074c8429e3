package pro.dailydoco.account.profile;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import pro.dailydoco.account.AccountConfig;
import pro.dailydoco.account.AccountMails;
import pro.dailydoco.account.AccountService;
import pro.dailydoco.account.EmailToken;
import pro.dailydoco.account.Membership;
import pro.dailydoco.account.PasswordHasher;
import pro.dailydoco.account.PasswordPolicy;
import pro.dailydoco.account.Role;
import pro.dailydoco.account.SeatLimits;
import pro.dailydoco.account.SessionService;
import pro.dailydoco.account.User;
import pro.dailydoco.account.WebSession;
import pro.dailydoco.audit.AuditEvent;
import pro.dailydoco.audit.AuditLog;
import pro.dailydoco.core.DomainException;
import pro.dailydoco.core.InvalidInput;
import pro.dailydoco.tenant.RowLevelSecurity;
import pro.dailydoco.tenant.Tenant;
import pro.dailydoco.tenant.TenantContext;
import pro.dailydoco.tenant.TenantStatus;

/** A person's own account: name, email, password, sessions, and deleting it. */
@ApplicationScoped
public class ProfileService {

    private final jakarta.enterprise.event.Event<pro.dailydoco.account.EmailVerified> emailVerified;

    private final AccountService accounts;
    private final AccountConfig config;
    private final PasswordHasher hasher;
    private final SessionService sessions;
    private final SeatLimits seatLimits;
    private final AccountMails mails;
    private final AuditLog auditLog;
    private final TenantContext tenantContext;
    private final RowLevelSecurity rowLevelSecurity;
    private final Clock clock;

    ProfileService(AccountService accounts, AccountConfig config, PasswordHasher hasher, SessionService sessions,
            SeatLimits seatLimits, AccountMails mails, AuditLog auditLog, TenantContext tenantContext,
            RowLevelSecurity rowLevelSecurity, Clock clock, jakarta.enterprise.event.Event<pro.dailydoco.account.EmailVerified> emailVerified) {
        this.emailVerified = emailVerified;
        this.accounts = accounts;
        this.config = config;
        this.hasher = hasher;
        this.sessions = sessions;
        this.seatLimits = seatLimits;
        this.mails = mails;
        this.auditLog = auditLog;
        this.tenantContext = tenantContext;
        this.rowLevelSecurity = rowLevelSecurity;
        this.clock = clock;
    }

    @Transactional
    public void changeName(UUID userId, String displayName) {
        String name = displayName == null ? "" : displayName.trim();
        if (name.isEmpty() || pro.dailydoco.core.Text.characters(name) > 100) {
            throw InvalidInput.of("displayName", "Enter a name of 1 to 100 characters.");
        }
        User user = User.findById(userId);
        user.displayName = name;
        user.updatedAt = clock.instant();
        auditLog.recordPlatform(AuditEvent.user(userId, "account.name-changed").build());
    }

    /**
     * Changes the password after checking the current one; every session is revoked and a fresh one is returned for
     * the browser that made the change.
     */
    @Transactional
    public String changePassword(UUID userId, String currentPassword, String newPassword, String ip, String userAgent) {
        User user = User.findById(userId);
        requirePassword(user, currentPassword, "currentPassword");
        PasswordPolicy.problem(newPassword, user.email).ifPresent(p -> {
            throw InvalidInput.of("newPassword", p);
        });
        user.passwordHash = hasher.hash(newPassword);
        user.updatedAt = clock.instant();
        sessions.revokeAll(userId);
        auditLog.recordPlatform(AuditEvent.user(userId, "account.password-changed").build());
        return sessions.start(userId, userAgent, ip, null);
    }

    /** Sends a confirmation link to the new address; nothing changes until it is opened. */
    @Transactional
    public void requestEmailChange(UUID userId, String currentPassword, String rawNewEmail) {
        User user = User.findById(userId);
        requirePassword(user, currentPassword, "emailPassword");
        String newEmail = User.normaliseEmail(rawNewEmail);
        if (!AccountService.EMAIL.matcher(newEmail).matches()) {
            throw InvalidInput.of("newEmail", "Enter an email address like name@example.com.");
        }
        if (newEmail.equals(user.email)) {
            throw InvalidInput.of("newEmail", "This is already your email address.");
        }
        if (User.findByEmail(newEmail).isPresent()) {
            throw InvalidInput.of("newEmail", "Another account already uses this email.");
        }
        mails.confirmEmailChange(newEmail, accounts.issueToken(userId, EmailToken.Purpose.CHANGE_EMAIL, newEmail,
                config.verificationValidity()));
        auditLog.recordPlatform(AuditEvent.user(userId, "account.email-change-requested").build());
    }

    /** Applies a confirmed email change; the address counts as verified and every session is signed out. */
    @Transactional
    public void confirmEmailChange(String token) {
        EmailToken change = accounts.consumeToken(token, EmailToken.Purpose.CHANGE_EMAIL);
        if (User.findByEmail(change.newEmail).isPresent()) {
            throw DomainException.conflict("Another account started using this email in the meantime.");
        }
        User user = User.findById(change.ownerUserId);
        String oldEmail = user.email;
        user.email = change.newEmail;
        user.emailVerifiedAt = clock.instant();
        user.updatedAt = clock.instant();
        sessions.revokeAll(user.id);
        mails.emailChangedNotice(oldEmail);
        auditLog.recordPlatform(AuditEvent.user(user.id, "account.email-changed").build());
        emailVerified.fire(new pro.dailydoco.account.EmailVerified(user.id));
    }

    @Transactional
    public List<WebSession> sessions(UUID userId) {
        return sessions.active(userId);
    }

    public void revokeSession(UUID userId, String idHash) {
        if (!sessions.revoke(userId, idHash)) {
            throw DomainException.notFound("This session does not exist or has already ended.");
        }
        auditLog.recordSecurityEvent(AuditEvent.user(userId, "session.revoked").build());
    }

    /**
     * Deletes the account: personal data is erased (the row stays, anonymised, so ledgers and audit ids still
     * resolve), memberships end and sessions are revoked. The last owner of a paying workspace, or of one that still
     * has other members, must first transfer ownership.
     */
    @Transactional
    public void deleteAccount(UUID userId, String password) {
        User user = User.findById(userId);
        requirePassword(user, password, "deletePassword");
        List<Membership> memberships = Membership.ofUser(userId);
        for (Membership m : memberships) {
            if (m.role == Role.OWNER && Membership.countOwners(m.tenantId) == 1) {
                Tenant tenant = Tenant.findById(m.tenantId);
                // Counting the tenant's members needs the tenant in context.
                tenantContext.setTenantId(m.tenantId);
                rowLevelSecurity.reapply();
                long members = Membership.count("tenantId", m.tenantId);
                if (seatLimits.isPaying(m.tenantId) || members > 1) {
                    throw InvalidInput.of("deletePassword", "You are the last owner of “" + tenant.displayName
                            + "”. Transfer ownership to another member (or cancel its paid plan) before deleting your account.");
                }
                tenant.status = TenantStatus.SUSPENDED; // an empty workspace nobody can administer
            }
        }
        Membership.delete("userId", userId);
        user.email = "deleted-" + user.id + "@deleted.invalid";
        user.displayName = "Deleted user";
        user.passwordHash = null;
        user.signupReferralCode = null;
        user.status = User.Status.DELETED;
        user.updatedAt = clock.instant();
        sessions.revokeAll(userId);
        auditLog.recordPlatform(AuditEvent.user(userId, "account.deleted").build());
    }

    private void requirePassword(User user, String password, String field) {
        if (!hasher.matches(password == null ? "" : password, user.passwordHash)) {
            throw InvalidInput.of(field, "Your current password is not correct.");
        }
    }
}
