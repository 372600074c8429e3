package pro.dailydoco.billing;

import io.quarkus.arc.Arc;
import pro.dailydoco.billing.events.Plan;
import pro.dailydoco.tenant.ScopedWork;
import pro.dailydoco.tenant.Tenant;

/** Gives a test tenant a Stripe customer the way production does: by opening Checkout (Stripe played by WireMock). */
public final class TestCustomers {

    private TestCustomers() {
    }

    public static String checkout(Tenant tenant, Plan plan) {
        ScopedWork scopedWork = Arc.container().instance(ScopedWork.class).get();
        BillingService billing = Arc.container().instance(BillingService.class).get();
        return scopedWork.inScope(tenant.id, null, () -> billing.startCheckout(tenant.id, null, plan,
                "https://app.example/t/" + tenant.slug + "/billing?done", "https://app.example/t/" + tenant.slug + "/billing"));
    }

    /** Opens Checkout for {@code plan} and returns the tenant's new Stripe customer id. */
    public static String customerFor(Tenant tenant, Plan plan) {
        checkout(tenant, plan);
        ScopedWork scopedWork = Arc.container().instance(ScopedWork.class).get();
        return scopedWork.asTenant(tenant.id, () -> Subscription.current().orElseThrow().stripeCustomerId);
    }
}
