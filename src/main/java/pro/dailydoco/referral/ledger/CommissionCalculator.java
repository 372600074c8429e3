package pro.dailydoco.referral.ledger;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import pro.dailydoco.core.Money;
import pro.dailydoco.referral.CommissionPlan;
import pro.dailydoco.referral.Level;
import pro.dailydoco.referral.guards.Ineligibility;

/**
 * The commission rules as pure functions: no database, no clock, no configuration beyond the arguments. The
 * ledger (in memory here, in PostgreSQL later) only decides which rows to append; every amount comes from here.
 */
public final class CommissionCalculator {

    /** Commissions are paid in USD only for now (docs/decisions/0025-commissions-in-usd-only.md). */
    public static final String COMMISSION_CURRENCY = Money.USD;

    private CommissionCalculator() {
    }

    /**
     * The entitlements of an invoice's ancestors. {@code chain} lists the payer's ancestors nearest first (index 0
     * = level 1, the direct sponsor); ancestors past level 7 are ignored. Each eligible ancestor is entitled to
     * {@code floor(net × rate / 10000)}; any other level is forfeited, never passed up the chain.
     */
    public static CommissionResult calculate(CommissionableInvoice invoice, List<Ancestor> chain, CommissionPlan plan) {
        if (!COMMISSION_CURRENCY.equals(invoice.currency())) {
            return new CommissionResult(invoice, plan.version(), plan.totalBasisPoints(),
                    CommissionResult.NotCommissionable.CURRENCY_NOT_SUPPORTED, List.of(), List.of());
        }
        requireNoRepeatedAncestor(chain);
        List<Entitlement> entitlements = new ArrayList<>();
        List<ForfeitedLevel> forfeited = new ArrayList<>();
        for (int level : Level.numbers()) {
            int rate = plan.rateOfLevel(level);
            Money share = entitlement(invoice.net(), Money.zero(invoice.currency()), rate);
            if (level > chain.size()) {
                forfeited.add(new ForfeitedLevel(level, rate, null, Set.of(), share));
                continue;
            }
            Ancestor ancestor = chain.get(level - 1);
            Set<Ineligibility> reasons = ancestor.reasonsNotToEarn(level, invoice.payer());
            UUID ancestorId = ancestor.person().userId();
            if (reasons.isEmpty()) {
                entitlements.add(new Entitlement(invoice.invoiceId(), ancestorId, level, rate, plan.version(), share));
            } else {
                forfeited.add(new ForfeitedLevel(level, rate, ancestorId, reasons, share));
            }
        }
        return new CommissionResult(invoice, plan.version(), plan.totalBasisPoints(), null, entitlements, forfeited);
    }

    /**
     * The one formula for a level's amount at any moment (docs/decisions/0018-money-in-integer-minor-units.md):
     * {@code floor((net − refundedSoFar) × rate / 10000)}. The refunded amount is clamped to [0, net] — Stripe's
     * {@code amount_refunded} includes tax, so a full refund may exceed the commissionable amount; nothing is
     * ever owed below zero.
     */
    public static Money entitlement(Money net, Money refundedSoFar, int rateBasisPoints) {
        Money refunded = refundedSoFar.isNegative() ? Money.zero(net.currency()) : refundedSoFar;
        if (refunded.compareTo(net) > 0) {
            refunded = net;
        }
        return net.minus(refunded).percentOfBasisPoints(rateBasisPoints);
    }

    /** The tree prevents cycles by construction; a repeated user here means corrupt input, so refuse it loudly. */
    private static void requireNoRepeatedAncestor(List<Ancestor> chain) {
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < chain.size() && Level.isLevel(i + 1); i++) {
            UUID id = chain.get(i).person().userId();
            if (!seen.add(id)) {
                throw new IllegalArgumentException("Ancestor chain repeats user " + id + " at level " + (i + 1)
                        + ": the referral tree must not contain a cycle");
            }
        }
    }
}
