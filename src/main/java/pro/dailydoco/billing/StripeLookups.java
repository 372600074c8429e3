package pro.dailydoco.billing;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import pro.dailydoco.billing.StripeGateway.ChargeLinks;
import pro.dailydoco.billing.StripeGateway.PaymentCard;
import pro.dailydoco.billing.StripeObjects.ChargeData;
import pro.dailydoco.billing.StripeObjects.DisputeData;
import pro.dailydoco.billing.StripeObjects.InvoiceData;
import pro.dailydoco.billing.StripeObjects.SubscriptionState;
import pro.dailydoco.tenant.ScopedWork;

/**
 * What a Stripe event needs from Stripe before it can be applied, fetched first — outside any transaction — so that
 * the transaction that applies it then only writes (docs/decisions/0105-stripe-look-ups-before-the-transaction.md).
 * Each method first checks what billing already knows (short reads in the tenant's scope) and asks Stripe only when
 * that is not enough: since API 2025-03-31 an {@code invoice.paid} does not name its payment and a charge does not
 * name its invoice, so the Invoice Payments API links them.
 * <p>
 * A look-up the event cannot do without throws {@link StripeUnavailable} when Stripe is not configured or fails: the
 * event then waits and is retried, never applied half-way. The card that paid is the exception: without it the
 * invoice is recorded all the same and only the same-card guard is skipped (see {@link CardFingerprints}).
 */
@ApplicationScoped
public class StripeLookups {

    private final StripeGateway gateway;
    private final BillingRoutes routes;
    private final ScopedWork scopedWork;

    StripeLookups(StripeGateway gateway, BillingRoutes routes, ScopedWork scopedWork) {
        this.gateway = gateway;
        this.routes = routes;
        this.scopedWork = scopedWork;
    }

    /** invoice.paid, with its payment named and the card that made it (empty when unknown). */
    public record PaidInvoice(InvoiceData invoice, Optional<String> cardFingerprint) {
    }

    /** A dispute and the tenant whose invoice it is (empty when no route leads to a tenant yet). */
    public record DisputeTarget(Optional<UUID> tenantId, DisputeData dispute) {
    }

    /**
     * The payment of a newly paid invoice (from the payload, or the Invoice Payments API) and its card. An invoice
     * already recorded as paid needs nothing: its replay changes nothing.
     */
    public PaidInvoice forInvoicePaid(UUID tenantId, InvoiceData data) {
        if (recordedAsPaid(tenantId, data.id())) {
            return new PaidInvoice(data, Optional.empty());
        }
        InvoiceData named = data.namesPayment() ? data : data.withPayment(gateway.paymentOfInvoice(data.id()));
        Optional<PaymentCard> card = gateway.cardOf(named.chargeId(), named.paymentIntentId());
        InvoiceData complete = card.map(c -> named.withCharge(c.chargeId())).orElse(named);
        return new PaidInvoice(complete, card.map(PaymentCard::fingerprint));
    }

    /**
     * charge.refunded, with the invoice its payment paid when billing cannot match the charge itself (an invoice
     * recorded before its payment was known, or a refund overtaking its invoice.paid).
     */
    public ChargeData forRefund(UUID tenantId, ChargeData charge) {
        if (charge.invoiceId() != null || charge.paymentIntentId() == null
                || paidInvoiceKnown(tenantId, charge.id(), charge.paymentIntentId())) {
            return charge;
        }
        return gateway.invoiceOfPaymentIntent(charge.paymentIntentId()).map(charge::withInvoice).orElse(charge);
    }

    /**
     * charge.dispute.created / .closed: a dispute names only its charge (and, usually, payment intent). The tenant
     * comes from the routes billing recorded; when they do not lead to a paid invoice, Stripe is asked for the
     * charge's customer and payment intent, and for the invoice that payment paid.
     */
    public DisputeTarget forDispute(DisputeData dispute) {
        Optional<UUID> tenant = routes.tenantOf(dispute.chargeId()).or(() -> routes.tenantOf(dispute.paymentIntentId()));
        if (tenant.isPresent() && paidInvoiceKnown(tenant.get(), dispute.chargeId(), dispute.paymentIntentId())) {
            return new DisputeTarget(tenant, dispute);
        }
        String paymentIntent = dispute.paymentIntentId();
        String customer = null;
        if (dispute.chargeId() != null && (paymentIntent == null || tenant.isEmpty())) {
            ChargeLinks links = gateway.linksOfCharge(dispute.chargeId());
            paymentIntent = paymentIntent != null ? paymentIntent : links.paymentIntentId();
            customer = links.customerId();
        }
        String intent = paymentIntent;
        String payer = customer;
        tenant = tenant.or(() -> routes.tenantOf(payer)).or(() -> routes.tenantOf(intent));
        if (tenant.isEmpty() || intent == null || paidInvoiceKnown(tenant.get(), dispute.chargeId(), intent)) {
            return new DisputeTarget(tenant, dispute.withPayment(intent, null));
        }
        return new DisputeTarget(tenant, dispute.withPayment(intent, gateway.invoiceOfPaymentIntent(intent).orElse(null)));
    }

    /**
     * Stripe's current state of a subscription when {@code eventCreated} ties with the last applied event (Stripe's
     * timestamps are in seconds, so two changes can share one); empty when there is no tie. Read before the
     * transaction that locks the row (docs/decisions/0017-stripe-events-applied-in-order.md).
     */
    public Optional<SubscriptionState> forSubscriptionTie(UUID tenantId, SubscriptionState state, Instant eventCreated) {
        boolean tie = scopedWork.asTenant(tenantId, () -> Subscription.current()
                .filter(row -> state.id() != null && state.id().equals(row.stripeSubscriptionId)
                        && eventCreated.equals(row.lastEventCreated))
                .isPresent());
        return tie ? Optional.of(gateway.retrieveSubscription(state.id())) : Optional.empty();
    }

    private boolean recordedAsPaid(UUID tenantId, String invoiceId) {
        return scopedWork.asTenant(tenantId, () -> Invoice.findByStripeId(invoiceId)
                .filter(invoice -> invoice.status == Invoice.Status.PAID).isPresent());
    }

    private boolean paidInvoiceKnown(UUID tenantId, String chargeId, String paymentIntentId) {
        return scopedWork.asTenant(tenantId, () -> Invoice.findByPayment(chargeId, paymentIntentId, null)
                .filter(invoice -> invoice.status == Invoice.Status.PAID).isPresent());
    }
}
