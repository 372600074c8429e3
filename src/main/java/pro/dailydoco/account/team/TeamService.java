package pro.dailydoco.account.team;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import pro.dailydoco.account.AccountConfig;
import pro.dailydoco.account.AccountMails;
import pro.dailydoco.account.AccountService;
import pro.dailydoco.account.Membership;
import pro.dailydoco.account.Role;
import pro.dailydoco.account.SeatLimits;
import pro.dailydoco.account.Tokens;
import pro.dailydoco.account.User;
import pro.dailydoco.audit.AuditEvent;
import pro.dailydoco.audit.AuditLog;
import pro.dailydoco.core.DomainException;
import pro.dailydoco.core.InvalidInput;
import pro.dailydoco.tenant.Tenant;
import pro.dailydoco.tenant.TenantService;

/**
 * A workspace's team: members, roles, invitations and seats. Every change locks the tenant's row first, so seat
 * counts and the last-owner rule hold even when two admins act at once on different instances.
 */
@ApplicationScoped
public class TeamService {

    public static final int PAGE_SIZE = 20;

    public record MemberRow(UUID membershipId, UUID userId, String displayName, String email, Role role, Instant joinedAt) {
    }

    public record MemberPage(List<MemberRow> rows, int page, int pages, long total, String query) {
        public boolean hasPrevious() {
            return page > 1;
        }

        public boolean hasNext() {
            return page < pages;
        }
    }

    /** The plan's seats are all used: the message explains the limit and the page offers the upgrade. */
    public static class SeatLimitReached extends DomainException {
        public SeatLimitReached(String planName, long seats) {
            super(402, "No seats left", "Your " + planName + " plan includes " + seats + (seats == 1 ? " seat" : " seats")
                    + ", and members plus pending invitations already use " + (seats == 1 ? "it" : "them all")
                    + ". Upgrade your plan to invite more people.");
        }
    }

    private final EntityManager entityManager;
    private final TenantService tenants;
    private final SeatLimits seatLimits;
    private final AccountMails mails;
    private final AccountConfig config;
    private final AuditLog auditLog;
    private final Clock clock;

    /** Outgoing webhooks hear of joins, role changes and removals in their transaction. */
    @jakarta.inject.Inject
    pro.dailydoco.account.MemberEvents memberEvents;

