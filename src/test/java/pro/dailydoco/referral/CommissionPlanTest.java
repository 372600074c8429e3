package pro.dailydoco.referral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import pro.dailydoco.core.DomainException;

class CommissionPlanTest {

    @Test
    void defaultPlanPaysTwentyFifteenTenEightFiveThreeTwoPercent() {
        CommissionPlan plan = CommissionPlan.defaultPlan(1);
        assertEquals(List.of(2000, 1500, 1000, 800, 500, 300, 200), plan.levelRatesBasisPoints());
        assertEquals(6300, plan.totalBasisPoints());
        assertEquals(800, plan.rateOfLevel(4));
    }

    @Test
    void planMustHaveExactlySevenLevels() {
        DomainException e = assertThrows(DomainException.class,
                () -> new CommissionPlan(2, List.of(2000, 1500, 1000, 800, 500, 300)));
        assertEquals(400, e.status());
        assertEquals("A commission plan has exactly 7 levels; got 6.", e.detail());
    }

    @Test
    void eachRateMustLieBetweenZeroAndTenThousandBasisPoints() {
        DomainException negative = assertThrows(DomainException.class,
                () -> new CommissionPlan(2, List.of(2000, -1, 1000, 800, 500, 300, 200)));
        assertEquals("Level 2 rate must be between 0 and 10000 basis points (0–100 %); got -1.", negative.detail());
        DomainException tooHigh = assertThrows(DomainException.class,
                () -> new CommissionPlan(2, List.of(0, 0, 0, 0, 0, 0, 10_001)));
        assertEquals("Level 7 rate must be between 0 and 10000 basis points (0–100 %); got 10001.", tooHigh.detail());
        DomainException missing = assertThrows(DomainException.class,
                () -> new CommissionPlan(2, Arrays.asList(2000, 1500, null, 800, 500, 300, 200)));
        assertEquals("Level 3 rate must be between 0 and 10000 basis points (0–100 %); got null.", missing.detail());
    }

    @Test
    void ratesTogetherMayNotExceedTheWholeAmount() {
        DomainException e = assertThrows(DomainException.class,
                () -> new CommissionPlan(2, List.of(5000, 5000, 1, 0, 0, 0, 0)));
        assertEquals("The level rates add up to 10001 basis points; together they may be at most 10000 "
                + "(100 % of the amount).", e.detail());
        assertEquals(10_000, new CommissionPlan(3, List.of(5000, 5000, 0, 0, 0, 0, 0)).totalBasisPoints());
    }

    @Test
    void versionStartsAtOne() {
        DomainException e = assertThrows(DomainException.class, () -> CommissionPlan.defaultPlan(0));
        assertEquals("A commission plan version starts at 1; got 0.", e.detail());
    }
}
