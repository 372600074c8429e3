package pro.dailydoco.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import pro.dailydoco.billing.events.Plan;
import pro.dailydoco.core.DomainException;

/** Without STRIPE_API_KEY the server refuses Checkout and the Portal itself, whatever the page shows. */
class BillingUnconfiguredTest {

    private static BillingService withoutKey() {
        BillingConfig noKey = (BillingConfig) Proxy.newProxyInstance(BillingUnconfiguredTest.class.getClassLoader(),
                new Class<?>[] { BillingConfig.class }, (proxy, method, args) -> {
                    if (method.getName().equals("stripeApiKey")) {
                        return Optional.empty();
                    }
                    throw new AssertionError("only the key is consulted, not " + method.getName());
                });
        // No prices (plan or usage), routes, audit log or entitlements: nothing may be touched before the refusal.
        return new BillingService(new StripeGateway(noKey), null, null, null, null, Clock.systemUTC(), null);
    }

    @Test
    void checkoutAndPortalAnswer503WithoutAStripeKey() {
        DomainException checkout = assertThrows(DomainException.class, () -> withoutKey()
                .startCheckout(UUID.randomUUID(), UUID.randomUUID(), Plan.TEAM, "https://x/ok", "https://x/cancel"));
        assertEquals(503, checkout.status());
        assertEquals(true, checkout.detail().contains("Online payment isn't available yet"));
        DomainException portal = assertThrows(DomainException.class,
                () -> withoutKey().openPortal(UUID.randomUUID(), UUID.randomUUID(), "https://x/back"));
        assertEquals(503, portal.status());
    }
}
