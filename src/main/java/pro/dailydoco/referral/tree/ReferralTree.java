package pro.dailydoco.referral.tree;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import pro.dailydoco.core.database.ClusterLock;
import pro.dailydoco.core.database.Row;
import pro.dailydoco.referral.ActingAs;
import pro.dailydoco.referral.CommissionPlan;
import pro.dailydoco.referral.Level;

/**
 * The referral tree as a closure table bounded at {@value CommissionPlan#LEVELS} levels (see V4__referrals.sql for
 * why): a user's rows name their ancestors at depth 1 (the sponsor) to 7. Each user's rows are written as that user.
 */
@ApplicationScoped
public class ReferralTree {

    /**
     * The cluster lock that orders changes to the tree: an operator correction holds it exclusively (it reads the
     * sponsors to refuse a cycle, then rewrites a subtree), a sign-up holds it shared while it copies its sponsor's
     * ancestors, so a new user under a moved one never keeps the old ancestors and two corrections never both pass
     * the cycle check on the tree as it was before the other.
     */
    static final String LOCK = "referral-tree";

    private final EntityManager entityManager;
    private final ActingAs actingAs;
    private final ClusterLock clusterLock;

    ReferralTree(EntityManager entityManager, ActingAs actingAs, ClusterLock clusterLock) {
        this.entityManager = entityManager;
        this.actingAs = actingAs;
        this.clusterLock = clusterLock;
    }

    /** Holds the tree still until the transaction ends: no sign-up attaches and no other correction runs. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lockForCorrection() {
        clusterLock.lock(LOCK);
    }

    /** The user's ancestors, nearest first (index 0 = sponsor), at most 7: one primary-key range scan. */
    @Transactional
    public List<UUID> ancestorsOf(UUID userId) {
        return actingAs.call(userId, () -> ancestorsInContext(userId));
    }

    /**
     * Attaches a new user under {@code sponsorId}: their ancestors are the sponsor plus the sponsor's first six. A
     * new user has no descendants, so this can never close a cycle. Holds the tree lock shared, so a correction
     * moving the sponsor runs wholly before (this copies the new ancestors) or after (it rebuilds this user's rows).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void attachNewUser(UUID userId, UUID sponsorId) {
        clusterLock.lockShared(LOCK);
        List<UUID> upline = new ArrayList<>();
        upline.add(sponsorId);
        upline.addAll(ancestorsOf(sponsorId));
        actingAs.run(userId, () -> writeAncestors(userId, upline, 0));
    }

    /** A descendant whose tree rows pass through a user, {@code depth} levels below them. */
    public record Descendant(UUID userId, int depth) {
    }

    /**
     * The descendants of {@code userId} whose tree rows pass through them, with their distance (1..6): the rows an
     * operator correction must rebuild.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Descendant> nearDescendantsOf(UUID userId) {
        return actingAs.call(userId, () -> Row.list(entityManager.createNativeQuery("""
                select user_id as user_id, depth as depth from referral_tree where ancestor_user_id = ?1 and depth < ?2
                order by depth""", Tuple.class).setParameter(1, userId).setParameter(2, CommissionPlan.LEVELS)))
                .stream().map(r -> new Descendant(r.uuid("user_id"), r.intValue("depth"))).toList();
    }

    /**
     * Replaces the rows of {@code userId} deeper than {@code keptDepth} with {@code upline} (the new ancestors of the
     * node {@code keptDepth} levels above them, nearest first).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void replaceAncestorsBeyond(UUID userId, int keptDepth, List<UUID> upline) {
        actingAs.run(userId, () -> {
            entityManager.createNativeQuery("delete from referral_tree where user_id = ?1 and depth > ?2")
                    .setParameter(1, userId).setParameter(2, keptDepth).executeUpdate();
            writeAncestors(userId, upline, keptDepth);
        });
    }

    private List<UUID> ancestorsInContext(UUID userId) {
        List<?> rows = entityManager.createNativeQuery(
                "select ancestor_user_id from referral_tree where user_id = ?1 and depth <= ?2 order by depth")
                .setParameter(1, userId).setParameter(2, CommissionPlan.LEVELS).getResultList();
        return rows.stream().map(UUID.class::cast).toList();
    }

    private void writeAncestors(UUID userId, List<UUID> upline, int fromDepth) {
        for (int i = 0; i < upline.size() && Level.isLevel(fromDepth + i + 1); i++) {
            entityManager.createNativeQuery(
                    "insert into referral_tree (user_id, depth, ancestor_user_id) values (?1, ?2, ?3) on conflict do nothing")
                    .setParameter(1, userId).setParameter(2, fromDepth + i + 1).setParameter(3, upline.get(i))
                    .executeUpdate();
        }
    }
}
