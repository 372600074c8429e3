package pro.dailydoco.billing;

import java.time.Instant;

import pro.dailydoco.billing.events.Plan;
import pro.dailydoco.tenant.Tenant;

/** Pays for a tenant the way Stripe tells us: Checkout opens its customer, then a signed invoice.paid webhook. */
public final class TestPayments {

    private TestPayments() {
    }

    /** Opens Checkout for {@code plan} and delivers a paid invoice of the plan's price (no tax); returns its id. */
    public static String payFirstInvoice(Tenant tenant, Plan plan) {
        return payInvoice(tenant, plan, StripeFixtures.unique("pi"));
    }

    /**
     * Pays an invoice of the plan's price with the card {@code cardFingerprint}: Stripe (WireMock) answers the
     * invoice's payment intent with a card charge, as Stripe would when billing looks the card up. Returns the invoice
     * id.
     */
    public static String payWithCard(Tenant tenant, Plan plan, String cardFingerprint) {
        String customer = TestCustomers.customerFor(tenant, plan);
        return payInvoice(tenant, plan, cardPayment(customer, plan.monthlyPrice().minor(), cardFingerprint));
    }

    /** A new payment intent of {@code customer}, paid by the card {@code cardFingerprint}, known to Stripe. */
    public static String cardPayment(String customer, long amount, String cardFingerprint) {
        String paymentIntent = StripeFixtures.unique("pi");
        StripeWireMock.instance().putPaymentIntent(paymentIntent, StripeFixtures.paymentIntent(paymentIntent, customer,
                amount, StripeFixtures.cardCharge(StripeFixtures.unique("ch"), customer, paymentIntent, amount,
                        cardFingerprint)));
        return paymentIntent;
    }

    /**
     * Delivers a signed invoice.paid of the plan's price (no tax) paid through {@code paymentIntent}; one
     * Stripe (WireMock) does not know answers 404 when billing looks its card up.
     */
    public static String payInvoice(Tenant tenant, Plan plan, String paymentIntent) {
        String customer = TestCustomers.customerFor(tenant, plan);
        String invoice = StripeFixtures.unique("in");
        StripeWebhookSender.post(StripeFixtures.event(StripeFixtures.unique("evt"), "invoice.paid", Instant.now(),
                StripeFixtures.invoice(invoice, customer, StripeFixtures.unique("sub"), "paid", plan.monthlyPrice().minor(),
                        0, "usd", paymentIntent)))
                .then().statusCode(200);
        return invoice;
    }
}
