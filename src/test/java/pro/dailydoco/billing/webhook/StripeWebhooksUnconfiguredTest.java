package pro.dailydoco.billing.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import pro.dailydoco.billing.BillingConfig;
import pro.dailydoco.core.DomainException;

/** In production without STRIPE_WEBHOOK_SECRET the endpoint refuses with 503 before reading anything. */
class StripeWebhooksUnconfiguredTest {

    @Test
    void withoutASigningSecretWebhooksAnswer503AndTouchNothing() {
        BillingConfig noSecret = (BillingConfig) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { BillingConfig.class }, (proxy, method, args) -> {
                    if (method.getName().equals("webhookSecret")) {
                        return Optional.empty();
                    }
                    throw new AssertionError("only the secret is consulted, not " + method.getName());
                });
        // No store, no processor, no invalid-event store: nothing may be stored or processed without a secret.
        StripeWebhooks webhooks = new StripeWebhooks(noSecret, null, null, Clock.systemUTC(), null);
        DomainException refused = assertThrows(DomainException.class,
                () -> webhooks.receive("{}".getBytes(StandardCharsets.UTF_8), "t=1,v1=00"));
        assertEquals(503, refused.status());
    }
}
