package pro.dailydoco.referral.ledger;

import java.time.Instant;
import java.util.Objects;

import pro.dailydoco.core.Money;
import pro.dailydoco.referral.guards.PersonIdentity;

/**
 * A paid invoice as the commission engine sees it: the commissionable amount is what was actually paid (after
 * discounts) minus tax, since tax is not revenue.
 */
public record CommissionableInvoice(String invoiceId, PersonIdentity payer, Money net, Instant paidAt) {

    public CommissionableInvoice {
        Objects.requireNonNull(invoiceId, "invoiceId");
        Objects.requireNonNull(payer, "payer");
        Objects.requireNonNull(net, "net");
        Objects.requireNonNull(paidAt, "paidAt");
        if (net.isNegative()) {
            throw new IllegalArgumentException("Invoice " + invoiceId + " has a negative commissionable amount");
        }
    }

    /** {@code amountPaid − tax}, both in the invoice's currency. */
    public static CommissionableInvoice of(String invoiceId, PersonIdentity payer, Money amountPaid, Money tax,
                                           Instant paidAt) {
        return new CommissionableInvoice(invoiceId, payer, amountPaid.minus(tax), paidAt);
    }

    public String currency() {
        return net.currency();
    }
}
