package pro.dailydoco.referral.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import pro.dailydoco.core.Money;
import pro.dailydoco.referral.ActingAs;
import pro.dailydoco.referral.CommissionPlan;
import pro.dailydoco.referral.CommissionPlans;
import pro.dailydoco.referral.guards.PersonIdentity;
import pro.dailydoco.referral.guards.ReferralScreening;
import pro.dailydoco.referral.tree.ReferralRollups;
import pro.dailydoco.referral.tree.ReferralTree;

/**
 * The commission ledger in PostgreSQL, following {@link CommissionLedgerModel} rule for rule: amounts come from
 * {@link CommissionCalculator}; each event locks the invoice's header row, then appends to every line the difference
 * between its target and the sum of its rows, so replays, duplicates in parallel and reordering write nothing twice.
 * <p>
 * Each method joins the caller's transaction (billing's webhook processing) and needs a unit-of-work context
 * (request or {@code ScopedWork}): it acts as the payer for the header and as each earner for their rows.
 */
@ApplicationScoped
public class CommissionLedger {

    private final ActingAs actingAs;
    private final LedgerLines lines;
    private final InvoiceHeaders headers;
    private final ReferralTree tree;
    private final CommissionPlans plans;
    private final AncestorProfiles ancestors;
    private final ReferralRollups rollups;
    private final ReferralScreening screening;
    /** Observed while acting as the earner, in this transaction (outgoing webhooks queue their deliveries). */
    @Inject
    Event<CommissionCreated> commissionsCreated;

    CommissionLedger(ActingAs actingAs, LedgerLines lines, InvoiceHeaders headers, ReferralTree tree,
            CommissionPlans plans, AncestorProfiles ancestors, ReferralRollups rollups, ReferralScreening screening) {
        this.rollups = rollups;
        this.actingAs = actingAs;
        this.lines = lines;
        this.headers = headers;
        this.tree = tree;
        this.plans = plans;
        this.ancestors = ancestors;
        this.screening = screening;
    }

    /**
     * An invoice was paid: {@code net} is the commissionable amount (paid − tax); {@code cardFingerprint} is the card
     * that paid (null if unknown: the same-card guard is then skipped). Writes one EARNED row per eligible
     * ancestor, PENDING (FROZEN while a dispute is open, HELD while the payer's referral awaits review; nothing at all
     * once an operator rejected it), then applies refunds or a lost dispute that arrived first.
     * A replay writes nothing, even if the tree changed meanwhile. Returns the amount rows written.
     */
    @Transactional
    public int recordInvoicePaid(String invoiceId, UUID payerUserId, String stripeCustomerId, String cardFingerprint,
            Money net, Instant paidAt) {
        InvoiceHeaders.Header header = headers.lock(invoiceId, payerUserId);
        if (header.isPaid()) {
            return 0;
        }
        CommissionPlan plan = plans.current();
        PersonIdentity payer = new PersonIdentity(payerUserId, headers.emailOf(payerUserId),
                stripeCustomerId == null ? Set.of() : Set.of(stripeCustomerId),
                cardFingerprint == null ? Set.of() : Set.of(cardFingerprint));
        List<Ancestor> chain = tree.ancestorsOf(payerUserId).stream().map(ancestors::of).toList();
        CommissionResult result = CommissionCalculator.calculate(
                new CommissionableInvoice(invoiceId, payer, net, paidAt), chain, plan);
        ReferralScreening.Hold hold = screening.holdOf(payerUserId);
        CommissionResult.NotCommissionable flag = hold == ReferralScreening.Hold.REJECTED
                ? CommissionResult.NotCommissionable.REFERRAL_REJECTED : result.flag();
        headers.markPaid(header, stripeCustomerId, net, paidAt, plan.version(), flag == null ? null : flag.name());
        if (flag != null) {
            return 0;
        }
        rollups.recordPayment(payerUserId, paidAt);
        boolean frozen = headers.hasOpenDispute(invoiceId, payerUserId);
        CommissionStatus initial = frozen ? CommissionStatus.FROZEN
                : hold == ReferralScreening.Hold.HELD ? CommissionStatus.HELD : CommissionStatus.PENDING;
        int written = 0;
        for (Entitlement e : result.entitlements()) {
            headers.addShare(invoiceId, payerUserId, e);
            CommissionLine line = new CommissionLine(invoiceId, e.earnerId(), e.level());
            written += actingAs.call(e.earnerId(), () -> {
                boolean appended = lines.append(line, payerUserId, LedgerRow.Kind.EARNED, 0, e.amount(), e.planVersion(),
                        e.rateBasisPoints(), paidAt);
                lines.appendStatus(line, net.currency(), initial, paidAt);
                if (appended) {
                    commissionsCreated.fire(new CommissionCreated(e.earnerId(), CommissionCreated.idOf(line), e.level(),
                            e.rateBasisPoints(), e.amount(), initial, paidAt));
                }
                return appended ? 1 : 0;
            });
            lines.registerEarner(e.earnerId());
            if (initial == CommissionStatus.PENDING) {
                lines.queueForApproval(line, paidAt);
            }
        }
        return written + settle(headers.lock(invoiceId, payerUserId), paidAt);
    }

