package pro.dailydoco.account.team;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import pro.dailydoco.account.AccountService;
import pro.dailydoco.account.Membership;
import pro.dailydoco.account.PasswordHasher;
import pro.dailydoco.account.PasswordPolicy;
import pro.dailydoco.account.SessionService;
import pro.dailydoco.account.SsoRequirement;
import pro.dailydoco.account.Tokens;
import pro.dailydoco.account.User;
import pro.dailydoco.account.UserSignedUp;
import pro.dailydoco.audit.AuditEvent;
import pro.dailydoco.audit.AuditLog;
import pro.dailydoco.core.DomainException;
import pro.dailydoco.core.InvalidInput;
import pro.dailydoco.tenant.RowLevelSecurity;
import pro.dailydoco.tenant.Tenant;
import pro.dailydoco.tenant.TenantContext;
import pro.dailydoco.tenant.WorkspaceNotFound;

/**
 * Accepting an invitation link: by a signed-in person whose email it was sent to, or by a newcomer who creates
 * their account on the spot (their email counts as verified: they opened the mail). A link works once.
 */
@ApplicationScoped
public class InvitationAcceptance {

    private final PasswordHasher hasher;
    private final SessionService sessions;
    private final TenantContext tenantContext;
    private final RowLevelSecurity rowLevelSecurity;
    private final AuditLog auditLog;
    private final Clock clock;
    private final Event<UserSignedUp> signedUpEvent;
    private final Event<pro.dailydoco.account.EmailVerified> emailVerified;
    private final SsoRequirement ssoRequirement;

    /** Outgoing webhooks hear of the join in its transaction. */
    @jakarta.inject.Inject
    pro.dailydoco.account.MemberEvents memberEvents;

    InvitationAcceptance(PasswordHasher hasher, SessionService sessions, TenantContext tenantContext,
            RowLevelSecurity rowLevelSecurity, AuditLog auditLog, Clock clock, Event<UserSignedUp> signedUpEvent,
            SsoRequirement ssoRequirement, Event<pro.dailydoco.account.EmailVerified> emailVerified) {
        this.emailVerified = emailVerified;
        this.hasher = hasher;
        this.sessions = sessions;
        this.tenantContext = tenantContext;
        this.rowLevelSecurity = rowLevelSecurity;
        this.auditLog = auditLog;
        this.clock = clock;
        this.signedUpEvent = signedUpEvent;
        this.ssoRequirement = ssoRequirement;
    }

    /** The pending invitation behind a link of the workspace in context, or a clear error. */
    @Transactional
    public Invitation open(String token) {
        Invitation invitation = token == null ? null
                : Invitation.<Invitation>find("tokenHash", Tokens.sha256(token)).firstResult();
        if (invitation == null || invitation.revokedAt != null) {
            // A junk or revoked token answers like an unknown workspace: the address must not confirm the workspace.
            throw new WorkspaceNotFound();
        }
        if (invitation.acceptedAt != null) {
            throw new DomainException(410, "Invitation already used", "This invitation has already been accepted. Sign in to open the workspace.");
        }
        if (!clock.instant().isBefore(invitation.expiresAt)) {
            throw new DomainException(410, "Invitation expired", "This invitation has expired. Ask a workspace admin to send you a new one.");
        }
        return invitation;
    }

    @Transactional
    public void acceptAs(Tenant tenant, String token, User user) {
        Invitation invitation = open(token);
        if (!invitation.email.equals(user.email)) {
            throw DomainException.forbidden("This invitation was sent to another email address. Sign in with the invited "
                    + "address, or ask for an invitation to " + user.email + ".");
        }
        join(tenant, invitation, user.id);
    }

    /**
     * Creates the invitee's account and membership, and returns a session token.
     *
     * @throws SsoRequired (audited, nothing else written) when the invited email's domain belongs to a workspace that
     *         enforces SSO: that person signs in through their identity provider, never with a new password
     */
    public String acceptAsNewUser(Tenant tenant, String token, String displayName, String password, String ip, String userAgent,
            String attributionToken) {
        // Before the account's transaction: the policy looks up SSO settings in units of work of its own.
        ssoRequirement.refuseNewPasswordAccount(open(token).email, "invitation.sso-required");
        return createAndJoin(tenant, token, displayName, password, ip, userAgent, attributionToken);
    }

    @Transactional
    String createAndJoin(Tenant tenant, String token, String displayName, String password, String ip, String userAgent,
            String attributionToken) {
        Invitation invitation = open(token);
        if (User.findByEmail(invitation.email).isPresent()) {
            throw InvalidInput.of("password", "You already have an account. Sign in to accept the invitation.");
        }
        PasswordPolicy.problem(password, invitation.email).ifPresent(p -> {
            throw InvalidInput.of("password", p);
        });
        Instant now = clock.instant();
        User user = new User();
        user.id = UUID.randomUUID();
        user.email = invitation.email;
        user.emailVerifiedAt = now;
        user.displayName = AccountService.displayNameOr(displayName, invitation.email);
        user.passwordHash = hasher.hash(password);
        user.createdAt = now;
        user.updatedAt = now;
        user.persist();
        join(tenant, invitation, user.id);
        // The invitation link proved the address: a tenant file may list it as an owner (of this or another workspace).
        emailVerified.fire(new pro.dailydoco.account.EmailVerified(user.id));
        signedUpEvent.fire(new UserSignedUp(user.id, user.email, tenant.id, false, null, attributionToken, ip));
        // After the event, as in AccountService.signUp: referral attribution takes the referral tree's lock before
        // anyone takes the platform audit chain's, so a sign-up and a sponsor correction never wait on each other.
        auditLog.recordPlatform(AuditEvent.user(user.id, "account.signed-up").subjectTenant(tenant.id)
                .detail("via", "invitation").build());
        return sessions.start(user.id, userAgent, ip, null);
    }

    private void join(Tenant tenant, Invitation invitation, UUID userId) {
        if (Membership.find(tenant.id, userId).isPresent()) {
            throw DomainException.conflict("You are already a member of this workspace.");
        }
        int claimed = Invitation.update("acceptedAt = ?1 where id = ?2 and acceptedAt is null and revokedAt is null",
                clock.instant(), invitation.id);
        if (claimed == 0) {
            throw new DomainException(410, "Invitation already used", "This invitation has already been accepted.");
        }
        tenantContext.setUserId(userId);
        rowLevelSecurity.reapply();
        Membership membership = new Membership();
        membership.id = UUID.randomUUID();
        membership.tenantId = tenant.id;
        membership.userId = userId;
        membership.role = invitation.role;
        membership.createdAt = clock.instant();
        membership.persist();
        memberEvents.joined(membership);
        User user = User.findById(userId);
        if (user.homeTenantId == null) {
            user.homeTenantId = tenant.id;
        }
        auditLog.record(tenant.id, AuditEvent.user(userId, "invitation.accepted")
                .target("invitation", invitation.id.toString()).detail("role", invitation.role).build());
    }
}
