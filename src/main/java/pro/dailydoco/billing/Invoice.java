package pro.dailydoco.billing;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.hibernate.annotations.TenantId;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import pro.dailydoco.core.Money;

/** A paid or failed Stripe invoice of the tenant, from webhook data. Tenant scope. */
@Entity
@Table(name = "billing_invoice")
public class Invoice extends PanacheEntityBase {

    public enum Status {
        PAID,
        FAILED
    }

    @Id
    public UUID id;

    @TenantId
    @Column(name = "tenant_id")
    public String tenantId;

    @Column(name = "stripe_invoice_id")
    public String stripeInvoiceId;

    @Column(name = "stripe_subscription_id")
    public String stripeSubscriptionId;

    @Enumerated(EnumType.STRING)
    public Status status;

    public String currency;

    /** False for currencies billing does not support yet (USD only): stored and flagged for the operator. */
    @Column(name = "supported_currency")
    public boolean supportedCurrency;

    @Column(name = "amount_due")
    public long amountDue;

    @Column(name = "amount_paid")
    public long amountPaid;

    public long tax;

    /** Stripe's cumulative refunded amount of the invoice's charge. */
    @Column(name = "amount_refunded")
    public long amountRefunded;

    @Column(name = "hosted_invoice_url")
    public String hostedInvoiceUrl;

    @Column(name = "period_start")
    public Instant periodStart;

    @Column(name = "period_end")
    public Instant periodEnd;

    /** Kept from invoice.paid so refunds and disputes, which newer API versions no longer link to the invoice, match. */
    @Column(name = "charge_id")
    public String chargeId;

    @Column(name = "payment_intent_id")
    public String paymentIntentId;

    @Column(name = "dispute_id")
    public String disputeId;

    @Column(name = "dispute_status")
    public String disputeStatus;

    @Column(name = "stripe_created")
    public Instant stripeCreated;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public Money amountPaidMoney() {
        return new Money(amountPaid, currency);
    }

    public Money amountDueMoney() {
        return new Money(amountDue, currency);
    }

    public Money amountRefundedMoney() {
        return new Money(amountRefunded, currency);
    }

    public Money taxMoney() {
        return new Money(tax, currency);
    }

    public static Optional<Invoice> findByStripeId(String stripeInvoiceId) {
        return find("stripeInvoiceId", stripeInvoiceId).firstResultOptional();
    }

    /** The invoice a charge paid, matched by charge id, payment intent id or (older API versions) invoice id. */
    public static Optional<Invoice> findByPayment(String chargeId, String paymentIntentId, String invoiceId) {
        return find("(chargeId is not null and chargeId = ?1) or (paymentIntentId is not null and paymentIntentId = ?2)"
                + " or stripeInvoiceId = ?3", chargeId, paymentIntentId, invoiceId).firstResultOptional();
    }

    /** The tenant's invoices, newest first, for the invoices page. */
    public static List<Invoice> listNewestFirst() {
        return list("order by stripeCreated desc");
    }
}
