package pro.dailydoco.billing;

/**
 * Stripe could not be asked something an event needs before it can be applied (an invoice's payments, a payment's
 * invoice, a subscription's current state): Stripe is not configured on this server, or it failed or timed out.
 * The event waits, pending, with this message for the operator, and is retried with back-off; nothing of it is
 * applied meanwhile (docs/decisions/0105-stripe-look-ups-before-the-transaction.md).
 */
public class StripeUnavailable extends RuntimeException {

    /** How every such reason starts, so the operator's page can tell waiting from failing. */
    public static final String WAITING = "Waiting for Stripe to read ";

    public StripeUnavailable(String message) {
        super(message, null, false, false);
    }
}
