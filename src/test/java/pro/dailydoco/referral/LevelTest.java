package pro.dailydoco.referral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Which numbers are levels of the commission plan, and which are depths someone may earn to. */
class LevelTest {

    @Test
    void levelsRunFromOneToThePlansLevelCount() {
        assertEquals(1, new Level(1).value());
        assertEquals(CommissionPlan.LEVELS, new Level(CommissionPlan.LEVELS).value());
        assertEquals("Levels run from 1 to 7; got 0",
                assertThrows(IllegalArgumentException.class, () -> new Level(0)).getMessage());
        assertEquals("Levels run from 1 to 7; got 8",
                assertThrows(IllegalArgumentException.class, () -> new Level(8)).getMessage());
        assertTrue(Level.isLevel(1));
        assertTrue(Level.isLevel(7));
        assertFalse(Level.isLevel(0));
        assertFalse(Level.isLevel(8));
        assertFalse(Level.isLevel(-1));
    }

    @Test
    void aDepthIsNoLevelOrALevel() {
        assertTrue(Level.isDepth(0), "a rank that earns from no level");
        assertTrue(Level.isDepth(7), "a rank that earns from every level");
        assertFalse(Level.isDepth(-1));
        assertFalse(Level.isDepth(8));
    }

    @Test
    void everyLevelNearestFirst() {
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7), Level.numbers());
        assertEquals(0, new Level(1).index(), "level 1's rate comes first in a plan");
        assertEquals(6, new Level(7).index());
    }
}
