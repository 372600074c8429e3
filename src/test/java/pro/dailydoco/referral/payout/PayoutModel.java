package pro.dailydoco.referral.payout;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import pro.dailydoco.core.Money;
import pro.dailydoco.referral.ledger.CommissionBalance;
import pro.dailydoco.referral.ledger.CommissionLedgerModel;
import pro.dailydoco.referral.ledger.CommissionLine;
import pro.dailydoco.referral.ledger.CommissionStatus;
import pro.dailydoco.referral.ledger.LedgerRow;

/**
 * Balances and payout batches over a {@link CommissionLedgerModel}, in memory; the specification of the payout
 * tables. Payouts are append-only: a line's paid amount is the sum of its payout lines.
 */
public final class PayoutModel {

    /**
     * Pay out at $50 or more, so transfer fees stay small against the amount
     * (docs/decisions/0026-payout-threshold-and-negative-balances.md).
     */
    public static final Money DEFAULT_THRESHOLD = Money.usd(5_000);

    private final CommissionLedgerModel ledger;
    private final Map<String, List<Payout>> batches = new LinkedHashMap<>();
    private final Map<CommissionLine, Money> paidPerLine = new HashMap<>();

    public PayoutModel(CommissionLedgerModel ledger) {
        this.ledger = ledger;
    }

    /**
     * Pays every user whose approved balance is at least {@code threshold}; smaller and negative balances carry
     * forward untouched. Running the same batch id again returns the payouts it already made.
     */
    public List<Payout> runBatch(String batchId, Money threshold, Instant at) {
        List<Payout> existing = batches.get(batchId);
        if (existing != null) {
            return existing;
        }
        List<Payout> payouts = new ArrayList<>();
        for (UUID userId : earners()) {
            Map<CommissionLine, Money> lines = new LinkedHashMap<>();
            Money total = Money.zero(threshold.currency());
            for (CommissionLine line : ledger.linesOfEarner(userId)) {
                Money unpaid = unpaidOf(line);
                if (ledger.statusOf(line) == CommissionStatus.APPROVED && !unpaid.isZero()) {
                    lines.put(line, unpaid);
                    total = total.plus(unpaid);
                }
            }
            if (!lines.isEmpty() && total.compareTo(threshold) >= 0) {
                payouts.add(new Payout(batchId + ":" + userId, batchId, userId, total, lines, at));
            }
        }
        for (Payout payout : payouts) {
            payout.lines().forEach((line, amount) -> paidPerLine.merge(line, amount, Money::plus));
        }
        batches.put(batchId, List.copyOf(payouts));
        return batches.get(batchId);
    }

    public CommissionBalance balanceOf(UUID userId, String currency) {
        Money zero = Money.zero(currency);
        Money earned = zero, pending = zero, frozen = zero, approved = zero, paid = zero, clawedBack = zero;
        for (LedgerRow row : ledger.rows()) {
            if (row.line().earnerId().equals(userId)) {
                if (row.kind() == LedgerRow.Kind.EARNED) {
                    earned = earned.plus(row.amount());
                } else {
                    clawedBack = clawedBack.minus(row.amount());
                }
            }
        }
        for (CommissionLine line : ledger.linesOfEarner(userId)) {
            Money unpaid = unpaidOf(line);
            paid = paid.plus(paidOf(line));
            switch (ledger.statusOf(line)) {
                case PENDING -> pending = pending.plus(unpaid);
                case FROZEN -> frozen = frozen.plus(unpaid);
                case APPROVED -> approved = approved.plus(unpaid);
                case PAID -> throw new IllegalStateException("PAID is derived, never stored");
            }
        }
        return new CommissionBalance(earned, pending, frozen, approved, paid, clawedBack);
    }

    /** The status a user sees: PAID once the whole amount of a line went out, otherwise the stored status. */
    public CommissionStatus displayStatusOf(CommissionLine line) {
        if (unpaidOf(line).isZero() && !paidOf(line).isZero()) {
            return CommissionStatus.PAID;
        }
        return ledger.statusOf(line);
    }

    public Money paidOf(CommissionLine line) {
        Money paid = paidPerLine.get(line);
        return paid != null ? paid : Money.zero(ledger.amountOf(line).currency());
    }

    public Money unpaidOf(CommissionLine line) {
        return ledger.amountOf(line).minus(paidOf(line));
    }

    private Set<UUID> earners() {
        Set<UUID> earners = new LinkedHashSet<>();
        ledger.rows().forEach(row -> earners.add(row.line().earnerId()));
        return earners;
    }
}
