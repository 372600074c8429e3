package pro.dailydoco.sso;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import pro.dailydoco.account.DirectoryWithdrawals;
import pro.dailydoco.account.Membership;
import pro.dailydoco.account.Role;
import pro.dailydoco.account.SessionService;
import pro.dailydoco.account.UnverifiedAccounts;
import pro.dailydoco.account.User;
import pro.dailydoco.account.UserSignedUp;
import pro.dailydoco.account.WorkspaceOwners;
import pro.dailydoco.audit.AuditEvent;
import pro.dailydoco.audit.AuditLog;
import pro.dailydoco.core.DomainException;
import pro.dailydoco.tenant.ScopedWork;

/**
 * Turns a verified ID token into a session for one workspace: finds the identity by (tenant, issuer, sub),
 * provisions the person on first sign-in, maps the IdP's groups to a role, and starts a session that grants only
 * that workspace.
 */
@ApplicationScoped
public class SsoLoginService {

    /**
     * What the ID token says, after quarkus-oidc verified signature, issuer, audience, expiry and nonce;
     * {@code rawIdToken} is the token itself, kept (sealed) with the session for the IdP's logout.
     */
    public record Claims(String issuer, String subject, String email, boolean emailVerified, String name,
            List<String> groups, String rawIdToken, String sessionId) {
    }

    /** The sign-in was refused for a reason the person can act on. */
    public static class Refused extends DomainException {
        Refused(String detail) {
            super(403, "Single sign-on refused", detail);
        }
    }

    private final SsoSettingsService settingsService;
    private final SessionService sessions;
    private final UnverifiedAccounts unverifiedAccounts;
    private final ScopedWork scopedWork;
    private final AuditLog auditLog;
    private final Clock clock;
    private final Event<UserSignedUp> signedUpEvent;
    private final SsoLogout logout;
    private final WorkspaceOwners workspaceOwners;
    private final Instance<DirectoryWithdrawals> directory;

    /** Outgoing webhooks hear of just-in-time joins and role syncs in their transaction. */
    @jakarta.inject.Inject
    pro.dailydoco.account.MemberEvents memberEvents;

    SsoLoginService(SsoSettingsService settingsService, SessionService sessions, UnverifiedAccounts unverifiedAccounts,
            ScopedWork scopedWork, AuditLog auditLog, Clock clock, Event<UserSignedUp> signedUpEvent, SsoLogout logout,
            WorkspaceOwners workspaceOwners, Instance<DirectoryWithdrawals> directory) {
        this.directory = directory;
        this.workspaceOwners = workspaceOwners;
        this.settingsService = settingsService;
        this.sessions = sessions;
        this.unverifiedAccounts = unverifiedAccounts;
        this.scopedWork = scopedWork;
        this.auditLog = auditLog;
        this.clock = clock;
        this.signedUpEvent = signedUpEvent;
        this.logout = logout;
    }

    /**
     * Signs the person in to {@code tenantId} and returns the session secret for the cookie.
     *
     * @throws Refused (audited) when the tenant has no usable SSO, the email is unverified or outside the tenant's
     *         domains on first sign-in, or the account is disabled
     */
    public String signIn(UUID tenantId, Claims claims, String userAgent, String ip) {
        SsoSettings settings = settingsService.forTenant(tenantId).filter(settingsService::isUsable)
                .orElseThrow(() -> refuse(tenantId, null, "sso-unavailable",
                        "Single sign-on is not available for this workspace. Sign in with your password, or ask its owner."));
        Linked linked = scopedWork.call(tenantId, null, () -> linkAndProvision(settings, claims, ip));
        UUID userId = linked.userId();
        if (linked.firstLink()) {
            // The IdP has just proved the address: a tenant file may list it as an owner (docs/decisions/0112). Later
            // sign-ins change nothing here: a declared owner can't be demoted on the page, and start-up applies a
            // changed file to every proven account.
            workspaceOwners.grantFor(userId);
        }
        // The ID token stays on the server with our session (docs/decisions/0110): RP-initiated logout sends it back
        // as id_token_hint, so the IdP ends its session without asking.
        String token = sessions.start(userId, userAgent, ip, tenantId, logout.seal(tenantId, claims.rawIdToken()),
                claims.sessionId());
        scopedWork.run(tenantId, userId, () -> auditLog.record(tenantId, AuditEvent.user(userId, "sso.login")
                .subjectTenant(tenantId).build()));
        return token;
    }

    /** Who signed in, and whether this sign-in linked the IdP identity to the account (its first). */
    private record Linked(UUID userId, boolean firstLink) {
    }

