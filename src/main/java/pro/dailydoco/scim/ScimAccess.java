package pro.dailydoco.scim;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import pro.dailydoco.account.Membership;
import pro.dailydoco.account.Offboarding;
import pro.dailydoco.account.Offboarding.Cause;
import pro.dailydoco.account.Role;
import pro.dailydoco.audit.AuditEvent;
import pro.dailydoco.audit.AuditLog;
import pro.dailydoco.sso.SsoSettings;
import pro.dailydoco.tenant.TenantService;

/**
 * What provisioning does to a person's place in the workspace: the membership the directory grants (with the role its
 * groups map to, never Owner) and what deactivation takes away (docs/decisions/0141-scim-deactivation-removes-the-membership.md).
 * Every method joins the caller's transaction, which runs in the workspace's scope.
 */
@ApplicationScoped
class ScimAccess {

    /** What a withdrawal did. */
    enum Withdrawal {
        /** The membership was removed. */
        REMOVED,
        /** An owner: sessions ended, but the Owner role is never taken away through SCIM. */
        OWNER_KEPT,
        /** There was no membership to remove. */
        NONE
    }

    private final AuditLog auditLog;
    private final TenantService tenants;
    private final Offboarding offboarding;
    private final Clock clock;

    /** Outgoing webhooks hear of SCIM's joins, role syncs and removals in their transaction. */
    @jakarta.inject.Inject
    pro.dailydoco.account.MemberEvents memberEvents;

    ScimAccess(AuditLog auditLog, TenantService tenants, Offboarding offboarding, Clock clock) {
        this.auditLog = auditLog;
        this.tenants = tenants;
        this.offboarding = offboarding;
        this.clock = clock;
    }

    /**
     * Deactivation or deletion: sessions end and the membership goes, so the person has no access to this workspace on
     * their next request, through any session or sign-in method. An owner keeps the Owner role (SCIM never removes an
     * owner; the workspace's owners decide on the members page) and may still use the owners' password sign-in.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    Withdrawal withdraw(UUID tenantId, UUID userId, Cause cause, String tokenPrefix) {
        tenants.lock(tenantId);
        // At once and on every instance, through the same path and audit entry as the IdP's back-channel logout.
        offboarding.endAccess(tenantId, userId, cause);
        Membership membership = Membership.find(tenantId, userId).orElse(null);
        if (membership == null) {
            return Withdrawal.NONE;
        }
        if (membership.role == Role.OWNER) {
            auditLog.record(tenantId, AuditEvent.system("scim.owner-kept").subjectTenant(tenantId)
                    .target("membership", membership.id.toString()).detail("user", userId).detail("cause", cause.code())
                    .detail("token", tokenPrefix).build());
            return Withdrawal.OWNER_KEPT;
        }
        memberEvents.leaving(membership);
        membership.delete();
        auditLog.record(tenantId, AuditEvent.system("scim.member-removed").subjectTenant(tenantId)
                .target("membership", membership.id.toString()).detail("user", userId).detail("role", membership.role.name())
                .detail("cause", cause.code()).detail("token", tokenPrefix).build());
        return Withdrawal.REMOVED;
    }

    /**
     * (Re)activation: a membership with the role the person's groups map to, when they have none. An existing
     * membership keeps its role here; group changes sync it ({@link #syncRoles}).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void grant(UUID tenantId, UUID userId, List<String> groupNames, SsoSettings settings, String tokenPrefix) {
        tenants.lock(tenantId);
        if (Membership.find(tenantId, userId).isPresent()) {
            return;
        }
        Role role = roleFor(groupNames, settings);
        Instant now = clock.instant();
        Membership membership = new Membership();
        membership.id = UUID.randomUUID();
        membership.tenantId = tenantId;
        membership.userId = userId;
        membership.role = role;
        membership.createdAt = now;
        membership.persist();
        memberEvents.joined(membership);
        auditLog.record(tenantId, AuditEvent.system("scim.member-provisioned").subjectTenant(tenantId)
                .target("membership", membership.id.toString()).detail("user", userId).detail("role", role.name())
                .detail("token", tokenPrefix).build());
    }

    /**
     * Sets each member's role to what their groups map to now ({@code groupNames} by account id), reading their
     * memberships in one statement. Owners are never changed (so the Owner role is never given or taken through
     * SCIM); a person without a membership (deactivated) is left alone.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void syncRoles(UUID tenantId, Map<UUID, List<String>> groupNames, SsoSettings settings, String tokenPrefix) {
        if (groupNames.isEmpty()) {
            return;
        }
        List<Membership> memberships = Membership.list("tenantId = ?1 and userId in ?2 order by userId", tenantId, groupNames.keySet());
        for (Membership membership : memberships) {
            if (membership.role == Role.OWNER) {
                continue;
            }
            Role mapped = roleFor(groupNames.get(membership.userId), settings);
            if (mapped != membership.role) {
                auditLog.record(tenantId, AuditEvent.system("scim.role-synced").subjectTenant(tenantId)
                        .target("membership", membership.id.toString()).detail("user", membership.userId)
                        .detail("from", membership.role.name()).detail("to", mapped.name()).detail("token", tokenPrefix).build());
                Role previous = membership.role;
                membership.role = mapped;
                memberEvents.roleChanged(membership, previous);
            }
        }
    }

    /** The SSO mapping of group names to roles (the same one sign-in uses); never Owner. */
    static Role roleFor(List<String> groupNames, SsoSettings settings) {
        Role role = settings == null ? Role.MEMBER : settings.roleFor(groupNames);
        return role == null || role == Role.OWNER ? Role.MEMBER : role;
    }
}
