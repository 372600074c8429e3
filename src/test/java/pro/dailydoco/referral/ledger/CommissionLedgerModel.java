package pro.dailydoco.referral.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import pro.dailydoco.core.Money;

/**
 * The commission ledger in memory: the specification the PostgreSQL ledger follows. Amount rows and status events
 * are append-only; a unique {@link LedgerRow.Key} makes every row exactly-once. Every {@code apply…} method is
 * idempotent and order-insensitive: it brings each line to its target amount ({@link #targetAmount}) by appending
 * the difference, so a replayed or late event finds nothing left to write.
 */
public final class CommissionLedgerModel {

    private enum DisputeOutcome { OPEN, WON, LOST }

    private final List<LedgerRow> rows = new ArrayList<>();
    private final Set<LedgerRow.Key> keys = new HashSet<>();
    private final Map<CommissionLine, Money> lineAmounts = new HashMap<>();
    private final List<StatusEvent> statusEvents = new ArrayList<>();
    private final Map<CommissionLine, CommissionStatus> currentStatus = new LinkedHashMap<>();
    private final Map<String, CommissionResult> invoices = new LinkedHashMap<>();
    private final Map<String, Money> refundedSoFar = new HashMap<>();
    private final Map<String, Map<String, DisputeOutcome>> disputes = new HashMap<>();

    /**
     * Records a paid invoice: one EARNED row per entitlement, then whatever refunds or a lost dispute that arrived
     * earlier already took back. A replay (same invoice id) writes nothing, even if the tree changed meanwhile.
     */
    public List<LedgerRow> applyInvoicePaid(CommissionResult result) {
        String invoiceId = result.invoice().invoiceId();
        if (invoices.putIfAbsent(invoiceId, result) != null) {
            return List.of();
        }
        List<LedgerRow> written = new ArrayList<>();
        Instant at = result.invoice().paidAt();
        for (Entitlement e : result.entitlements()) {
            CommissionLine line = new CommissionLine(invoiceId, e.earnerId(), e.level());
            append(new LedgerRow(line, LedgerRow.Kind.EARNED, 0, e.amount(), e.planVersion(), e.rateBasisPoints(), at),
                    written);
            appendStatus(line, isFrozen(invoiceId) ? CommissionStatus.FROZEN : CommissionStatus.PENDING, at);
        }
        written.addAll(settle(invoiceId, at));
        return written;
    }

    /**
     * A refund event carrying Stripe's cumulative {@code amount_refunded}. Cumulative figures only grow, so the
     * largest one seen is the truth: an older, smaller figure arriving late changes nothing.
     */
    public List<LedgerRow> applyRefund(String invoiceId, Money cumulativeRefunded, Instant at) {
        refundedSoFar.merge(invoiceId, cumulativeRefunded, (a, b) -> a.compareTo(b) >= 0 ? a : b);
        return settle(invoiceId, at);
    }

    /** A dispute opened: the invoice's lines freeze until it closes. A late "opened" after "closed" is ignored. */
    public void applyDisputeOpened(String invoiceId, String disputeId, Instant at) {
        Map<String, DisputeOutcome> byId = disputes.computeIfAbsent(invoiceId, k -> new HashMap<>());
        if (byId.putIfAbsent(disputeId, DisputeOutcome.OPEN) == null) {
            linesOf(invoiceId).forEach(line -> appendStatus(line, CommissionStatus.FROZEN, at));
        }
    }

    /**
     * A dispute closed. Won: the lines go back to PENDING (the approval job re-approves them once the hold has
     * passed). Lost: every line is clawed back to zero, then released so a debt from a paid line can be deducted.
     */
    public List<LedgerRow> applyDisputeClosed(String invoiceId, String disputeId, boolean lost, Instant at) {
        Map<String, DisputeOutcome> byId = disputes.computeIfAbsent(invoiceId, k -> new HashMap<>());
        DisputeOutcome previous = byId.get(disputeId);
        if (previous == DisputeOutcome.WON || previous == DisputeOutcome.LOST) {
            return List.of();
        }
        byId.put(disputeId, lost ? DisputeOutcome.LOST : DisputeOutcome.WON);
        List<LedgerRow> written = settle(invoiceId, at);
        if (!isFrozen(invoiceId)) {
            linesOf(invoiceId).stream()
                    .filter(line -> currentStatus.get(line) == CommissionStatus.FROZEN)
                    .forEach(line -> appendStatus(line, CommissionStatus.PENDING, at));
        }
        return written;
    }

