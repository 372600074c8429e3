package pro.dailydoco.referral.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static pro.dailydoco.referral.ReferralPeople.scopedWork;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.query.internal.QueryInterpretationCacheStandardImpl;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import pro.dailydoco.core.Money;
import pro.dailydoco.referral.ReferralPeople;
import pro.dailydoco.referral.leaderboard.Leaderboard;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;

/**
 * The dashboards and the ledger reuse Hibernate's cached query plans. A native query given a basic result class
 * ({@code createNativeQuery(sql, String.class)}) builds a new plan on every call in Hibernate 7.2 (its result builder
 * has no equals), filling the plan cache and making every later look-up slower; the benchmark found it. This test
 * fails when such a query comes back on these paths.
 */
@QuarkusTest
class QueryPlanReuseTest {

    @Inject
    EntityManager entityManager;

    @Inject
    CommissionLedger ledger;

    @Test
    void repeatedPageViewsAndLedgerWritesBuildNoNewQueryPlans() {
        Browser browser = new Browser();
        String email = Accounts.uniqueEmail("plans");
        String slug = Accounts.signUp(browser, email, "Plans");
        UUID sponsor = Accounts.user(email).id;
        UUID referred = ReferralPeople.signUpThroughLinkOf(sponsor, "plans-referred");
        List<String> pages = List.of("/t/" + slug + "/referrals", "/t/" + slug + "/referrals?members=1",
                "/t/" + slug + "/referrals?level=1&page=1", "/leaderboard", "/t/" + slug + "/");

        paidAndViewed(browser, referred, pages); // the first round builds every plan these paths need
        int plans = cachedPlans();
        paidAndViewed(browser, referred, pages);
        paidAndViewed(browser, referred, pages);

        assertEquals(plans, cachedPlans(), "the same work again reuses its plans");
    }

    private void paidAndViewed(Browser browser, UUID payer, List<String> pages) {
        String invoice = "in_plans_" + UUID.randomUUID();
        scopedWork().call(null, null, () -> ledger.recordInvoicePaid(invoice, payer, null, null, Money.usd(9_900),
                Instant.now()));
        scopedWork().call(null, null, () -> ledger.recordRefund(invoice, payer, Money.usd(1_000), Instant.now()));
        ReferralPeople.bean(Leaderboard.class).refresh(Instant.now());
        for (String page : pages) {
            assertEquals(200, browser.get(page).statusCode(), page);
        }
    }

    private int cachedPlans() {
        return ((QueryInterpretationCacheStandardImpl) entityManager.getEntityManagerFactory()
                .unwrap(SessionFactoryImplementor.class).getQueryEngine().getInterpretationCache())
                .getNumberOfCachedQueryPlans();
    }
}
