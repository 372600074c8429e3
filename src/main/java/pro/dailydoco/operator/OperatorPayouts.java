package pro.dailydoco.operator;

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
import pro.dailydoco.core.InvalidInput;
import pro.dailydoco.core.Money;
import pro.dailydoco.core.Timestamps;
import pro.dailydoco.referral.ActingAs;
import pro.dailydoco.referral.payout.Payout;
import pro.dailydoco.referral.payout.PayoutBatches;
import pro.dailydoco.tenant.ScopedWork;

/**
 * The operator's view of payout batches. The list of batches reads the platform's per-batch figures; a batch's
 * payouts belong to their earners (row-level security on {@code app.user_id}), so they are read as each earner of
 * that batch in turn, never through a role that bypasses the policies.
 */
@ApplicationScoped
public class OperatorPayouts {

    private static final Pattern BATCH_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,39}");

    /** One batch: how many payouts, their total and when it ran. */
    public record Batch(String batchId, int payouts, Money total, Instant ranAt) {
    }

    private final PayoutBatches batches;
    private final ScopedWork scopedWork;
    private final EntityManager entityManager;
    private final ActingAs actingAs;

    OperatorPayouts(PayoutBatches batches, ScopedWork scopedWork, EntityManager entityManager, ActingAs actingAs) {
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

    /** Runs (or, for an id already run, returns) a batch: approved balances at or over the threshold. */
    public List<Payout> run(String batchId) {
        return batches.runBatch(validBatchId(batchId));
    }

    /** Every batch, newest first (one row each, kept with each payout: V21). */
    public List<Batch> batches() {
        List<?> rows = scopedWork.call(null, null, () -> entityManager.createNativeQuery("""
                select batch_id, payouts, total_minor, currency, ran_at from payout_batch
                order by ran_at desc, batch_id""").getResultList());
        return rows.stream().map(Object[].class::cast).map(r -> new Batch((String) r[0], ((Number) r[1]).intValue(),
                new Money(((Number) r[2]).longValue(), (String) r[3]), Timestamps.instant(r[4]))).toList();
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
        List<?> rows = entityManager.createNativeQuery(
                "select id, batch_id, amount_minor, currency, created_at from payout where user_id = ?1 and batch_id = ?2")
                .setParameter(1, earner).setParameter(2, batchId).getResultList();
        List<Payout> payouts = new ArrayList<>();
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            payouts.add(new Payout((String) r[0], (String) r[1], earner, new Money(((Number) r[2]).longValue(), (String) r[3]),
                    Map.of(), Timestamps.instant(r[4])));
        }
        return payouts;
    }
}
