package pro.dailydoco.referral.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import pro.dailydoco.core.Money;
import pro.dailydoco.referral.CommissionPlan;
import pro.dailydoco.referral.guards.Ineligibility;

/**
 * Explains every cent of one invoice's {@code Σ rate × net}. In exact arithmetic (units of 1/10000 cent):
 * {@code net × Σrate = 10000 × (earned + forfeited + roundingRemainder) + subCentResidue}; then, after refunds and
 * disputes, {@code standing = earned − clawedBack}. The platform keeps the rounding remainder, the forfeited
 * shares and whatever was clawed back.
 *
 * @param potential         {@code floor(net × Σrate / 10000)}: the most the invoice can ever pay out in commissions
 * @param roundingRemainder whole cents lost because each level rounds down on its own (0..6)
 * @param subCentResidue    the fraction of a cent below {@code potential}, in 1/10000 cent (0..9999)
 */
public record Reconciliation(String invoiceId, Money net, int totalBasisPoints,
                             CommissionResult.NotCommissionable flag, Money potential, Money earned, Money forfeited,
                             Money roundingRemainder, long subCentResidue, Money refunded, Money clawedBack,
                             Money standing, List<Level> levels, boolean balanced) {

    /** One level's part of the explanation; {@code earnerId} is null when the chain ended before this level. */
    public record Level(int level, int rateBasisPoints, UUID earnerId, Set<Ineligibility> forfeitedBecause,
                        Money share, Money earned, Money clawedBack, Money standing) {
    }

    /** The report for one invoice of the ledger, with {@code balanced} saying whether the rows obey the rules. */
    public static Reconciliation forInvoice(CommissionLedgerModel ledger, String invoiceId) {
        CommissionResult result = ledger.invoice(invoiceId)
                .orElseThrow(() -> new IllegalArgumentException("No paid invoice " + invoiceId + " in the ledger"));
        Money net = result.invoice().net();
        Money zero = Money.zero(net.currency());
        List<Level> levels = new ArrayList<>();
        Money earned = zero, forfeited = zero, clawedBack = zero, standing = zero;
        boolean rowsFollowRules = true;
        for (Entitlement e : result.entitlements()) {
            CommissionLine line = new CommissionLine(invoiceId, e.earnerId(), e.level());
            Money lineEarned = zero, lineClawedBack = zero;
            for (LedgerRow row : ledger.rowsOfInvoice(invoiceId)) {
                if (row.line().equals(line)) {
                    if (row.kind() == LedgerRow.Kind.EARNED) {
                        lineEarned = lineEarned.plus(row.amount());
                    } else {
                        lineClawedBack = lineClawedBack.minus(row.amount());
                    }
                }
            }
            Money lineStanding = lineEarned.minus(lineClawedBack);
            rowsFollowRules &= lineEarned.equals(e.amount())
                    && lineStanding.equals(ledger.targetAmount(line, e.rateBasisPoints()))
                    && !lineClawedBack.isNegative() && !lineStanding.isNegative();
            levels.add(new Level(e.level(), e.rateBasisPoints(), e.earnerId(), Set.of(), e.amount(), lineEarned,
                    lineClawedBack, lineStanding));
            earned = earned.plus(lineEarned);
            clawedBack = clawedBack.plus(lineClawedBack);
            standing = standing.plus(lineStanding);
        }
        for (ForfeitedLevel f : result.forfeited()) {
            levels.add(new Level(f.level(), f.rateBasisPoints(), f.ancestorId(), f.reasons(), f.share(), zero, zero,
                    zero));
            forfeited = forfeited.plus(f.share());
        }
        levels.sort((a, b) -> Integer.compare(a.level(), b.level()));
        // Exact products, not rounding: net × rate in 1/10000 cent fits a long for any real invoice.
        long exactTotal = result.isFlagged() ? 0 : Math.multiplyExact(net.minor(), (long) result.totalBasisPoints());
        Money potential = new Money(exactTotal / CommissionPlan.FULL_AMOUNT_BASIS_POINTS, net.currency());
        long subCentResidue = exactTotal % CommissionPlan.FULL_AMOUNT_BASIS_POINTS;
        Money roundingRemainder = potential.minus(earned).minus(forfeited);
        // Each of the 7 levels rounds down by less than a cent, so together they lose 0 to 6 whole cents.
        boolean remainderIsRounding = roundingRemainder.minor() >= 0 && roundingRemainder.minor() < CommissionPlan.LEVELS;
        boolean everyLevelExplained = result.isFlagged() || levels.size() == CommissionPlan.LEVELS;
        List<LedgerRow> rows = ledger.rowsOfInvoice(invoiceId);
        boolean noRowUnexplained = rows.stream().map(LedgerRow::amount).reduce(zero, Money::plus).equals(standing)
                && (!result.isFlagged() || rows.isEmpty());
        boolean balanced = rowsFollowRules && remainderIsRounding && everyLevelExplained && noRowUnexplained;
        return new Reconciliation(invoiceId, net, result.totalBasisPoints(), result.flag(), potential, earned,
                forfeited, roundingRemainder, subCentResidue, ledger.refundedSoFar(invoiceId), clawedBack, standing,
                List.copyOf(levels), balanced);
    }

    /** One line for the operator's report. */
    public String summary() {
        if (flag != null) {
            return "Invoice " + invoiceId + ": no commission (" + flag + ", " + net.currency() + ")";
        }
        return "Invoice " + invoiceId + ": " + totalBasisPoints + " bp of " + net.minor() + " = " + potential.minor()
                + " + " + subCentResidue + "/10000 cents = earned " + earned.minor() + " + forfeited "
                + forfeited.minor() + " + rounding " + roundingRemainder.minor() + "; clawed back "
                + clawedBack.minor() + " (refunded " + refunded.minor() + "), standing " + standing.minor()
                + (balanced ? "; balances" : "; DOES NOT BALANCE");
    }
}
