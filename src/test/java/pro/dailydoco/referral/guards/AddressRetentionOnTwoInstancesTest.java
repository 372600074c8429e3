package pro.dailydoco.referral.guards;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import pro.dailydoco.referral.ReferralPeople;
import pro.dailydoco.support.TestClock;
import pro.dailydoco.support.TwoNodes;

/** Two nodes emptying expired address hashes at once empty each one once, and together all of them. */
@QuarkusTest
class AddressRetentionOnTwoInstancesTest {

    @Inject
    AddressRetention retention;

    @Inject
    EntityManager entityManager;

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void twoNodesEmptyEveryExpiredHashExactlyOnce() throws Exception {
        UUID sponsor = ReferralPeople.signUpDirectly("retention-two-nodes");
        Instant old = clock.instant().minus(Duration.ofDays(120));
        int ours = 3 * AddressRetention.BATCH + 17; // several batches each, so the two nodes overlap
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                insert into referral_click (id, code, sponsor_user_id, clicked_at, ip_hash)
                select gen_random_uuid(), 'two-nodes', ?1, ?2, 'hash-' || n from generate_series(1, ?3) n""")
                .setParameter(1, sponsor).setParameter(2, old).setParameter(3, ours).executeUpdate());
        long expired = count("select count(*) from referral_click where ip_hash is not null and clicked_at < ?1",
                clock.instant().minus(Duration.ofDays(90)));

        List<AddressRetention.Emptied> runs = TwoNodes.runAtOnce(retention::forgetExpiredAddresses);

        assertEquals(expired, runs.get(0).clicks() + runs.get(1).clicks(),
                "every expired hash emptied by exactly one node: " + runs);
        assertEquals(0, count("select count(*) from referral_click where sponsor_user_id = ?1 and ip_hash is not null",
                sponsor));
    }

    private long count(String sql, Object parameter) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(sql)
                .setParameter(1, parameter).getSingleResult()).longValue());
    }
}
