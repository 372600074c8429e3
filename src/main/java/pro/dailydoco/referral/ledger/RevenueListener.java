package pro.dailydoco.referral.ledger;

import java.time.Clock;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import pro.dailydoco.billing.events.ChargeRefunded;
import pro.dailydoco.billing.events.DisputeClosed;
import pro.dailydoco.billing.events.DisputeOpened;
import pro.dailydoco.billing.events.InvoicePaid;
import pro.dailydoco.referral.CommissionStreams;
import pro.dailydoco.tenant.Tenant;

/**
 * Turns billing's revenue events into commission ledger entries, synchronously in the webhook's transaction: a
 * commission exists exactly when the payment it comes from was recorded. The payer is the person who created the
 * paying workspace (recorded at sign-up, never changed); workspaces declared in tenants/*.yaml have none, so nobody
 * earns from them.
 */
@ApplicationScoped
public class RevenueListener {

    private final CommissionLedger ledger;
    private final CommissionStreams streams;
    private final Clock clock;

    RevenueListener(CommissionLedger ledger, CommissionStreams streams, Clock clock) {
        this.ledger = ledger;
        this.streams = streams;
        this.clock = clock;
    }

    /**
     * The commissionable amount is the net of the streams commissions apply to, not the whole invoice
     * (docs/decisions/0206-commission-streams.md).
     */
    void invoicePaid(@Observes InvoicePaid paid) {
        UUID payer = payerOf(paid.tenantId());
        if (payer != null) {
            ledger.recordInvoicePaid(paid.invoiceId(), payer, paid.customerId(), paid.cardFingerprint(),
                    paid.netOf(streams.current().streams()), clock.instant());
        }
    }

    void chargeRefunded(@Observes ChargeRefunded refund) {
        UUID payer = payerOf(refund.tenantId());
        if (payer != null && refund.invoiceId() != null) {
            ledger.recordRefund(refund.invoiceId(), payer, refund.amountRefunded(), clock.instant());
        }
    }

    void disputeOpened(@Observes DisputeOpened dispute) {
        UUID payer = payerOf(dispute.tenantId());
        if (payer != null && dispute.invoiceId() != null) {
            ledger.recordDisputeOpened(dispute.invoiceId(), payer, dispute.disputeId(), clock.instant());
        }
    }

    void disputeClosed(@Observes DisputeClosed dispute) {
        UUID payer = payerOf(dispute.tenantId());
        if (payer != null && dispute.invoiceId() != null) {
            ledger.recordDisputeClosed(dispute.invoiceId(), payer, dispute.disputeId(), !dispute.won(), clock.instant());
        }
    }

    private static UUID payerOf(UUID tenantId) {
        Tenant tenant = Tenant.findById(tenantId);
        return tenant == null ? null : tenant.createdByUserId;
    }
}
