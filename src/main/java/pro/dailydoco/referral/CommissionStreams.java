package pro.dailydoco.referral;

import java.time.Clock;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import pro.dailydoco.audit.AuditEvent;
import pro.dailydoco.audit.AuditLog;
import pro.dailydoco.billing.events.RevenueStream;
import pro.dailydoco.core.DomainException;
import pro.dailydoco.core.database.ClusterLock;
import pro.dailydoco.core.database.Row;

/**
 * Which revenue streams referral commissions apply to (docs/decisions/0206-commission-streams.md). Commissions are
 * computed on the chosen streams' share of each invoice's net only; the default is plans, usage and other (what was
 * commissionable before streams existed), so add-ons earn nothing until the operator includes them. Versioned like
 * the commission plan: the newest setting applies to invoices paid from its time on, rows already written keep
 * their amounts, and every change is in the platform audit chain.
 */
@ApplicationScoped
public class CommissionStreams {

    /** The setting in force and its version. */
    public record Setting(int version, Set<RevenueStream> streams) {

        public boolean includes(RevenueStream stream) {
            return streams.contains(stream);
        }
    }

    private final EntityManager entityManager;
    private final ClusterLock clusterLock;
    private final AuditLog auditLog;
    private final Clock clock;

    CommissionStreams(EntityManager entityManager, ClusterLock clusterLock, AuditLog auditLog, Clock clock) {
        this.entityManager = entityManager;
        this.clusterLock = clusterLock;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    @Transactional
    public Setting current() {
        Row row = Row.single(entityManager.createNativeQuery("""
                select version as version, array_to_string(streams, ',') as streams from commission_stream_setting
                order by version desc limit 1""", Tuple.class));
        String streams = row.string("streams");
        Set<RevenueStream> set = EnumSet.noneOf(RevenueStream.class);
        if (streams != null && !streams.isBlank()) {
            for (String name : streams.split(",")) {
                Arrays.stream(RevenueStream.values()).filter(s -> s.name().equals(name)).forEach(set::add);
            }
        }
        return new Setting(row.intValue("version"), Set.copyOf(set));
    }

    /**
     * Publishes a new setting (one writer at a time, cluster-wide) when it differs from the current one; audited.
     * An empty choice is allowed and means no commission at all from then on.
     */
    @Transactional
    public Setting change(UUID operatorId, Set<RevenueStream> streams) {
        clusterLock.lock("commission-streams");
        Setting current = current();
        if (current.streams().equals(streams)) {
            return current;
        }
        if (streams == null) {
            throw DomainException.badRequest("Choose the streams commissions apply to.");
        }
        Setting next = new Setting(current.version() + 1, Set.copyOf(streams));
        String names = Arrays.stream(RevenueStream.values()).filter(streams::contains).map(Enum::name)
                .collect(Collectors.joining(","));
        entityManager.createNativeQuery("""
                insert into commission_stream_setting (version, streams, changed_by, changed_at)
                values (?1, string_to_array(?2, ','), ?3, ?4)""")
                .setParameter(1, next.version()).setParameter(2, names).setParameter(3, operatorId)
                .setParameter(4, clock.instant()).executeUpdate();
        auditLog.recordPlatform(AuditEvent.operator(operatorId, "referral.commission-streams-changed")
                .target("commission-streams", String.valueOf(next.version()))
                .detail("streams", names.isEmpty() ? "none" : names).build());
        return next;
    }
}
