package pro.dailydoco.billing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Starts {@link StripeWireMock} once per run and points the gateway at it, for every @QuarkusTest. */
@QuarkusTestResource(value = StripeWireMockResource.class, restrictToAnnotatedClass = false)
public class StripeWireMockResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("dailydoco.billing.stripe-api-base", StripeWireMock.start().baseUrl());
    }

    @Override
    public void stop() {
        // Kept for the whole JVM, like the test database.
    }
}
