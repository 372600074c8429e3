package pro.dailydoco.referral.ledger;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import pro.dailydoco.core.Money;
import pro.dailydoco.referral.ActingAs;

/**
 * What an operator's review does to the HELD lines of a flagged payer's invoices. Approval releases them to PENDING
 * with a fresh hold period; rejection claws every line back to zero with new CLAWBACK rows (amount rows are never
 * updated) and flags the invoices so later refunds or disputes write nothing more.
 */
@ApplicationScoped
class HeldCommissions {

    /** Distinguishes a review's clawback from a lost dispute's (0) in the exactly-once key. */
    static final long REVIEW_REJECTED_DISCRIMINATOR = -1;

    private final ActingAs actingAs;
    private final InvoiceHeaders headers;
    private final LedgerLines lines;

    HeldCommissions(ActingAs actingAs, InvoiceHeaders headers, LedgerLines lines) {
        this.actingAs = actingAs;
        this.headers = headers;
        this.lines = lines;
    }

    /** Every HELD line of the payer's invoices becomes PENDING; the approval job counts its hold from {@code at}. */
    @Transactional(Transactional.TxType.MANDATORY)
    int release(UUID payerUserId, Instant at) {
        int released = 0;
        for (String invoiceId : headers.paidInvoicesOf(payerUserId)) {
            InvoiceHeaders.Header header = headers.lock(invoiceId, payerUserId);
            for (InvoiceHeaders.Share share : headers.sharesOf(invoiceId, payerUserId)) {
                CommissionLine line = share.line(invoiceId);
                boolean wasHeld = actingAs.call(share.earnerId(), () -> {
                    if (lines.statusOf(line) != CommissionStatus.HELD) {
                        return false; // frozen by a dispute: released when it closes
                    }
                    lines.appendStatus(line, header.currency(), CommissionStatus.PENDING, at);
                    return true;
                });
                if (wasHeld) {
                    lines.queueForApproval(line, at);
                    released++;
                }
            }
        }
        return released;
    }

    /** Claws every line of the payer's invoices back to zero and flags the invoices; returns the rows written. */
    @Transactional(Transactional.TxType.MANDATORY)
    int clawBack(UUID payerUserId, Instant at) {
        int written = 0;
        for (String invoiceId : headers.paidInvoicesOf(payerUserId)) {
            InvoiceHeaders.Header header = headers.lock(invoiceId, payerUserId);
            if (header.flag() != null) {
                continue; // earned nothing in the first place
            }
            for (InvoiceHeaders.Share share : headers.sharesOf(invoiceId, payerUserId)) {
                CommissionLine line = share.line(invoiceId);
                written += actingAs.call(share.earnerId(), () -> {
                    Money standing = lines.amountOf(line, header.currency());
                    return !standing.isZero() && lines.append(line, payerUserId, LedgerRow.Kind.CLAWBACK,
                            REVIEW_REJECTED_DISCRIMINATOR, Money.zero(header.currency()).minus(standing), share.planVersion(),
                            share.rateBasisPoints(), at) ? 1 : 0;
                });
            }
            headers.flag(invoiceId, payerUserId, CommissionResult.NotCommissionable.REFERRAL_REJECTED);
        }
        return written;
    }
}
