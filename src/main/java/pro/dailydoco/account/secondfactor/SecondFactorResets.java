package pro.dailydoco.account.secondfactor;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import pro.dailydoco.account.AccountMails;
import pro.dailydoco.account.Membership;
import pro.dailydoco.account.PlatformOperators;
import pro.dailydoco.account.Role;
import pro.dailydoco.account.User;
import pro.dailydoco.audit.AuditEvent;
import pro.dailydoco.audit.AuditLog;
import pro.dailydoco.core.DomainException;
import pro.dailydoco.tenant.Tenant;

/**
 * Turning off someone else's second factor, for a person who lost their authenticator and their recovery codes: by
 * another owner of a workspace they belong to, or by the platform operator. Audited with who did it, and the person is
 * told by mail (docs/decisions/0127-second-factor-reset-by-owners-and-the-operator.md).
 */
@ApplicationScoped
public class SecondFactorResets {

    /** A person as the operator's reset page shows them. */
    public record Person(UUID userId, String email, String displayName, boolean on, java.time.Instant since) {
    }

    private final SecondFactorService factors;
    private final PlatformOperators operators;
    private final AccountMails mails;
    private final AuditLog auditLog;

    SecondFactorResets(SecondFactorService factors, PlatformOperators operators, AccountMails mails, AuditLog auditLog) {
        this.factors = factors;
        this.operators = operators;
        this.mails = mails;
        this.auditLog = auditLog;
    }

    /**
     * An owner of {@code tenant} resets the second factor of another member of it. Not the platform operator's: the
     * operator's account guards every workspace, so no single workspace's owner may weaken it.
     */
    @Transactional
    public void resetByOwner(Tenant tenant, UUID ownerUserId, UUID membershipId) {
        Membership actor = Membership.find(tenant.id, ownerUserId).orElseThrow(() -> DomainException.notFound("No such member."));
        if (actor.role != Role.OWNER) {
            throw DomainException.forbidden("Only an owner of this workspace can reset a member's two-step sign-in.");
        }
        Membership target = Membership.findInTenant(tenant.id, membershipId)
                .orElseThrow(() -> DomainException.notFound("This member is not in this workspace."));
        if (target.userId.equals(ownerUserId)) {
            throw DomainException.badRequest("To turn off your own two-step sign-in, use your account page.");
        }
        User person = User.findById(target.userId);
        if (operators.isOperator(person.email)) {
            throw DomainException.forbidden("This person is a platform operator: only another operator can reset their two-step sign-in.");
        }
        requireSetUp(target.userId);
        factors.remove(target.userId);
        auditLog.record(tenant.id, AuditEvent.user(ownerUserId, "member.second-factor-reset")
                .target("user", target.userId.toString()).build());
        mails.secondFactorReset(person.email, "An owner of the workspace “" + tenant.displayName + "”");
    }

    /** The platform operator resets anyone's second factor but their own (their account page turns that off). */
    @Transactional
    public void resetByOperator(UUID operatorId, UUID userId) {
        if (userId.equals(operatorId)) {
            throw DomainException.badRequest("To turn off your own two-step sign-in, use your account page.");
        }
        User person = User.findById(userId);
        if (person == null) {
            throw DomainException.notFound("There is no such person.");
        }
        requireSetUp(userId);
        factors.remove(userId);
        auditLog.recordPlatform(AuditEvent.operator(operatorId, "account.second-factor-reset")
                .target("user", userId.toString()).build());
        mails.secondFactorReset(person.email, "The platform operator");
    }

    /** The person with this email, for the operator's page. */
    @Transactional
    public java.util.Optional<Person> findByEmail(String email) {
        return User.findByEmail(email).filter(User::isActive).map(user -> {
            SecondFactor factor = SecondFactor.findById(user.id);
            boolean on = factor != null && factor.isConfirmed();
            return new Person(user.id, user.email, user.displayName, on, on ? factor.confirmedAt : null);
        });
    }

    private void requireSetUp(UUID userId) {
        if (SecondFactor.findById(userId) == null) {
            throw DomainException.conflict("This person has no two-step sign-in to reset.");
        }
    }
}
