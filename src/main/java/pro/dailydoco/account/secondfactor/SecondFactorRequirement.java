package pro.dailydoco.account.secondfactor;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import pro.dailydoco.account.PlatformOperators;
import pro.dailydoco.account.Role;
import pro.dailydoco.account.SeatLimits;
import pro.dailydoco.account.User;
import pro.dailydoco.tenant.ScopedWork;

/**
 * Whom a second factor is required of: the platform operator, and owners of workspaces on a paid plan (Pro, Team,
 * Enterprise, or an operator's plan override). Worked out at each password sign-in and kept on the person
 * ({@code second_factor_required_since}), so pages read one column instead of every workspace's plan
 * (docs/decisions/0126-second-factor-required-with-a-grace-period.md).
 */
@ApplicationScoped
public class SecondFactorRequirement {

    private final SeatLimits plans;
    private final ScopedWork scopedWork;
    private final PlatformOperators operators;
    private final EntityManager entityManager;
    private final Clock clock;

    SecondFactorRequirement(SeatLimits plans, ScopedWork scopedWork, PlatformOperators operators, EntityManager entityManager,
            Clock clock) {
        this.plans = plans;
        this.scopedWork = scopedWork;
        this.operators = operators;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /**
     * Works out whether a second factor is required of {@code userId} now and records it: the grace period starts the
     * first time it is, and stops counting once it no longer is (the workspace left its paid plan, the person is no
     * longer its owner), so it starts afresh if it is required again.
     */
    public void refresh(UUID userId) {
        User user = scopedWork.asUser(userId, () -> User.<User>findById(userId));
        if (user == null) {
            return;
        }
        boolean required = operators.isOperator(user.email) || ownsAPaidWorkspace(userId);
        if (required && user.secondFactorRequiredSince == null) {
            markRequired(userId);
        } else if (!required && user.secondFactorRequiredSince != null) {
            scopedWork.run(null, userId, () -> User.update("secondFactorRequiredSince = null where id = ?1", userId));
        }
    }

    /** Starts the grace period now unless it has started already. */
    @Transactional
    void markRequired(UUID userId) {
        User.update("secondFactorRequiredSince = ?1 where id = ?2 and secondFactorRequiredSince is null", clock.instant(), userId);
    }

    void onStart(@Observes StartupEvent event) {
        markOperators();
    }

    /**
     * Operators are named by configuration, which changes only with a start: their grace period starts then (if it
     * has not already), so a session that began before the configuration named them is prompted without any page
     * writing on its way (pages may run in a read-only transaction).
     */
    @Transactional
    void markOperators() {
        if (!operators.emails().isEmpty()) {
            User.update("secondFactorRequiredSince = ?1 where email in ?2 and secondFactorRequiredSince is null",
                    clock.instant(), operators.emails());
        }
    }

    private boolean ownsAPaidWorkspace(UUID userId) {
        // Memberships are read in the person's own scope; each plan is then read in its workspace's scope.
        List<UUID> owned = scopedWork.asUser(userId, () -> entityManager.createQuery("""
                select m.tenantId from Membership m, Tenant t
                where t.id = m.tenantId and m.userId = ?1 and m.role = ?2
                  and t.status = pro.dailydoco.tenant.TenantStatus.ACTIVE""", UUID.class)
                .setParameter(1, userId).setParameter(2, Role.OWNER).getResultList());
        return owned.stream().anyMatch(plans::isPaying);
    }
}