    private Linked linkAndProvision(SsoSettings settings, Claims claims, String ip) {
        UUID tenantId = settings.tenantId();
        Instant now = clock.instant();
        SsoIdentity identity = SsoIdentity.find(claims.issuer(), claims.subject()).orElse(null);
        boolean firstLink = identity == null;
        User user;
        boolean created = false;
        if (identity != null) {
            user = User.findById(identity.userId);
        } else {
            User existing = existingAccount(settings, claims);
            user = existing != null ? existing : createUser(settings, claims, now);
            created = existing == null;
            identity = new SsoIdentity();
            identity.id = UUID.randomUUID();
            identity.tenantId = tenantId.toString();
            identity.issuer = claims.issuer();
            identity.subject = claims.subject();
            identity.userId = user.id;
            identity.createdAt = now;
            identity.lastLoginAt = now;
            identity.persist();
        }
        if (user == null || !user.isActive()) {
            throw refuse(tenantId, user == null ? null : user.id, "account-disabled",
                    "This account is disabled. Ask an admin of your organisation.");
        }
        identity.lastLoginAt = now;
        Role mapped = settings.roleFor(claims.groups());
        Membership membership = Membership.find(tenantId, user.id).orElse(null);
        if (membership == null && directory.stream().anyMatch(d -> d.withdrawn(tenantId, user.id))) {
            // The workspace's directory deactivated this person; the IdP signing them in doesn't undo that.
            throw refuse(tenantId, user.id, "directory-deactivated", "Your organisation's directory has deactivated your "
                    + "access to this workspace. Ask your IT team if you need it back.");
        }
        if (membership == null) {
            membership = new Membership();
            membership.id = UUID.randomUUID();
            membership.tenantId = tenantId;
            membership.userId = user.id;
            membership.role = mapped;
            membership.createdAt = now;
            membership.persist();
            memberEvents.joined(membership);
            auditLog.record(tenantId, AuditEvent.user(user.id, "sso.member-provisioned").subjectTenant(tenantId)
                    .detail("role", mapped.name()).build());
        } else if (membership.role != Role.OWNER && membership.role != mapped) {
            // The IdP is the source of truth for roles it maps; an OWNER is never changed by SSO (so the last owner
            // is never demoted), and SSO never grants OWNER (roleFor skips it).
            auditLog.record(tenantId, AuditEvent.user(user.id, "sso.role-synced").subjectTenant(tenantId)
                    .detail("from", membership.role.name()).detail("to", mapped.name()).build());
            Role previous = membership.role;
            membership.role = mapped;
            memberEvents.roleChanged(membership, previous);
        }
        if (created) {
            auditLog.recordPlatform(AuditEvent.user(user.id, "account.signed-up").subjectTenant(tenantId)
                    .detail("via", "sso").build());
            // Platform sign-up roll-ups and the person's own referral code, like every other sign-up. No attribution
            // token: the employer's IdP provisioned this account, not a referral link (see docs/sso.md).
            signedUpEvent.fire(new UserSignedUp(user.id, user.email, tenantId, false, null, null, ip));
        }
        return new Linked(user.id, firstLink);
    }

    /**
     * Checks that a first sign-in may provision (verified email in one of the tenant's domains) and returns the
     * existing account with that email, or null. An existing account whose email was never verified is handed over
     * to this person first (sessions revoked, password removed): anyone can sign up with any address, and only the
     * IdP has proven who holds it.
     */
    private User existingAccount(SsoSettings settings, Claims claims) {
        String email = User.normaliseEmail(claims.email());
        if (!claims.emailVerified()) {
            throw refuse(settings.tenantId(), null, "email-not-verified",
                    "Your identity provider has not verified your email address, so we can't create your account. "
                            + "Ask your IT team to verify it, then try again.");
        }
        String domain = email.contains("@") ? email.substring(email.indexOf('@') + 1) : "";
        if (!settings.emailDomains().contains(domain.toLowerCase(Locale.ROOT))) {
            throw refuse(settings.tenantId(), null, "email-domain-not-claimed",
                    "Your email address is not in one of this workspace's verified domains, so we can't create your account here.");
        }
        User existing = User.findByEmail(email).orElse(null);
        if (existing != null) {
            // The tenant proved it controls this domain, and the IdP verified the address: same person.
            unverifiedAccounts.handOverToVerifiedOwner(existing, "sso", settings.tenantId());
        }
        return existing;
    }

    private User createUser(SsoSettings settings, Claims claims, Instant now) {
        String email = User.normaliseEmail(claims.email());
        User user = new User();
        user.id = UUID.randomUUID();
        user.email = email;
        user.displayName = claims.name() == null || claims.name().isBlank() ? email.substring(0, email.indexOf('@'))
                : claims.name().substring(0, Math.min(100, claims.name().length()));
        user.emailVerifiedAt = now;
        user.homeTenantId = settings.tenantId();
        user.createdAt = now;
        user.updatedAt = now;
        user.persist();
        return user;
    }

    private Refused refuse(UUID tenantId, UUID userId, String reason, String message) {
        scopedWork.run(tenantId, null, () -> auditLog.record(tenantId,
                (userId == null ? AuditEvent.anonymous("sso.login") : AuditEvent.user(userId, "sso.login"))
                        .subjectTenant(tenantId).denied().detail("reason", reason).build()));
        return new Refused(message);
    }
}
