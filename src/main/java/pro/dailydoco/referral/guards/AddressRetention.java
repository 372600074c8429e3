package pro.dailydoco.referral.guards;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import pro.dailydoco.referral.ReferralConfig;
import pro.dailydoco.tenant.ScopedWork;

/**
 * Empties the keyed address hashes of referral clicks and sign-up screenings once they are older than
 * {@code dailydoco.referral.address-retention} (docs/decisions/0132-address-hashes-kept-for-a-limited-time.md). The
 * rows stay: attribution names its click, and held commissions rest on the screening's reasons and decision. Safe on
 * many instances: each batch skips rows another instance is emptying, and an emptied hash is not picked again.
 */
@ApplicationScoped
public class AddressRetention {

    static final int BATCH = 1_000;

    /** What one run emptied. */
    public record Emptied(long clicks, long screenings) {
    }

    private final EntityManager entityManager;
    private final ScopedWork scopedWork;
    private final ReferralConfig config;
    private final Clock clock;

    AddressRetention(EntityManager entityManager, ScopedWork scopedWork, ReferralConfig config, Clock clock) {
        this.entityManager = entityManager;
        this.scopedWork = scopedWork;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${dailydoco.referral.address-retention-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        Emptied emptied = forgetExpiredAddresses();
        if (emptied.clicks() + emptied.screenings() > 0) {
            Log.infof("Emptied the address hashes of %d clicks and %d screenings past retention", emptied.clicks(),
                    emptied.screenings());
        }
    }

    /**
     * Empties every hash older than the retention, in batches of their own transactions. The cut-off never comes
     * closer than the sign-up screening's counting window, which the hashes exist for.
     */
    public Emptied forgetExpiredAddresses() {
        Duration keep = config.guards().addressRetention();
        if (keep.compareTo(config.guards().signupAddressWindow()) < 0) {
            keep = config.guards().signupAddressWindow();
        }
        Instant before = clock.instant().minus(keep);
        return new Emptied(drain("referral_click_forget_addresses", before),
                drain("referral_screening_forget_addresses", before));
    }

    private long drain(String function, Instant before) {
        long total = 0;
        while (true) {
            long emptied = scopedWork.call(null, null, () -> ((Number) entityManager
                    .createNativeQuery("select " + function + "(?1, ?2)").setParameter(1, before)
                    .setParameter(2, BATCH).getSingleResult()).longValue());
            total += emptied;
            if (emptied < BATCH) {
                return total;
            }
        }
    }
}
