package pro.dailydoco.core.database;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * A named lock shared by every instance, held until the current transaction ends. Instances share nothing in
 * memory, so mutual exclusion lives in PostgreSQL, as a row lock.
 */
@ApplicationScoped
public class ClusterLock {

    private final EntityManager entityManager;

    ClusterLock(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Waits for and holds the lock {@code name} until the surrounding transaction commits or rolls back. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lock(String name) {
        ensureRow(name);
        entityManager.createNativeQuery("select name from cluster_lock where name = ?1 for update")
                .setParameter(1, name).getSingleResult();
    }

    /**
     * Waits for and holds {@code name} in shared mode until the transaction ends: any number of shared holders run
     * side by side; {@link #lock} waits for them all and they wait for it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lockShared(String name) {
        ensureRow(name);
        entityManager.createNativeQuery("select name from cluster_lock where name = ?1 for share")
                .setParameter(1, name).getSingleResult();
    }

    /** Takes the lock {@code name} if no other instance holds it; false means someone else is doing the work. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean tryLock(String name) {
        ensureRow(name);
        return !entityManager.createNativeQuery("select name from cluster_lock where name = ?1 for update skip locked")
                .setParameter(1, name).getResultList().isEmpty();
    }

    private void ensureRow(String name) {
        entityManager.createNativeQuery("insert into cluster_lock (name) values (?1) on conflict (name) do nothing")
                .setParameter(1, name).executeUpdate();
    }
}
