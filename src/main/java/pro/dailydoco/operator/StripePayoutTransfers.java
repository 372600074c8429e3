package pro.dailydoco.operator;

import jakarta.enterprise.context.ApplicationScoped;
import pro.dailydoco.billing.StripeGateway;
import pro.dailydoco.core.Money;
import pro.dailydoco.referral.payout.PayoutTransfers;

/** Payouts the operator runs are sent as Stripe Connect transfers, through the one class that calls Stripe. */
@ApplicationScoped
public class StripePayoutTransfers implements PayoutTransfers {

    private final StripeGateway stripe;

    StripePayoutTransfers(StripeGateway stripe) {
        this.stripe = stripe;
    }

    @Override
    public String transfer(Money amount, String destinationAccountId, String idempotencyKey) {
        return stripe.createTransfer(amount, destinationAccountId, idempotencyKey);
    }
}
