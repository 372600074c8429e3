package pro.dailydoco.billing;

import java.time.Instant;

import pro.dailydoco.tenant.Tenant;

/** Pays for a tenant the way Stripe tells us: Checkout opens its customer, then a signed invoice.paid webhook. */
public final class TestPayments {

    private TestPayments() {
    }

    /** Opens Checkout for {@code plan} and delivers a paid invoice of the plan's price (no tax); returns its id. */
    public static String payFirstInvoice(Tenant tenant, Plan plan) {
        String customer = TestCustomers.customerFor(tenant, plan);
        String invoice = StripeFixtures.unique("in");
        StripeWebhookSender.post(StripeFixtures.event(StripeFixtures.unique("evt"), "invoice.paid", Instant.now(),
                StripeFixtures.invoice(invoice, customer, StripeFixtures.unique("sub"), "paid", plan.monthlyPrice().minor(),
                        0, "usd", StripeFixtures.unique("pi"))))
                .then().statusCode(200);
        return invoice;
    }
}
