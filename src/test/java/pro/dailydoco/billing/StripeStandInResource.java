package pro.dailydoco.billing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Starts the {@link StripeStandIn} once per run and points the gateway at it, for every @QuarkusTest. */
@QuarkusTestResource(value = StripeStandInResource.class, restrictToAnnotatedClass = false)
public class StripeStandInResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        try {
            return Map.of("dailydoco.billing.stripe-api-base", StripeStandIn.start().baseUrl());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Could not start the Stripe stand-in", e);
        }
    }

    @Override
    public void stop() {
        // Kept for the whole JVM, like the test database.
    }
}
