package pro.dailydoco.referral.payout;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import pro.dailydoco.audit.AuditEvent;
import pro.dailydoco.audit.AuditLog;
import pro.dailydoco.core.DomainException;
import pro.dailydoco.core.Money;
import pro.dailydoco.core.database.Row;
import pro.dailydoco.referral.ReferralConfig;
import pro.dailydoco.referral.ledger.CommissionLine;
import pro.dailydoco.referral.tree.ReferralRollups;
import pro.dailydoco.tenant.ScopedWork;

/**
 * Payout batches over the PostgreSQL ledger, following {@link PayoutModel}: each earner whose approved, unpaid
 * balance is at least the threshold gets one payout (id {@code batch:user}, which doubles as Stripe's
 * Idempotency-Key); smaller and negative balances carry forward. Each user is paid in their own transaction, as that
 * user, so a batch never reads one user's ledger in another's scope.
 * <p>
 * CSV is the primary path (docs/decisions/0027-csv-first-payouts-and-stripe-connect.md). Earners with a connected
 * account recorded by the operator are paid by Stripe Connect transfer instead (and left out of the CSV): the payout id
 * is the Idempotency-Key and the transfer id is recorded on an append-only status row, so re-running a batch sends no
 * second transfer.
 */
@ApplicationScoped
public class PayoutBatches {

    private final EntityManager entityManager;
    private final ScopedWork scopedWork;
    private final ReferralConfig config;
    private final Clock clock;
    private final PayoutDestinations destinations;
    private final PayoutTransfers transfers;
    private final ReferralRollups rollups;
    private final AuditLog auditLog;

    /** Observed in the payout's transaction, as the earner (outgoing webhooks queue their deliveries). */
    @jakarta.inject.Inject
    jakarta.enterprise.event.Event<PayoutPaid> payoutsPaid;

