package pro.dailydoco.referral;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import pro.dailydoco.core.database.Row;

/**
 * The default rates live in {@link CommissionPlan#DEFAULT_RATES}; the database received them once, as the plan first
 * published (version 1, seeded by a migration that never changes). This keeps the two equal
 * (docs/decisions/0050-default-commission-rates.md).
 */
@QuarkusTest
class CommissionPlanSeedTest {

    @Inject
    EntityManager entityManager;

    @Test
    @Transactional
    void theFirstPublishedPlanHasTheDefaultRates() {
        List<Integer> seeded = Row.list(entityManager.createNativeQuery("""
                select r.rate as rate
                from commission_plan p, unnest(p.level_rates) with ordinality as r(rate, level)
                where p.version = 1 order by r.level""", Tuple.class)).stream().map(row -> row.intValue("rate")).toList();

        assertEquals(CommissionPlan.DEFAULT_RATES, seeded);
    }
}
