package pro.dailydoco.billing;

import java.time.Clock;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** "Now" for billing rules (grace periods, retries, signature age), replaceable in tests instead of sleeping. */
public class BillingClock {

    @Produces
    @Singleton
    @DefaultBean
    Clock systemClock() {
        return Clock.systemUTC();
    }
}
