package pro.dailydoco.account;

import java.time.Clock;
import java.util.Locale;
import java.util.UUID;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import pro.dailydoco.audit.AuditEvent;
import pro.dailydoco.audit.AuditLog;
import pro.dailydoco.core.DomainException;
import pro.dailydoco.tenant.ScopedWork;
import pro.dailydoco.tenant.Tenant;
import pro.dailydoco.tenant.TenantDefinitions;

/**
 * Owners who come from outside a workspace's own pages: the platform operator's assignment, and owners declared in
 * {@code tenants/*.yaml} ({@code owners:}) — a workspace declared in a file has no creator to be its first owner.
 * Each listed email becomes an owner of that workspace
 * as soon as an account with that email exists and its address is proven — at start-up for accounts that already
 * exist, and when an account is created or verified later (sign-up's confirmation link, an invitation link, an
 * email change, single sign-on). Only ever adds or promotes: a restart never removes an owner added on the page
 * (docs/decisions/0112-owners-declared-in-tenant-files.md).
 * <p>
 * A proven address, not just a typed one: anyone can sign up with any address, and the file names a person, not
 * whoever registers their email first.
 */
@ApplicationScoped
public class WorkspaceOwners {

    private final ScopedWork scopedWork;
    private final AuditLog auditLog;
    private final Clock clock;

    WorkspaceOwners(ScopedWork scopedWork, AuditLog auditLog, Clock clock) {
        this.scopedWork = scopedWork;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /** After the tenant files are applied: owners whose accounts already exist. */
    void onStart(@Observes @Priority(TenantDefinitions.STARTUP_PRIORITY + 1) StartupEvent event) {
        int granted = grantExisting();
        if (granted > 0) {
            Log.infof("Made %d declared owner(s) owners of their workspaces", granted);
        }
    }

    void onEmailVerified(@Observes(during = TransactionPhase.AFTER_SUCCESS) EmailVerified verified) {
        grantFor(verified.userId());
    }

    /**
     * Makes the person an owner of every workspace whose tenant file lists their email, if their address is proven
     * and the account is active. Each workspace in its own transaction; call it outside a transaction (or after
     * the one that created the account has committed).
     *
     * @return how many memberships were created or promoted
     */
    public int grantFor(UUID userId) {
        User user = QuarkusTransaction.requiringNew().call(() -> User.<User>findById(userId));
        if (user == null || !user.isActive() || !user.isEmailVerified()) {
            return 0;
        }
        String email = user.email.toLowerCase(Locale.ROOT);
        int granted = 0;
        for (UUID tenantId : QuarkusTransaction.requiringNew().call(() -> Tenant.declaringOwner(email).stream().map(t -> t.id).toList())) {
            granted += makeOwner(tenantId, userId, AuditEvent.system("member.owner-granted").detail("via", "tenant-file")) ? 1 : 0;
        }
        return granted;
    }

    /** Every declared owner whose proven account exists; returns how many memberships changed. */
    public int grantExisting() {
        int granted = 0;
        for (Tenant tenant : QuarkusTransaction.requiringNew().call(() -> Tenant.<Tenant>listAll())) {
            for (String email : tenant.declaredOwners == null ? java.util.List.<String>of() : tenant.declaredOwners) {
                UUID userId = QuarkusTransaction.requiringNew().call(() -> User.findByEmail(email)
                        .filter(u -> u.isActive() && u.isEmailVerified()).map(u -> u.id).orElse(null));
                if (userId != null && makeOwner(tenant.id, userId,
                        AuditEvent.system("member.owner-granted").detail("via", "tenant-file"))) {
                    granted++;
                }
            }
        }
        return granted;
    }

    /**
     * The operator makes the person with {@code email} an owner of the workspace (onboarding a workspace declared in a
     * file, or recovering one whose owners left). The account must exist and its address be proven.
     *
     * @return false when they already were an owner
     * @throws DomainException 404 for an unknown workspace; 400 when no such proven, active account exists
     */
    public boolean assignByOperator(UUID operatorId, UUID tenantId, String rawEmail) {
        String email = User.normaliseEmail(rawEmail == null ? "" : rawEmail.trim());
        if (QuarkusTransaction.requiringNew().call(() -> Tenant.findById(tenantId)) == null) {
            throw DomainException.notFound("This workspace does not exist.");
        }
        User user = QuarkusTransaction.requiringNew().call(() -> User.findByEmail(email).orElse(null));
        if (user == null || !user.isActive()) {
            throw DomainException.badRequest("No active account uses " + (email.isEmpty() ? "that email" : email)
                    + ". Ask the person to sign up or sign in with single sign-on first, or list the email under owners: in"
                    + " the workspace's tenant file (they become an owner when their account exists).");
        }
        if (!user.isEmailVerified()) {
            throw DomainException.badRequest("The account " + email + " has not confirmed its email address yet; an owner"
                    + " must have. Ask the person to use the confirmation link we mailed them, then try again.");
        }
        return makeOwner(tenantId, user.id, AuditEvent.operator(operatorId, "member.owner-granted").detail("via", "operator"));
    }

    /**
     * Makes an existing person an owner of the workspace (a new membership, or a promotion), audited in the
     * workspace's chain. Returns false when they already were one.
     */
    private boolean makeOwner(UUID tenantId, UUID userId, AuditEvent.Builder audit) {
        return scopedWork.call(tenantId, userId, () -> {
            Membership membership = Membership.find(tenantId, userId).orElse(null);
            if (membership != null && membership.role == Role.OWNER) {
                return false;
            }
            String from = membership == null ? "none" : membership.role.name();
            if (membership == null) {
                membership = new Membership();
                membership.id = UUID.randomUUID();
                membership.tenantId = tenantId;
                membership.userId = userId;
                membership.createdAt = clock.instant();
                membership.role = Role.OWNER;
                membership.persist();
            } else {
                membership.role = Role.OWNER;
            }
            auditLog.record(tenantId, audit.subjectTenant(tenantId).target("membership", membership.id.toString())
                    .detail("from", from).build());
            return true;
        });
    }
}
