package pro.dailydoco.referral.payout;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import pro.dailydoco.core.InvalidInput;
import pro.dailydoco.core.Money;
import pro.dailydoco.core.database.Row;
import pro.dailydoco.referral.ActingAs;
import pro.dailydoco.tenant.ScopedWork;

/**
 * The operator's view of payout batches. The list of batches reads the platform's per-batch figures; a batch's
 * payouts belong to their earners (row-level security on {@code app.user_id}), so they are read as each earner of
 * that batch in turn, never through a role that bypasses the policies.
 */
@ApplicationScoped
public class PayoutBatchReports {

    private static final Pattern BATCH_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,39}");

    /** One batch: how many payouts, their total, when it ran and who ran it (email; null before that was recorded). */
    public record Batch(String batchId, int payouts, Money total, Instant ranAt, String runBy) {
    }

    private final PayoutBatches batches;
    private final ScopedWork scopedWork;
    private final EntityManager entityManager;
    private final ActingAs actingAs;

    PayoutBatchReports(PayoutBatches batches, ScopedWork scopedWork, EntityManager entityManager, ActingAs actingAs) {
        this.batches = batches;
        this.actingAs = actingAs;
        this.scopedWork = scopedWork;
        this.entityManager = entityManager;
    }

    /** A batch id must be short and URL-safe: it becomes part of every payout id (and Stripe's Idempotency-Key). */
    public static String validBatchId(String batchId) {
        String id = batchId == null ? "" : batchId.trim();
        if (!BATCH_ID.matcher(id).matches()) {
            throw new InvalidInput(Map.of("batchId",
                    "Use 1 to 40 letters, digits, hyphens or underscores, starting with a letter or digit."));
        }
        return id;
    }

    /** Runs (or, for an id already run, returns) a batch for the operator: approved balances at or over the threshold. */
    public List<Payout> run(UUID operatorId, String batchId) {
        return batches.runBatch(operatorId, validBatchId(batchId));
    }

    /** Every batch, newest first (one row each, kept with each payout: V21). */
    public List<Batch> batches() {
        List<Row> rows = scopedWork.call(null, null, () -> Row.list(entityManager.createNativeQuery("""
                select b.batch_id as batch_id, b.payouts as payouts, b.total_minor as total_minor, b.currency as currency,
                    b.ran_at as ran_at, u.email as run_by from payout_batch b left join account_person u on u.id = b.run_by
                order by b.ran_at desc, b.batch_id""", Tuple.class)));
        return rows.stream().map(r -> new Batch(r.string("batch_id"), r.intValue("payouts"),
                new Money(r.longValue("total_minor"), r.string("currency")), r.instant("ran_at"), r.string("run_by")))
                .toList();
    }

    /** The batch with this id, if one ran. */
    public Optional<Batch> batch(String batchId) {
        return batches().stream().filter(b -> b.batchId().equals(batchId)).findFirst();
    }

    /**
     * The payouts of one batch, largest first: read as each of the batch's earners, and only them, switching
     * {@code app.user_id} inside one transaction.
     */
    public List<Payout> payouts(String batchId) {
        List<Payout> payouts = scopedWork.call(null, null, () -> {
            List<Payout> found = new ArrayList<>();
            for (Object earner : entityManager.createNativeQuery(
                    "select earner_user_id from payout_batch_member where batch_id = ?1 order by earner_user_id")
                    .setParameter(1, batchId).getResultList()) {
                found.addAll(actingAs.call((UUID) earner, () -> payoutsOf((UUID) earner, batchId)));
            }
            return found;
        });
        return payouts.stream()
                .sorted(Comparator.comparing((Payout p) -> p.amount().minor()).reversed().thenComparing(Payout::payoutId))
                .toList();
    }

    public String csv(List<Payout> payouts) {
        return batches.csv(payouts);
    }

    private List<Payout> payoutsOf(UUID earner, String batchId) {
        List<Row> rows = Row.list(entityManager.createNativeQuery("""
                select id as id, batch_id as batch_id, amount_minor as amount_minor, currency as currency,
                    created_at as created_at
                from payout where user_id = ?1 and batch_id = ?2""", Tuple.class)
                .setParameter(1, earner).setParameter(2, batchId));
        List<Payout> payouts = new ArrayList<>();
        for (Row r : rows) {
            payouts.add(new Payout(r.string("id"), r.string("batch_id"), earner,
                    new Money(r.longValue("amount_minor"), r.string("currency")), Map.of(), r.instant("created_at")));
        }
        return payouts;
    }
}
