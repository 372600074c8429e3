package pro.dailydoco.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import pro.dailydoco.core.Money;
import pro.dailydoco.core.database.Row;
import pro.dailydoco.core.web.Formats;
import pro.dailydoco.referral.dashboard.ReferralDashboard;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;
import pro.dailydoco.tenant.ScopedWork;

/** The demo referral network: built through the real paths, so the dashboard's figures are the ledger's. */
@QuarkusTest
class DemoReferralNetworkTest {

    @Inject
    DemoReferralNetwork network;

    @Inject
    ReferralDashboard dashboard;

    @Inject
    ScopedWork scopedWork;

    @Inject
    EntityManager entityManager;

    @Test
    void theRootsDashboardShowsWhatTheLedgerHoldsAndASecondRunChangesNothing() {
        Browser root = new Browser();
        String email = Accounts.uniqueEmail("demoroot");
        String slug = Accounts.signUp(root, email, "Demo Root");
        UUID rootId = Accounts.user(email).id;
        String domain = "net-" + UUID.randomUUID().toString().substring(0, 8) + ".example.com";

        assertEquals(DemoReferralNetwork.PEOPLE.size(), network.seedBelow(rootId, domain));

        Map<Integer, Long> membersInTree = sums(rootId,
                "select depth as level, count(*) as total from referral_tree where ancestor_user_id = ?1 group by depth");
        Map<Integer, Long> netInLedger = sums(rootId,
                "select level as level, sum(amount_minor) as total from commission_entry where user_id = ?1 group by level");
        long pendingInLedger = sums(rootId, """
                select 0 as level, sum(e.amount_minor) as total from commission_entry e join commission_line l
                  on l.user_id = e.user_id and l.invoice_id = e.invoice_id and l.level = e.level
                where e.user_id = ?1 and l.status <> 'APPROVED'""").getOrDefault(0, 0L);
        assertEquals(Map.of(1, 3L, 2, 2L, 3, 1L, 4, 1L), membersInTree, "a four-level chain below the root");
        assertEquals(List.of(1, 2, 3), netInLedger.keySet().stream().sorted().toList(), "paying people at levels 1–3");
        assertTrue(pendingInLedger > 0, "commissions wait out their hold");

        List<ReferralDashboard.Level> levels = scopedWork.call(null, rootId,
                () -> ReferralDashboard.downline(dashboard.levelsByMonth(rootId)));
        for (ReferralDashboard.Level level : levels) {
            assertEquals(membersInTree.getOrDefault(level.level(), 0L), level.members(), "members at " + level.level());
            assertEquals(netInLedger.getOrDefault(level.level(), 0L), level.netMinor(), "earned at " + level.level());
        }
        assertEquals(List.of(2L, 1L, 1L, 0L), levels.subList(0, 4).stream().map(ReferralDashboard.Level::paying).toList());
        ReferralDashboard.Balances balances = scopedWork.call(null, rootId, () -> dashboard.balances(rootId));
        assertEquals(pendingInLedger, balances.pendingMinor());

        Document page = Browser.html(root.get("/t/" + slug + "/referrals?period=all"));
        assertEquals(Formats.formatted(Money.usd(pendingInLedger)), page.select("#balance-pending").text());
        assertEquals("3", page.select("#count-signups").text());
        assertEquals("2", page.select("#count-paying").text());
        assertEquals(String.valueOf(3 + DemoReferralNetwork.EXTRA_CLICKS), page.select("#count-clicks").text());
        // 4 paying referrals (levels 1–3 count: 2 + 1 + 1) × 10 + 7 sign-ups × 1 = 47 points; Silver starts at 50.
        Document board = Browser.html(root.get("/leaderboard"));
        assertEquals("47", board.select("#viral-score").text());
        assertEquals("To reach Silver you need 3 more points: for example 1 more paying referral, or 3 more sign-ups"
                + " in your network.", board.select("#next-rank").text());

        assertEquals(0, network.seedBelow(rootId, domain), "nobody is created twice");
        assertEquals(netInLedger, sums(rootId,
                "select level as level, sum(amount_minor) as total from commission_entry where user_id = ?1 group by level"),
                "and nobody pays twice");
    }

    /** {@code level → total} from a query selecting those two columns; a null total (no rows summed) is left out. */
    private Map<Integer, Long> sums(UUID user, String sql) {
        return scopedWork.call(null, user, () -> {
            Map<Integer, Long> sums = new HashMap<>();
            for (Row row : Row.list(entityManager.createNativeQuery(sql, Tuple.class).setParameter(1, user))) {
                if (row.nullableLong("total") != null) {
                    sums.put(row.intValue("level"), row.longValue("total"));
                }
            }
            return sums;
        });
    }
}
