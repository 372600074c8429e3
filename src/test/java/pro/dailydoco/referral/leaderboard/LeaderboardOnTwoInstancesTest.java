package pro.dailydoco.referral.leaderboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import pro.dailydoco.referral.ReferralPeople;
import pro.dailydoco.support.TwoNodes;

/**
 * Two nodes refreshing the leaderboard at once share the people whose roll-ups changed: each person is refreshed by
 * exactly one of them (the two counts add up to the people in the change log), and everyone's entry is written.
 */
@QuarkusTest
class LeaderboardOnTwoInstancesTest {

    @Inject
    Leaderboard leaderboard;

    @Inject
    EntityManager entityManager;

    @Test
    void twoNodesRefreshingAtOnceRefreshEachChangedPersonOnce() throws Exception {
        leaderboard.refresh(Instant.now()); // start from an empty change log
        List<UUID> sponsors = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            UUID sponsor = ReferralPeople.signUpDirectly("board-two-nodes-" + i);
            ReferralPeople.signUpThroughLinkOf(sponsor, "board-two-nodes-referred-" + i);
            sponsors.add(sponsor);
        }
        long changed = QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "select count(distinct member_user_id) from referral_rollup_change").getSingleResult()).longValue());

        List<Integer> refreshed = TwoNodes.runAtOnce(() -> leaderboard.refresh(Instant.now()));

        assertEquals(changed, refreshed.get(0) + refreshed.get(1), "each changed person refreshed by one node: " + refreshed);
        for (UUID sponsor : sponsors) {
            assertEquals(1, leaderboard.networkCountsOf(sponsor).signUps(), "the entry of " + sponsor + " is written");
        }
        long left = QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "select count(*) from referral_rollup_change").getSingleResult()).longValue());
        assertEquals(0, left, "the change log is empty afterwards");
    }
}
