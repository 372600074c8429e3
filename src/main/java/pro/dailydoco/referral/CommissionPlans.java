package pro.dailydoco.referral;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import pro.dailydoco.audit.AuditEvent;
import pro.dailydoco.audit.AuditLog;
import pro.dailydoco.core.database.ClusterLock;
import pro.dailydoco.core.database.Row;

/** Published commission plans; the newest version applies to invoices paid from its publication on. */
@ApplicationScoped
public class CommissionPlans {

    private final EntityManager entityManager;
    private final ClusterLock clusterLock;
    private final AuditLog auditLog;
    private final Clock clock;

    CommissionPlans(EntityManager entityManager, ClusterLock clusterLock, AuditLog auditLog, Clock clock) {
        this.entityManager = entityManager;
        this.clusterLock = clusterLock;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    @Transactional
    public CommissionPlan current() {
        Row row = Row.single(entityManager.createNativeQuery("""
                select version as version, level_rates as level_rates from commission_plan
                order by version desc limit 1""", Tuple.class));
        return new CommissionPlan(row.intValue("version"), rates(row.value("level_rates")));
    }

    /**
     * Publishes the next version (one publisher at a time, cluster-wide); {@link CommissionPlan} refuses rates outside
     * 0–100 % or summing over 100 %. Rows already written keep the version and rate they record.
     */
    @Transactional
    public CommissionPlan publish(UUID operatorId, List<Integer> levelRatesBasisPoints) {
        clusterLock.lock("commission-plan");
        CommissionPlan plan = new CommissionPlan(current().version() + 1, levelRatesBasisPoints);
        entityManager.createNativeQuery(
                "insert into commission_plan (version, level_rates, published_at) values (?1, cast(?2 as int[]), ?3)")
                .setParameter(1, plan.version())
                .setParameter(2, "{" + String.join(",", plan.levelRatesBasisPoints().stream().map(String::valueOf).toList()) + "}")
                .setParameter(3, clock.instant()).executeUpdate();
        auditLog.recordPlatform(AuditEvent.operator(operatorId, "referral.plan-published")
                .target("commission-plan", String.valueOf(plan.version())).build());
        return plan;
    }

    private static List<Integer> rates(Object value) {
        if (value instanceof Integer[] boxed) {
            return Arrays.asList(boxed);
        }
        if (value instanceof int[] ints) {
            return Arrays.stream(ints).boxed().toList();
        }
        if (value instanceof java.sql.Array array) {
            try {
                return Arrays.asList((Integer[]) array.getArray());
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("Unexpected array type " + value.getClass());
    }
}
