package pro.dailydoco.billing;

import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import pro.dailydoco.billing.StripeObjects.ChargeData;
import pro.dailydoco.billing.StripeObjects.DisputeData;
import pro.dailydoco.billing.StripeObjects.InvoiceData;
import pro.dailydoco.billing.events.ChargeRefunded;
import pro.dailydoco.billing.events.DisputeClosed;
import pro.dailydoco.billing.events.DisputeOpened;
import pro.dailydoco.billing.events.InvoicePaid;
import pro.dailydoco.billing.events.RevenueStream;
import pro.dailydoco.core.Money;

/**
 * Records the tenant's invoices from webhook data and publishes what happened to money. Each revenue event is fired
 * synchronously inside the processing transaction, and only on a state change (unpaid → paid, a larger cumulative
 * refund, a new or newly closed dispute), so a replayed webhook publishes nothing twice. Whatever Stripe had to be
 * asked first (the payment of an invoice, the invoice of a payment, the card) comes in with the data: nothing here
 * calls Stripe ({@link StripeLookups}).
 */
@ApplicationScoped
public class InvoiceLedger {

    private final BillingRoutes routes;
    private final CardFingerprints cards;
    private final RevenueStreams streams;
    private final Clock clock;
    private final Event<InvoicePaid> invoicePaid;
    private final Event<ChargeRefunded> chargeRefunded;
    private final Event<DisputeOpened> disputeOpened;
    private final Event<DisputeClosed> disputeClosed;

    InvoiceLedger(BillingRoutes routes, CardFingerprints cards, RevenueStreams streams, Clock clock, Event<InvoicePaid> invoicePaid,
            Event<ChargeRefunded> chargeRefunded, Event<DisputeOpened> disputeOpened,
            Event<DisputeClosed> disputeClosed) {
        this.routes = routes;
        this.cards = cards;
        this.streams = streams;
        this.clock = clock;
        this.invoicePaid = invoicePaid;
        this.chargeRefunded = chargeRefunded;
        this.disputeOpened = disputeOpened;
        this.disputeClosed = disputeClosed;
    }