    TeamService(EntityManager entityManager, TenantService tenants, SeatLimits seatLimits, AccountMails mails,
            AccountConfig config, AuditLog auditLog, Clock clock) {
        this.entityManager = entityManager;
        this.tenants = tenants;
        this.seatLimits = seatLimits;
        this.mails = mails;
        this.config = config;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    @Transactional
    public MemberPage members(UUID tenantId, String query, int page) {
        String q = query == null ? "" : query.trim().toLowerCase();
        String like = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        long total = entityManager.createQuery("""
                select count(m) from Membership m, User u where u.id = m.userId and m.tenantId = ?1
                and (lower(u.displayName) like ?2 or u.email like ?2)""", Long.class)
                .setParameter(1, tenantId).setParameter(2, like).getSingleResult();
        int pages = (int) Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
        int current = Math.min(Math.max(1, page), pages);
        List<MemberRow> rows = entityManager.createQuery("""
                select new pro.dailydoco.account.team.TeamService$MemberRow(m.id, u.id, u.displayName, u.email, m.role, m.createdAt)
                from Membership m, User u where u.id = m.userId and m.tenantId = ?1
                and (lower(u.displayName) like ?2 or u.email like ?2)
                order by u.displayName, u.email""", MemberRow.class)
                .setParameter(1, tenantId).setParameter(2, like)
                .setFirstResult((current - 1) * PAGE_SIZE).setMaxResults(PAGE_SIZE)
                .getResultList();
        return new MemberPage(rows, current, pages, total, q);
    }

    @Transactional
    public List<Invitation> invitations() {
        return Invitation.list("acceptedAt is null and revokedAt is null order by createdAt desc");
    }

    /** A workspace's newest member: their display name and when they joined. */
    public record Newest(String displayName, Instant joinedAt) {
    }

    /** How many people belong to the workspace. */
    @Transactional
    public long memberCount(UUID tenantId) {
        return Membership.countInTenant(tenantId);
    }

    /** The member who joined last, if anyone has. */
    @Transactional
    public Optional<Newest> newestMember(UUID tenantId) {
        return entityManager.createQuery("""
                select new pro.dailydoco.account.team.TeamService$Newest(u.displayName, m.createdAt)
                from Membership m, User u where u.id = m.userId and m.tenantId = ?1
                order by m.createdAt desc, m.id""", Newest.class)
                .setParameter(1, tenantId).setMaxResults(1).getResultStream().findFirst();
    }

    /** Seats in use: members plus pending (unexpired) invitations. */
    @Transactional
    public long seatsUsed(UUID tenantId) {
        return Membership.countInTenant(tenantId) + Invitation.count(
                "acceptedAt is null and revokedAt is null and expiresAt > ?1", clock.instant());
    }

    @Transactional
    public Invitation invite(Tenant tenantRef, UUID actorId, String rawEmail, Role role) {
        String email = User.normaliseEmail(rawEmail);
        if (!AccountService.EMAIL.matcher(email).matches()) {
            throw InvalidInput.of("email", "Enter an email address like name@example.com.");
        }
        if (role == null || !Role.invitable().contains(role)) {
            throw InvalidInput.of("role", "Choose Admin, Member or Billing. Ownership is transferred, not invited.");
        }
        Tenant tenant = tenants.lock(tenantRef.id);
        if (User.findByEmail(email).flatMap(u -> Membership.find(tenant.id, u.id)).isPresent()) {
            throw InvalidInput.of("email", "This person is already a member of this workspace.");
        }
        Instant now = clock.instant();
        if (Invitation.count("email = ?1 and acceptedAt is null and revokedAt is null and expiresAt > ?2", email, now) > 0) {
            throw InvalidInput.of("email", "This person already has a pending invitation. Resend it from the list below.");
        }
        // An expired invitation still blocks the partial unique index: retire it.
        Invitation.update("revokedAt = ?1 where email = ?2 and acceptedAt is null and revokedAt is null", now, email);
        long limit = seatLimits.seatLimit(tenant.id);
        if (limit >= 0 && seatsUsed(tenant.id) + 1 > limit) {
            auditLog.record(tenant.id, AuditEvent.user(actorId, "invitation.refused-seat-limit").denied().build());
            throw new SeatLimitReached(seatLimits.planName(tenant.id), limit);
        }
        String token = Tokens.newToken();
        Invitation invitation = new Invitation();
        invitation.id = UUID.randomUUID();
        invitation.email = email;
        invitation.role = role;
        invitation.tokenHash = Tokens.sha256(token);
        invitation.invitedByUserId = actorId;
        invitation.createdAt = now;
        invitation.expiresAt = now.plus(config.invitationValidity());
        invitation.persist();
        mails.invitation(email, tenant.displayName, tenant.slug, token, role.label());
        auditLog.record(tenant.id, AuditEvent.user(actorId, "invitation.sent").target("invitation", invitation.id.toString())
                .detail("role", role).build());
        return invitation;
    }

    /** A fresh link and a fresh 7 days; the old link stops working. */
    @Transactional
    public void resend(Tenant tenant, UUID actorId, UUID invitationId) {
        Invitation invitation = pending(invitationId);
        String token = Tokens.newToken();
        invitation.tokenHash = Tokens.sha256(token);
        invitation.expiresAt = clock.instant().plus(config.invitationValidity());
        mails.invitation(invitation.email, tenant.displayName, tenant.slug, token, invitation.role.label());
        auditLog.record(tenant.id, AuditEvent.user(actorId, "invitation.resent").target("invitation", invitationId.toString()).build());
    }

    @Transactional
    public void revoke(Tenant tenant, UUID actorId, UUID invitationId) {
        Invitation invitation = pending(invitationId);
        invitation.revokedAt = clock.instant();
        auditLog.record(tenant.id, AuditEvent.user(actorId, "invitation.revoked").target("invitation", invitationId.toString()).build());
    }

    private Invitation pending(UUID invitationId) {
        Invitation invitation = Invitation.findById(invitationId);
        if (invitation == null || invitation.acceptedAt != null || invitation.revokedAt != null) {
            throw DomainException.notFound("This invitation does not exist or is no longer pending.");
        }
        return invitation;
    }

    @Transactional
    public void changeRole(Tenant tenantRef, Membership actor, UUID membershipId, Role newRole) {
        Tenant tenant = tenants.lock(tenantRef.id);
        Membership target = Membership.findInTenant(tenant.id, membershipId)
                .orElseThrow(() -> DomainException.notFound("This member does not exist in this workspace."));
        if (newRole == null) {
            throw InvalidInput.of("role", "Choose a role.");
        }
        if ((newRole == Role.OWNER || target.role == Role.OWNER) && actor.role != Role.OWNER) {
            throw DomainException.forbidden("Only an owner can grant or change the Owner role.");
        }
        if (target.role == Role.OWNER && newRole != Role.OWNER) {
            refuseIfDeclaredOwner(tenant, target, "changed");
        }
        if (target.role == Role.OWNER && newRole != Role.OWNER && Membership.countOwners(tenant.id) == 1) {
            throw DomainException.conflict("This is the last owner of the workspace. Make someone else an owner first.");
        }
        Role previous = target.role;
        target.role = newRole;
        memberEvents.roleChanged(target, previous);
        auditLog.record(tenant.id, AuditEvent.user(actor.userId, "member.role-changed")
                .target("membership", membershipId.toString()).detail("from", previous).detail("to", newRole).build());
    }

    @Transactional
    public void remove(Tenant tenantRef, Membership actor, UUID membershipId) {
        Tenant tenant = tenants.lock(tenantRef.id);
        Membership target = Membership.findInTenant(tenant.id, membershipId)
                .orElseThrow(() -> DomainException.notFound("This member does not exist in this workspace."));
        if (target.role == Role.OWNER && actor.role != Role.OWNER) {
            throw DomainException.forbidden("Only an owner can remove an owner.");
        }
        if (target.role == Role.OWNER) {
            refuseIfDeclaredOwner(tenant, target, "removed");
        }
        if (target.role == Role.OWNER && Membership.countOwners(tenant.id) == 1) {
            throw DomainException.conflict("This is the last owner of the workspace and cannot be removed.");
        }
        memberEvents.leaving(target);
        target.delete();
        auditLog.record(tenant.id, AuditEvent.user(actor.userId, "member.removed")
                .target("membership", membershipId.toString()).detail("user", target.userId).build());
    }

    /** Why a declared owner keeps the role (shown on the members page too). */
    public static final String DECLARED_OWNER = "This owner is listed in the workspace's tenant file (owners:), which only"
            + " the platform operator can change.";

    /** Whether the tenant file lists this member as an owner (docs/decisions/0112-owners-declared-in-tenant-files.md). */
    static boolean isDeclaredOwner(Tenant tenant, Membership member) {
        if (tenant.declaredOwners == null || tenant.declaredOwners.isEmpty()) {
            return false;
        }
        User user = User.findById(member.userId);
        return user != null && tenant.declaresOwner(user.email);
    }

    private static void refuseIfDeclaredOwner(Tenant tenant, Membership target, String what) {
        if (isDeclaredOwner(tenant, target)) {
            throw DomainException.conflict(DECLARED_OWNER + " Their role can't be " + what + " here.");
        }
    }

    /** The current owner hands the Owner role to another member and becomes an Admin. */
    @Transactional
    public void transferOwnership(Tenant tenantRef, Membership actor, UUID membershipId) {
        Tenant tenant = tenants.lock(tenantRef.id);
        Membership target = Membership.findInTenant(tenant.id, membershipId)
                .orElseThrow(() -> DomainException.notFound("This member does not exist in this workspace."));
        Membership self = Membership.findInTenant(tenant.id, actor.id).orElseThrow();
        if (self.role != Role.OWNER) {
            throw DomainException.forbidden("Only an owner can transfer ownership.");
        }
        if (target.id.equals(self.id)) {
            throw InvalidInput.of("membershipId", "Choose another member to become the owner.");
        }
        if (isDeclaredOwner(tenant, self)) {
            throw DomainException.conflict(DECLARED_OWNER + " You stay an owner: make the other member an owner with"
                    + " Change role instead.");
        }
        Role targetWas = target.role;
        target.role = Role.OWNER;
        self.role = Role.ADMIN;
        memberEvents.roleChanged(target, targetWas);
        memberEvents.roleChanged(self, Role.OWNER);
        auditLog.record(tenant.id, AuditEvent.user(actor.userId, "ownership.transferred")
                .target("membership", membershipId.toString()).build());
    }
}