    PayoutBatches(EntityManager entityManager, ScopedWork scopedWork, ReferralConfig config, Clock clock,
            PayoutDestinations destinations, PayoutTransfers transfers, ReferralRollups rollups, AuditLog auditLog) {
        this.rollups = rollups;
        this.auditLog = auditLog;
        this.entityManager = entityManager;
        this.scopedWork = scopedWork;
        this.destinations = destinations;
        this.transfers = transfers;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Runs (or, for a batch id already run, returns) the batch on behalf of {@code operatorId}, then sends the Connect
     * transfers it still owes. A transfer Stripe refuses is logged and left for the next run of the same batch id
     * (same Idempotency-Key). The batch is on record with its operator before anything is paid; every run and every
     * transfer is on the platform's audit chain with the operator's id
     * (docs/decisions/0102-payouts-on-the-audit-chain.md).
     */
    public List<Payout> runBatch(UUID operatorId, String batchId) {
        Money threshold = Money.usd(config.payouts().thresholdCents());
        Instant at = clock.instant();
        // On record first, with who ran it: a batch that paid nobody is listed too, so the operator sees it ran.
        scopedWork.run(null, null, () -> entityManager.createNativeQuery("""
                insert into payout_batch (batch_id, payouts, total_minor, currency, ran_at, run_by)
                values (?1, 0, 0, ?2, ?3, ?4) on conflict do nothing""").setParameter(1, batchId)
                .setParameter(2, threshold.currency()).setParameter(3, at).setParameter(4, operatorId).executeUpdate());
        List<UUID> earners = scopedWork.call(null, null, () -> entityManager.createNativeQuery(
                "select earner_user_id from commission_earner order by earner_user_id").getResultList()
                .stream().map(UUID.class::cast).toList());
        List<Payout> payouts = new ArrayList<>();
        for (UUID earner : earners) {
            scopedWork.call(null, earner, () -> payUser(batchId, earner, threshold, at)).ifPresent(payouts::add);
        }
        Money total = payouts.stream().map(Payout::amount).reduce(Money.zero(threshold.currency()), Money::plus);
        scopedWork.run(null, null, () -> auditLog.recordPlatform(AuditEvent.operator(operatorId, "referral.payout-batch-run")
                .target("payout-batch", batchId).detail("payouts", String.valueOf(payouts.size()))
                .detail("totalMinor", String.valueOf(total.minor())).detail("currency", total.currency()).build()));
        payouts.forEach(payout -> transferIfConnected(operatorId, payout));
        return payouts;
    }

    /** The Stripe transfer that paid the payout, if it went out through Connect. */
    public Optional<String> transferOf(Payout payout) {
        return scopedWork.call(null, payout.userId(), () -> entityManager.createNativeQuery("""
                select stripe_transfer_id from payout_status where payout_id = ?1 and status = 'TRANSFERRED'""")
                .setParameter(1, payout.payoutId()).getResultList().stream().map(String.class::cast)
                .findFirst());
    }

    /** One line per payout paid by hand (no connected account): payout id, user id, email, amount, currency. */
    public String csv(List<Payout> payouts) {
        // Emails and connected accounts are platform facts: one query each for the whole batch, as one array.
        String ids = payouts.stream().map(p -> p.userId().toString()).distinct()
                .collect(java.util.stream.Collectors.joining(",", "{", "}"));
        Map<UUID, String> emails = new java.util.HashMap<>();
        java.util.Set<UUID> connected = new java.util.HashSet<>();
        scopedWork.run(null, null, () -> {
            for (Row r : Row.list(entityManager.createNativeQuery(
                    "select id as id, email as email from account_person where id = any(cast(?1 as uuid[]))", Tuple.class)
                    .setParameter(1, ids))) {
                emails.put(r.uuid("id"), r.string("email"));
            }
        });
        // A destination is read in its earner's scope (V55), as the batch pays them.
        payouts.stream().map(Payout::userId).distinct().filter(id -> destinationOf(id).isPresent())
                .forEach(connected::add);
        StringBuilder csv = new StringBuilder("payout_id,user_id,email,amount,currency\n");
        for (Payout payout : payouts) {
            if (connected.contains(payout.userId())) {
                continue; // paid by Stripe Connect transfer
            }
            csv.append(payout.payoutId()).append(',').append(payout.userId()).append(',')
                    .append(quote(emails.getOrDefault(payout.userId(), ""))).append(',')
                    .append(payout.amount().toMajor().toPlainString()).append(',').append(payout.amount().currency())
                    .append('\n');
        }
        return csv.toString();
    }

    /**
     * Pays one earner in the caller's transaction (as that earner). The earner's payout lock is taken first, in a
     * statement of its own: under READ COMMITTED each later statement takes a fresh snapshot, so the unpaid amounts
     * are computed after any other batch paying this earner has committed (computed inside the locking statement they
     * would come from the snapshot taken before the wait, and two batches would both pay the same balance). The same
     * lock makes a batch id submitted twice at once answer the first run's payout instead of colliding on its id. It
     * is a transaction-scoped advisory lock keyed by the earner, not a lock on the account's row, which is another
     * feature's (docs/decisions/0062-features-read-each-other-through-views.md).
     */
    public Optional<Payout> payUser(String batchId, UUID userId, Money threshold, Instant at) {
        String payoutId = batchId + ":" + userId;
        entityManager.createNativeQuery("select cast(pg_advisory_xact_lock(hashtextextended(?1, 0)) as text)")
                .setParameter(1, "payout:" + userId).getResultList();
        Optional<Payout> existing = existingPayout(payoutId, batchId, userId);
        if (existing.isPresent()) {
            return existing;
        }
        List<Row> rows = Row.list(entityManager.createNativeQuery("""
                select l.invoice_id as invoice_id, l.level as level,
                       (select coalesce(sum(e.amount_minor), 0) from commission_entry e
                         where e.user_id = l.user_id and e.invoice_id = l.invoice_id and e.level = l.level)
                     - (select coalesce(sum(p.amount_minor), 0) from payout_line p
                         where p.user_id = l.user_id and p.invoice_id = l.invoice_id and p.level = l.level)
                       as unpaid_minor
                from commission_line l where l.user_id = ?1 and l.status = 'APPROVED' and l.currency = ?2
                order by l.invoice_id, l.level""", Tuple.class)
                .setParameter(1, userId).setParameter(2, threshold.currency()));
        Map<CommissionLine, Money> lines = new LinkedHashMap<>();
        Money total = Money.zero(threshold.currency());
        for (Row r : rows) {
            Money unpaid = new Money(r.longValue("unpaid_minor"), threshold.currency());
            if (!unpaid.isZero()) {
                lines.put(new CommissionLine(r.string("invoice_id"), userId, r.intValue("level")), unpaid);
                total = total.plus(unpaid);
            }
        }
        if (lines.isEmpty() || total.compareTo(threshold) < 0) {
            return Optional.empty();
        }
        entityManager.createNativeQuery("""
                insert into payout (id, batch_id, user_id, amount_minor, currency, created_at) values (?1, ?2, ?3, ?4, ?5, ?6)""")
                .setParameter(1, payoutId).setParameter(2, batchId).setParameter(3, userId).setParameter(4, total.minor())
                .setParameter(5, total.currency()).setParameter(6, at).executeUpdate();
        rollups.recordPayout(userId, total.minor(), at);
        indexPayout(batchId, userId, total, at);
        lines.forEach((line, amount) -> entityManager.createNativeQuery("""
                insert into payout_line (payout_id, user_id, invoice_id, level, amount_minor) values (?1, ?2, ?3, ?4, ?5)""")
                .setParameter(1, payoutId).setParameter(2, userId).setParameter(3, line.invoiceId())
                .setParameter(4, line.level()).setParameter(5, amount.minor()).executeUpdate());
        payoutsPaid.fire(new PayoutPaid(userId, payoutId, batchId, total, at));
        return Optional.of(new Payout(payoutId, batchId, userId, total, lines, at));
    }

    /** The operator's per-batch figures and the batch's earners (V21), in the payout's transaction. */
    private void indexPayout(String batchId, UUID userId, Money total, Instant at) {
        entityManager.createNativeQuery("""
                insert into payout_batch (batch_id, payouts, total_minor, currency, ran_at) values (?1, 1, ?2, ?3, ?4)
                on conflict (batch_id) do update set payouts = payout_batch.payouts + 1,
                    total_minor = payout_batch.total_minor + excluded.total_minor,
                    ran_at = least(payout_batch.ran_at, excluded.ran_at)""")
                .setParameter(1, batchId).setParameter(2, total.minor()).setParameter(3, total.currency())
                .setParameter(4, at).executeUpdate();
        entityManager.createNativeQuery("insert into payout_batch_member (batch_id, earner_user_id) values (?1, ?2)")
                .setParameter(1, batchId).setParameter(2, userId).executeUpdate();
    }

    private Optional<Payout> existingPayout(String payoutId, String batchId, UUID userId) {
        return Row.first(entityManager.createNativeQuery("""
                select amount_minor as amount_minor, currency as currency, created_at as created_at from payout
                where id = ?1""", Tuple.class).setParameter(1, payoutId))
                .map(r -> new Payout(payoutId, batchId, userId, new Money(r.longValue("amount_minor"), r.string("currency")),
                        Map.of(), r.instant("created_at")));
    }

    /**
     * Sends the payout's Connect transfer if it has a destination and none was sent. The Stripe call runs outside any
     * transaction; the status row and its audit entry are written together afterwards, so the entry exists exactly
     * when the transfer is on record. A refused transfer is audited as a failure.
     */
    private void transferIfConnected(UUID operatorId, Payout payout) {
        Optional<String> destination = destinationOf(payout.userId());
        if (destination.isEmpty() || transferOf(payout).isPresent() || payout.amount().isNegative()
                || payout.amount().isZero()) {
            return;
        }
        AuditEvent.Builder audit = AuditEvent.operator(operatorId, "referral.payout-transferred")
                .target("payout", payout.payoutId()).detail("batch", payout.batchId())
                .detail("amountMinor", String.valueOf(payout.amount().minor()))
                .detail("currency", payout.amount().currency()).detail("stripeAccount", destination.get());
        String transferId;
        try {
            transferId = transfers.transfer(payout.amount(), destination.get(), payout.payoutId());
        } catch (DomainException e) {
            Log.warnf("Payout %s not transferred yet; re-run batch %s to retry it", payout.payoutId(), payout.batchId());
            scopedWork.run(null, null, () -> auditLog.recordPlatform(audit.outcome(AuditEvent.Outcome.FAILURE)
                    .detail("error", e.title()).build()));
            return;
        }
        scopedWork.run(null, payout.userId(), () -> {
            int recorded = entityManager.createNativeQuery("""
                    insert into payout_status (payout_id, user_id, status, stripe_transfer_id, occurred_at)
                    values (?1, ?2, 'TRANSFERRED', ?3, ?4) on conflict do nothing""")
                    .setParameter(1, payout.payoutId()).setParameter(2, payout.userId()).setParameter(3, transferId)
                    .setParameter(4, clock.instant()).executeUpdate();
            if (recorded == 1) {
                auditLog.recordPlatform(audit.detail("stripeTransfer", transferId).build());
            }
        });
    }

    private Optional<String> destinationOf(UUID userId) {
        return scopedWork.call(null, userId, () -> destinations.accountOf(userId));
    }

    private static String quote(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }
}
