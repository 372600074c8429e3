package pro.dailydoco.referral.attribution;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import pro.dailydoco.audit.AuditEvent;
import pro.dailydoco.audit.AuditLog;
import pro.dailydoco.core.DomainException;
import pro.dailydoco.referral.ActingAs;
import pro.dailydoco.referral.tree.ReferralTree;

/**
 * The one way a sponsor changes: an operator correction. Under the tree's cluster lock (exclusive: no other
 * correction and no sign-up changes the tree meanwhile) it refuses cycles, rebuilds the tree rows of the user and
 * of every descendant whose first 7 ancestors pass through them, in one transaction, and is audited. Invoices already
 * recorded keep the shares fixed when they were paid, so only future invoices follow the new tree.
 */
@ApplicationScoped
public class SponsorCorrection {

    private final EntityManager entityManager;
    private final ReferralTree tree;
    private final ReferralAttribution attribution;
    private final ActingAs actingAs;
    private final AuditLog auditLog;
    private final Clock clock;

    SponsorCorrection(EntityManager entityManager, ReferralTree tree, ReferralAttribution attribution, ActingAs actingAs,
            AuditLog auditLog, Clock clock) {
        this.entityManager = entityManager;
        this.tree = tree;
        this.attribution = attribution;
        this.actingAs = actingAs;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    @Transactional
    public void correctSponsor(UUID operatorId, UUID userId, UUID newSponsorId) {
        tree.lockForCorrection(); // before the cycle check, which must see every correction committed before this one
        if (userId.equals(newSponsorId) || isDescendant(newSponsorId, userId)) {
            throw DomainException.conflict("That sponsor is the user or one of their referrals; the tree can't loop.");
        }
        UUID previous = attribution.sponsorOf(userId).orElse(null);
        actingAs.run(userId, () -> {
            int changed = entityManager.createNativeQuery("""
                    update referral_attribution set sponsor_user_id = ?2, corrected_at = ?3 where user_id = ?1""")
                    .setParameter(1, userId).setParameter(2, newSponsorId).setParameter(3, clock.instant())
                    .executeUpdate();
            if (changed == 0) {
                entityManager.createNativeQuery("""
                        insert into referral_attribution (user_id, sponsor_user_id, attributed_at, corrected_at)
                        values (?1, ?2, ?3, ?3)""")
                        .setParameter(1, userId).setParameter(2, newSponsorId).setParameter(3, clock.instant())
                        .executeUpdate();
            }
        });
        List<UUID> upline = new ArrayList<>();
        upline.add(newSponsorId);
        upline.addAll(tree.ancestorsOf(newSponsorId));
        List<ReferralTree.Descendant> descendants = tree.nearDescendantsOf(userId);
        tree.replaceAncestorsBeyond(userId, 0, upline);
        for (ReferralTree.Descendant descendant : descendants) {
            tree.replaceAncestorsBeyond(descendant.userId(), descendant.depth(), upline);
        }
        auditLog.recordPlatform(AuditEvent.operator(operatorId, "referral.sponsor-corrected").target("user", userId.toString())
                .detail("previousSponsor", previous == null ? "none" : previous.toString())
                .detail("newSponsor", newSponsorId.toString()).build());
    }

    /**
     * Whether {@code candidate} sits anywhere below {@code userId}: walks up from the candidate through the sponsors
     * (the bounded closure only knows 7 levels, a cycle could be longer), one user at a time as that user.
     */
    private boolean isDescendant(UUID candidate, UUID userId) {
        UUID current = candidate;
        for (int steps = 0; current != null; steps++) {
            if (current.equals(userId)) {
                return true;
            }
            if (steps > 1_000_000) {
                throw new IllegalStateException("Sponsor chain does not end: the tree is corrupt");
            }
            current = attribution.sponsorOf(current).orElse(null);
        }
        return false;
    }
}
