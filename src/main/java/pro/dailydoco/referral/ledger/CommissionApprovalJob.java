package pro.dailydoco.referral.ledger;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import pro.dailydoco.core.database.Row;
import pro.dailydoco.referral.ActingAs;
import pro.dailydoco.referral.ReferralConfig;
import pro.dailydoco.referral.tree.ReferralRollups;
import pro.dailydoco.tenant.ScopedWork;

/**
 * Approves PENDING commission lines once their invoice's hold period has passed. Safe on several instances: each
 * batch claims its queue rows with FOR UPDATE SKIP LOCKED, so two instances never approve the same line. Before it
 * approves, it locks the line's row (FOR UPDATE) and re-reads its status under that lock: a dispute or review changes
 * a line's status by writing that same row, so a line frozen meanwhile stays frozen (see {@link #approve}).
 */
@ApplicationScoped
public class CommissionApprovalJob {

    private static final int BATCH = 200;

    private final EntityManager entityManager;
    private final ScopedWork scopedWork;
    private final ActingAs actingAs;
    private final LedgerLines lines;
    private final ReferralRollups rollups;
    private final ReferralConfig config;
    private final Clock clock;

    /** Observed while acting as the earner, in this transaction (outgoing webhooks queue their deliveries). */
    @jakarta.inject.Inject
    jakarta.enterprise.event.Event<CommissionApproved> commissionsApproved;

    CommissionApprovalJob(EntityManager entityManager, ScopedWork scopedWork, ActingAs actingAs, LedgerLines lines,
            ReferralRollups rollups, ReferralConfig config, Clock clock) {
        this.entityManager = entityManager;
        this.scopedWork = scopedWork;
        this.actingAs = actingAs;
        this.lines = lines;
        this.rollups = rollups;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${dailydoco.referral.approve-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        approveDue(clock.instant());
    }

    /** Approves every line whose invoice was paid at least the hold period before {@code now}; returns how many. */
    public int approveDue(Instant now) {
        int approved = 0;
        while (true) {
            int[] batch = scopedWork.call(null, null, () -> approveBatch(now.minus(config.ledger().holdPeriod())));
            approved += batch[1];
            if (batch[0] < BATCH) {
                return approved;
            }
        }
    }

    /** One transaction: claims up to BATCH due lines, approves those still PENDING; returns {claimed, approved}. */
    private int[] approveBatch(Instant paidBefore) {
        List<Row> due = Row.list(entityManager.createNativeQuery("""
                select invoice_id as invoice_id, earner_user_id as earner_user_id, level as level
                from commission_approval_due where paid_at <= ?1
                order by paid_at, invoice_id, level limit ?2 for update skip locked""", Tuple.class)
                .setParameter(1, paidBefore).setParameter(2, BATCH));
        int approved = 0;
        Instant at = clock.instant();
        Map<UUID, Long> approvedMinor = new HashMap<>();
        for (Row r : due) {
            CommissionLine line = new CommissionLine(r.string("invoice_id"), r.uuid("earner_user_id"), r.intValue("level"));
            approved += approve(line, at, approvedMinor) ? 1 : 0;
            entityManager.createNativeQuery(
                    "delete from commission_approval_due where invoice_id = ?1 and earner_user_id = ?2 and level = ?3")
                    .setParameter(1, line.invoiceId()).setParameter(2, line.earnerId()).setParameter(3, line.level())
                    .executeUpdate();
        }
        rollups.recordApprovals(approvedMinor);
        return new int[] {due.size(), approved};
    }

    /**
     * Approves one line if it is still PENDING, in the caller's transaction. The status is read under a row lock on
     * the line: a concurrent dispute (which appends FROZEN by writing this row under the invoice's header lock)
     * either committed first, and the locked read sees FROZEN, or waits for this transaction and freezes the line
     * after it. Without the lock a plain read could see PENDING and a later APPROVED overwrite the dispute's FROZEN.
     * Lines are taken in (paid_at, invoice, level) order, the order a dispute writes them in, so the two never deadlock.
     */
    boolean approve(CommissionLine line, Instant at) {
        Map<UUID, Long> approvedMinor = new HashMap<>();
        boolean approved = approve(line, at, approvedMinor);
        rollups.recordApprovals(approvedMinor);
        return approved;
    }

    /** Approves the line if still PENDING, adding its amount to the earner's total in {@code approvedMinor}. */
    private boolean approve(CommissionLine line, Instant at, Map<UUID, Long> approvedMinor) {
        return actingAs.call(line.earnerId(), () -> {
            if (lines.lockStatusOf(line) != CommissionStatus.PENDING) {
                return false; // frozen by a dispute: it is queued again when the dispute is won
            }
            String currency = currencyOf(line);
            long amount = lines.approve(line, currency, at);
            approvedMinor.merge(line.earnerId(), amount, Long::sum);
            commissionsApproved.fire(new CommissionApproved(line.earnerId(),
                    CommissionCreated.idOf(line), line.level(), new pro.dailydoco.core.Money(amount, currency), at));
            return true;
        });
    }

    private String currencyOf(CommissionLine line) {
        return (String) entityManager.createNativeQuery(
                "select currency from commission_line where user_id = ?1 and invoice_id = ?2 and level = ?3")
                .setParameter(1, line.earnerId()).setParameter(2, line.invoiceId()).setParameter(3, line.level())
                .getSingleResult();
    }
}