    /**
     * invoice.paid: stores the invoice as paid and, the first time, records the card that paid (when Stripe could
     * say) and publishes {@link InvoicePaid} with it. The charge and payment intent are routed to the tenant and kept
     * on the invoice, so its refunds and disputes find it without asking Stripe again.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordPaid(UUID tenantId, InvoiceData data, Optional<String> cardFingerprint) {
        routes.add(BillingRoutes.Kind.CHARGE, data.chargeId(), tenantId);
        routes.add(BillingRoutes.Kind.PAYMENT_INTENT, data.paymentIntentId(), tenantId);
        Invoice invoice = findOrCreate(data);
        boolean firstPayment = invoice.status != Invoice.Status.PAID;
        copy(data, invoice);
        invoice.status = Invoice.Status.PAID;
        invoice.persist();
        if (!invoice.supportedCurrency) {
            Log.warnf("Invoice %s is in %s; only USD is supported: stored and flagged", data.id(), data.currency());
        }
        if (firstPayment) {
            String card = cards.recordCardOf(tenantId, data, cardFingerprint).orElse(null);
            invoicePaid.fire(new InvoicePaid(tenantId, data.id(), data.chargeId(), data.paymentIntentId(),
                    invoice.amountPaidMoney(), invoice.taxMoney(), data.periodStart(), data.periodEnd(),
                    data.customerId(), data.subscriptionId(), invoice.supportedCurrency, card, netByStream(invoice, data)));
        }
    }

    private Map<RevenueStream, Money> netByStream(Invoice invoice, InvoiceData data) {
        Money net = invoice.amountPaidMoney().minus(invoice.taxMoney());
        Map<RevenueStream, Money> shares = new EnumMap<>(RevenueStream.class);
        streams.netByStream(data, net.minor()).forEach((stream, cents) -> shares.put(stream, new Money(cents, net.currency())));
        return shares;
    }

    /** invoice.payment_failed: stores the invoice as failed, unless it has been paid meanwhile. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordPaymentFailed(UUID tenantId, InvoiceData data) {
        Invoice invoice = findOrCreate(data);
        if (invoice.status == Invoice.Status.PAID) {
            return;
        }
        copy(data, invoice);
        invoice.status = Invoice.Status.FAILED;
        invoice.persist();
    }

    /** charge.refunded: Stripe's amount_refunded is cumulative; only a larger total is news. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordRefund(UUID tenantId, ChargeData charge) {
        Invoice invoice = paidInvoiceOf(charge.id(), charge.paymentIntentId(), charge.invoiceId());
        rememberPayment(tenantId, invoice, charge.id(), charge.paymentIntentId());
        if (charge.amountRefunded() <= invoice.amountRefunded) {
            return;
        }
        invoice.amountRefunded = charge.amountRefunded();
        invoice.updatedAt = clock.instant();
        chargeRefunded.fire(new ChargeRefunded(tenantId, invoice.stripeInvoiceId, invoice.chargeId,
                invoice.paymentIntentId, invoice.amountPaidMoney(), invoice.taxMoney(),
                new Money(invoice.amountRefunded, invoice.currency), invoice.supportedCurrency));
    }

    /** charge.dispute.created. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordDisputeOpened(UUID tenantId, DisputeData dispute) {
        Invoice invoice = paidInvoiceOf(dispute.chargeId(), dispute.paymentIntentId(), dispute.invoiceId());
        rememberPayment(tenantId, invoice, dispute.chargeId(), dispute.paymentIntentId());
        openDispute(tenantId, invoice, dispute);
    }

    /**
     * charge.dispute.closed; a close that overtakes its open publishes both, in order. Stripe closes a dispute as
     * {@code won} or, for an inquiry that never became a chargeback, {@code warning_closed}: either way the money
     * stays with us, so both publish a won close. Only {@code lost} means the money is gone. Any other status is not
     * a final outcome: the dispute stays open (commissions frozen) and the event is logged for the operator.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordDisputeClosed(UUID tenantId, DisputeData dispute) {
        Invoice invoice = paidInvoiceOf(dispute.chargeId(), dispute.paymentIntentId(), dispute.invoiceId());
        rememberPayment(tenantId, invoice, dispute.chargeId(), dispute.paymentIntentId());
        openDispute(tenantId, invoice, dispute);
        if (DisputeClosed.isFinal(invoice.disputeStatus)) {
            return;
        }
        if (!DisputeClosed.isFinal(dispute.status())) {
            Log.warnf("Dispute %s closed with status %s, which is not a final outcome: its commissions stay frozen",
                    dispute.id(), dispute.status());
            return;
        }
        invoice.disputeStatus = dispute.status();
        invoice.updatedAt = clock.instant();
        disputeClosed.fire(new DisputeClosed(tenantId, invoice.stripeInvoiceId, invoice.chargeId, dispute.id(),
                new Money(dispute.amount(), dispute.currency()), DisputeClosed.moneyKept(dispute.status())));
    }

    private void openDispute(UUID tenantId, Invoice invoice, DisputeData dispute) {
        if (dispute.id().equals(invoice.disputeId)) {
            return;
        }
        invoice.disputeId = dispute.id();
        invoice.disputeStatus = "needs_response";
        invoice.updatedAt = clock.instant();
        disputeOpened.fire(new DisputeOpened(tenantId, invoice.stripeInvoiceId, invoice.chargeId, dispute.id(),
                new Money(dispute.amount(), dispute.currency())));
    }

    /**
     * The paid invoice a charge belongs to, locked and re-read for this transaction; missing means invoice.paid has not
     * arrived yet, so retry later. Refund and dispute events for one invoice may be processed at the same moment:
     * without the row lock each would compare with the figure it read and the last to commit would win, so ten
     * growing cumulative refunds could leave a smaller one stored (docs/decisions/0101-cumulative-refunds-only-grow.md).
     */
    private static Invoice paidInvoiceOf(String chargeId, String paymentIntentId, String invoiceId) {
        Invoice invoice = Invoice.findByPayment(chargeId, paymentIntentId, invoiceId)
                .filter(found -> found.status == Invoice.Status.PAID)
                .orElseThrow(() -> new IllegalStateException("No paid invoice for charge " + chargeId
                        + (invoiceId != null ? " (Stripe: invoice " + invoiceId + ")" : "") + " yet"));
        // Cumulative figures only grow: the row is locked and re-read before they are compared
        // (docs/decisions/0101-cumulative-refunds-only-grow.md).
        Invoice.getEntityManager().refresh(invoice, LockModeType.PESSIMISTIC_WRITE);
        return invoice;
    }

    /**
     * Keeps the link Stripe gave (or the event named) between the invoice and the payment that paid it: on the
     * invoice when it had none, and as routes to the tenant, so the next refund or dispute of it is matched here.
     */
    private void rememberPayment(UUID tenantId, Invoice invoice, String chargeId, String paymentIntentId) {
        if (invoice.paymentIntentId == null && paymentIntentId != null) {
            invoice.paymentIntentId = paymentIntentId;
        }
        if (invoice.chargeId == null && chargeId != null) {
            invoice.chargeId = chargeId;
        }
        routes.add(BillingRoutes.Kind.CHARGE, chargeId, tenantId);
        routes.add(BillingRoutes.Kind.PAYMENT_INTENT, paymentIntentId, tenantId);
    }

    private Invoice findOrCreate(InvoiceData data) {
        return Invoice.findByStripeId(data.id()).orElseGet(() -> {
            Invoice invoice = new Invoice();
            invoice.id = UUID.randomUUID();
            invoice.stripeInvoiceId = data.id();
            return invoice;
        });
    }

    private void copy(InvoiceData data, Invoice invoice) {
        invoice.stripeSubscriptionId = data.subscriptionId();
        invoice.currency = data.currency();
        invoice.supportedCurrency = Money.USD.equals(data.currency());
        invoice.amountDue = data.amountDue();
        invoice.amountPaid = data.amountPaid();
        invoice.tax = data.tax();
        invoice.hostedInvoiceUrl = data.hostedInvoiceUrl();
        invoice.periodStart = data.periodStart();
        invoice.periodEnd = data.periodEnd();
        invoice.chargeId = data.chargeId() != null ? data.chargeId() : invoice.chargeId;
        invoice.paymentIntentId = data.paymentIntentId() != null ? data.paymentIntentId() : invoice.paymentIntentId;
        invoice.stripeCreated = data.created() != null ? data.created() : clock.instant();
        invoice.updatedAt = clock.instant();
    }
}