    /** The scheduled approval job: PENDING lines whose invoice was paid at least {@code hold} ago become APPROVED. */
    public List<StatusEvent> approveDue(Instant now, Duration hold) {
        List<StatusEvent> approved = new ArrayList<>();
        for (CommissionLine line : List.copyOf(currentStatus.keySet())) {
            Instant paidAt = invoices.get(line.invoiceId()).invoice().paidAt();
            if (currentStatus.get(line) == CommissionStatus.PENDING && !paidAt.plus(hold).isAfter(now)) {
                approved.add(appendStatus(line, CommissionStatus.APPROVED, now));
            }
        }
        return approved;
    }

    /**
     * What a line is worth now (docs/decisions/0018-money-in-integer-minor-units.md) — zero after a lost dispute,
     * otherwise {@code floor((net − refunded so far) × rate / 10000)}.
     */
    public Money targetAmount(CommissionLine line, int rateBasisPoints) {
        CommissionResult result = invoices.get(line.invoiceId());
        Money net = result.invoice().net();
        if (isDisputeLost(line.invoiceId())) {
            return Money.zero(net.currency());
        }
        return CommissionCalculator.entitlement(net, refundedSoFar(line.invoiceId()), rateBasisPoints);
    }

    /** Appends, for every line of the invoice, the difference between its target and what its rows already say. */
    private List<LedgerRow> settle(String invoiceId, Instant at) {
        CommissionResult result = invoices.get(invoiceId);
        if (result == null) {
            return List.of(); // remembered; applied when the invoice itself arrives
        }
        List<LedgerRow> written = new ArrayList<>();
        LedgerRow.Kind kind = isDisputeLost(invoiceId) ? LedgerRow.Kind.CLAWBACK : LedgerRow.Kind.ADJUSTMENT;
        long discriminator = kind == LedgerRow.Kind.CLAWBACK ? 0 : refundedSoFar(invoiceId).minor();
        for (Entitlement e : result.entitlements()) {
            CommissionLine line = new CommissionLine(invoiceId, e.earnerId(), e.level());
            Money difference = targetAmount(line, e.rateBasisPoints()).minus(amountOf(line));
            if (!difference.isZero()) {
                append(new LedgerRow(line, kind, discriminator, difference, e.planVersion(), e.rateBasisPoints(), at),
                        written);
            }
        }
        return written;
    }

    private void append(LedgerRow row, List<LedgerRow> written) {
        if (!keys.add(row.key())) {
            // The database answers this with its unique index; reaching it here means a bug in settle().
            throw new IllegalStateException("Duplicate ledger row " + row.key());
        }
        rows.add(row);
        lineAmounts.merge(row.line(), row.amount(), Money::plus);
        written.add(row);
    }

    private StatusEvent appendStatus(CommissionLine line, CommissionStatus status, Instant at) {
        StatusEvent event = new StatusEvent(line, status, at);
        statusEvents.add(event);
        currentStatus.put(line, status);
        return event;
    }

    private boolean isFrozen(String invoiceId) {
        return disputes.getOrDefault(invoiceId, Map.of()).containsValue(DisputeOutcome.OPEN);
    }

    public boolean isDisputeLost(String invoiceId) {
        return disputes.getOrDefault(invoiceId, Map.of()).containsValue(DisputeOutcome.LOST);
    }

    public Money refundedSoFar(String invoiceId) {
        Money refunded = refundedSoFar.get(invoiceId);
        return refunded != null ? refunded : Money.zero(invoices.get(invoiceId).invoice().currency());
    }

    /** The line's amount now: the sum of its rows. */
    public Money amountOf(CommissionLine line) {
        Money amount = lineAmounts.get(line);
        return amount != null ? amount : Money.zero(invoices.get(line.invoiceId()).invoice().currency());
    }

    /** Every line the user has earned on, in the order they were earned. */
    public List<CommissionLine> linesOfEarner(UUID earnerId) {
        return currentStatus.keySet().stream().filter(line -> line.earnerId().equals(earnerId)).toList();
    }

    public List<CommissionLine> linesOf(String invoiceId) {
        CommissionResult result = invoices.get(invoiceId);
        if (result == null) {
            return List.of();
        }
        return result.entitlements().stream()
                .map(e -> new CommissionLine(invoiceId, e.earnerId(), e.level()))
                .toList();
    }

    public Optional<CommissionResult> invoice(String invoiceId) {
        return Optional.ofNullable(invoices.get(invoiceId));
    }

    public Set<String> invoiceIds() {
        return Collections.unmodifiableSet(invoices.keySet());
    }

    public CommissionStatus statusOf(CommissionLine line) {
        return currentStatus.get(line);
    }

    public List<LedgerRow> rows() {
        return Collections.unmodifiableList(rows);
    }

    public List<LedgerRow> rowsOfInvoice(String invoiceId) {
        return rows.stream().filter(r -> r.line().invoiceId().equals(invoiceId)).toList();
    }

    public List<StatusEvent> statusEvents() {
        return Collections.unmodifiableList(statusEvents);
    }
}