    /**
     * A refund, with Stripe's cumulative {@code amount_refunded}. The largest figure seen is the truth, so a late,
     * smaller one changes nothing; every line moves to {@code floor((net − refunded) × rate / 10000)}.
     */
    @Transactional
    public int recordRefund(String invoiceId, UUID payerUserId, Money cumulativeRefunded, Instant at) {
        headers.lock(invoiceId, payerUserId);
        headers.raiseRefunded(invoiceId, payerUserId, cumulativeRefunded);
        return settle(headers.lock(invoiceId, payerUserId), at);
    }

    /** A dispute opened: the invoice's lines freeze until it closes; a late "opened" after "closed" is ignored. */
    @Transactional
    public void recordDisputeOpened(String invoiceId, UUID payerUserId, String disputeId, Instant at) {
        InvoiceHeaders.Header header = headers.lock(invoiceId, payerUserId);
        if (headers.openDispute(invoiceId, payerUserId, disputeId, at)) {
            for (InvoiceHeaders.Share share : headers.sharesOf(invoiceId, payerUserId)) {
                actingAs.run(share.earnerId(), () -> lines.appendStatus(share.line(invoiceId), header.currency(),
                        CommissionStatus.FROZEN, at));
            }
        }
    }

    /**
     * A dispute closed. Lost: every line is clawed back to zero. Once no dispute is open, frozen lines return to
     * PENDING and the approval job approves them when the hold has passed — or to HELD while the payer's referral
     * is under review (or was rejected), where the job never looks.
     */
    @Transactional
    public int recordDisputeClosed(String invoiceId, UUID payerUserId, String disputeId, boolean lost, Instant at) {
        headers.lock(invoiceId, payerUserId);
        if (!headers.closeDispute(invoiceId, payerUserId, disputeId, lost, at)) {
            return 0;
        }
        InvoiceHeaders.Header header = headers.lock(invoiceId, payerUserId);
        int written = settle(header, at);
        if (header.isPaid() && !headers.hasOpenDispute(invoiceId, payerUserId)) {
            boolean held = screening.holdOf(payerUserId) != ReferralScreening.Hold.NONE;
            CommissionStatus released = held ? CommissionStatus.HELD : CommissionStatus.PENDING;
            for (InvoiceHeaders.Share share : headers.sharesOf(invoiceId, payerUserId)) {
                CommissionLine line = share.line(invoiceId);
                actingAs.run(share.earnerId(), () -> {
                    if (lines.statusOf(line) == CommissionStatus.FROZEN) {
                        lines.appendStatus(line, header.currency(), released, at);
                    }
                });
                if (!held) {
                    lines.queueForApproval(line, header.paidAt());
                }
            }
        }
        return written;
    }

    /** Appends, for every line of the invoice, the difference between its target and what its rows already say. */
    private int settle(InvoiceHeaders.Header header, Instant at) {
        if (!header.isPaid() || header.flag() != null) {
            return 0; // remembered on the header; applied when the invoice itself arrives
        }
        boolean lost = headers.hasLostDispute(header.invoiceId(), header.payerUserId());
        LedgerRow.Kind kind = lost ? LedgerRow.Kind.CLAWBACK : LedgerRow.Kind.ADJUSTMENT;
        Money refunded = new Money(header.refundedMinor(), header.currency());
        long discriminator = lost ? 0 : refunded.minor();
        int written = 0;
        for (InvoiceHeaders.Share share : headers.sharesOf(header.invoiceId(), header.payerUserId())) {
            CommissionLine line = share.line(header.invoiceId());
            Money target = lost ? Money.zero(header.currency())
                    : CommissionCalculator.entitlement(header.net(), refunded, share.rateBasisPoints());
            written += actingAs.call(share.earnerId(), () -> {
                Money difference = target.minus(lines.amountOf(line, header.currency()));
                return !difference.isZero() && lines.append(line, header.payerUserId(), kind, discriminator, difference, share.planVersion(),
                        share.rateBasisPoints(), at) ? 1 : 0;
            });
        }
        return written;
    }
}
