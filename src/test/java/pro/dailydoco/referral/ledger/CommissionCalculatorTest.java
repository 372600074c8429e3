package pro.dailydoco.referral.ledger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pro.dailydoco.referral.ReferralFixtures.PAID_AT;
import static pro.dailydoco.referral.ReferralFixtures.amountsByLevel;
import static pro.dailydoco.referral.ReferralFixtures.defaultPlanResult;
import static pro.dailydoco.referral.ReferralFixtures.eligibleChain;
import static pro.dailydoco.referral.ReferralFixtures.person;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import pro.dailydoco.core.Money;
import pro.dailydoco.referral.CommissionPlan;
import pro.dailydoco.referral.CommissionTiers;
import pro.dailydoco.referral.ReferralFixtures;
import pro.dailydoco.referral.TierQualification;
import pro.dailydoco.referral.dashboard.ReferralProgramResource;
import pro.dailydoco.referral.guards.Ineligibility;
import pro.dailydoco.referral.guards.PersonIdentity;

class CommissionCalculatorTest {

    @Test
    void chainOfNineUsersPaysLevelsOneToSevenAtDefaultRatesAndLevelEightNothing() {
        List<Ancestor> chain = eligibleChain(8); // payer + 8 ancestors = 9 users
        CommissionResult result = defaultPlanResult("in_99", 9_900, chain);

        assertArrayEquals(new long[] {1980, 1485, 990, 792, 495, 297, 198}, amountsByLevel(result.entitlements()));
        for (int level = 1; level <= 7; level++) {
            Entitlement e = result.entitlements().get(level - 1);
            assertEquals(level, e.level());
            assertEquals(chain.get(level - 1).person().userId(), e.earnerId());
            assertEquals(1, e.planVersion());
        }
        UUID levelEight = chain.get(7).person().userId();
        assertTrue(result.entitlements().stream().noneMatch(e -> e.earnerId().equals(levelEight)));
        assertTrue(result.forfeited().isEmpty());
        assertEquals(Money.usd(6237), result.totalEntitled());
    }

    @Test
    void eachLevelRoundsDownToTheCent() {
        assertArrayEquals(new long[] {0, 0, 0, 0, 0, 0, 0},
                amountsByLevel(defaultPlanResult("in_1", 1, eligibleChain(7)).entitlements()));
        // 66.6, 49.95, 33.3, 26.64, 16.65, 9.99, 6.66 cents
        assertArrayEquals(new long[] {66, 49, 33, 26, 16, 9, 6},
                amountsByLevel(defaultPlanResult("in_333", 333, eligibleChain(7)).entitlements()));
    }

    @Test
    void commissionableAmountIsAmountPaidMinusTax() {
        CommissionableInvoice invoice = CommissionableInvoice.of("in_tax", person("payer"), Money.usd(11_880),
                Money.usd(1_980), PAID_AT);
        assertEquals(Money.usd(9_900), invoice.net());
    }

    @Test
    void invoiceInAnotherCurrencyIsFlaggedAndEarnsNothing() {
        CommissionableInvoice invoice = new CommissionableInvoice("in_eur", person("payer"), new Money(9_900, "EUR"),
                PAID_AT);
        CommissionResult result = CommissionCalculator.calculate(invoice, eligibleChain(7), CommissionPlan.defaultPlan(1));
        assertEquals(CommissionResult.NotCommissionable.CURRENCY_NOT_SUPPORTED, result.flag());
        assertTrue(result.entitlements().isEmpty());
    }

    @Test
    void shortChainForfeitsTheLevelsAboveItsTop() {
        CommissionResult result = defaultPlanResult("in_short", 9_900, eligibleChain(2));
        assertEquals(2, result.entitlements().size());
        assertEquals(List.of(3, 4, 5, 6, 7), result.forfeited().stream().map(ForfeitedLevel::level).toList());
        ForfeitedLevel three = result.forfeited().get(0);
        assertNull(three.ancestorId());
        assertEquals(Money.usd(990), three.share());
    }

    @Test
    void ineligibleAncestorForfeitsTheirLevelWithoutPassingItUpTheChain() {
        List<Ancestor> chain = new ArrayList<>(eligibleChain(7));
        chain.set(0, new Ancestor(person("sleeper"), false, false, false, false, 7));
        chain.set(1, new Ancestor(person("banned"), true, true, false, false, 7));
        chain.set(2, new Ancestor(person("opted-out"), true, false, true, false, 7));
        chain.set(3, new Ancestor(person("rookie"), true, false, false, false, 3));
        chain.set(4, new Ancestor(person("flagged"), true, false, false, true, 7));

        CommissionResult result = defaultPlanResult("in_mixed", 9_900, chain);

        assertArrayEquals(new long[] {297, 198}, amountsByLevel(result.entitlements()));
        assertEquals(List.of(6, 7), result.entitlements().stream().map(Entitlement::level).toList());
        assertEquals(List.of(Set.of(Ineligibility.INACTIVE), Set.of(Ineligibility.SUSPENDED),
                        Set.of(Ineligibility.PROGRAM_DISABLED_BY_HOME_TENANT),
                        Set.of(Ineligibility.NOT_QUALIFIED_FOR_LEVEL), Set.of(Ineligibility.HELD_FOR_REVIEW)),
                result.forfeited().stream().map(ForfeitedLevel::reasons).toList());
    }

    @Test
    void noOneEarnsFromTheirOwnPaymentUnderAnyOfTheirIdentities() {
        PersonIdentity payer = new PersonIdentity(UUID.randomUUID(), "Jane.Doe+work@gmail.com", Set.of("cus_1"),
                Set.of("fp_1"));
        List<Ancestor> chain = List.of(
                Ancestor.eligible(payer),
                Ancestor.eligible(PersonIdentity.of(UUID.randomUUID(), " janedoe@GoogleMail.com ")),
                Ancestor.eligible(new PersonIdentity(UUID.randomUUID(), "other@example.com", Set.of("cus_1"), Set.of())),
                Ancestor.eligible(new PersonIdentity(UUID.randomUUID(), "third@example.com", Set.of(), Set.of("fp_1"))),
                Ancestor.eligible(person("stranger")));
        CommissionResult result = CommissionCalculator.calculate(
                new CommissionableInvoice("in_self", payer, Money.usd(9_900), PAID_AT), chain,
                CommissionPlan.defaultPlan(1));

        assertEquals(List.of(5), result.entitlements().stream().map(Entitlement::level).toList());
        result.forfeited().stream().filter(f -> f.level() <= 4)
                .forEach(f -> assertEquals(Set.of(Ineligibility.SAME_PERSON_AS_PAYER), f.reasons()));
    }

    /**
     * Bronze and Silver earn to level 2 only; Gold and Platinum to all 7 (tiers start at 0, 50, 200, 1000 points; a
     * paying referral is worth 10, so Silver takes 5 paying referrals, Gold 20, Platinum 100).
     */
    private static final TierQualification BRONZE_AND_SILVER_TO_LEVEL_TWO = new TierQualification(
            ReferralFixtures.DEFAULT_TIERS, List.of(2, 2, 7, 7));

    private static Ancestor ranked(String name, long payingReferrals, TierQualification rule) {
        return new Ancestor(person(name), true, false, false, false, rule.depthForPayingReferrals(payingReferrals));
    }

    @Test
    void aTierEarnsOnlyAsDeepAsItsConfiguredDepth() {
        TierQualification rule = BRONZE_AND_SILVER_TO_LEVEL_TWO;
        List<Ancestor> chain = List.of(ranked("bronze-1", 0, rule), ranked("silver-2", 6, rule),
                ranked("bronze-3", 4, rule), ranked("silver-4", 19, rule), ranked("gold-5", 20, rule),
                ranked("bronze-6", 0, rule), ranked("platinum-7", 500, rule));

        CommissionResult result = defaultPlanResult("in_tiers", 10_000, chain);

        assertEquals(List.of(1, 2, 5, 7), result.entitlements().stream().map(Entitlement::level).toList());
        assertArrayEquals(new long[] {2000, 1500, 500, 200}, amountsByLevel(result.entitlements()));
        assertEquals(List.of(3, 4, 6), result.forfeited().stream().map(ForfeitedLevel::level).toList());
        result.forfeited().forEach(f -> assertEquals(Set.of(Ineligibility.NOT_QUALIFIED_FOR_LEVEL), f.reasons()));
        assertEquals(chain.get(2).person().userId(), result.forfeited().get(0).ancestorId(), "bronze at level 3");
        assertEquals(Money.usd(1000), result.forfeited().get(0).share(), "its 10 % stays with the platform");
    }

    @Test
    void signUpsRaiseTheLeaderboardTierButNeverTheDepthOfEarnings() {
        TierQualification rule = BRONZE_AND_SILVER_TO_LEVEL_TWO;
        CommissionTiers tiers = rule.tiers();
        long recruiterScore = tiers.score(0, 5_000); // 5,000 sign-ups, nobody paying
        assertEquals("Platinum", tiers.tierOf(recruiterScore), "the badge counts sign-ups");
        assertEquals("Bronze", rule.qualifyingTier(0));
        assertEquals(2, rule.depthForPayingReferrals(0), "recruiting alone unlocks no level");
        assertEquals(2, rule.depthForPayingReferrals(19), "19 paying referrals: 190 points, still Silver");
        assertEquals(7, rule.depthForPayingReferrals(20), "20 paying referrals reach Gold");
        assertEquals(List.of(0L, 5L, 20L, 100L), java.util.stream.IntStream.range(0, 4)
                .mapToObj(i -> ReferralProgramResource.payingReferralsToReach(tiers, i)).toList(),
                "/referral-program states each tier in paying referrals");
    }

    @Test
    void byDefaultEveryTierEarnsFromAllSevenLevels() {
        TierQualification rule = new TierQualification(ReferralFixtures.DEFAULT_TIERS, List.of(7, 7, 7, 7));
        List<Ancestor> chain = new ArrayList<>();
        for (int level = 1; level <= 7; level++) {
            chain.add(ranked("default-" + level, 0, rule)); // everyone Bronze, the lowest tier
        }
        CommissionResult result = defaultPlanResult("in_default_tiers", 10_000, chain);
        assertArrayEquals(new long[] {2000, 1500, 1000, 800, 500, 300, 200}, amountsByLevel(result.entitlements()));
        assertTrue(result.forfeited().isEmpty());
        assertTrue(rule.sameForEveryTier());
    }

    @Test
    void depthByTierMustNameOneDepthOfZeroToSevenPerTier() {
        assertThrows(IllegalArgumentException.class,
                () -> new TierQualification(ReferralFixtures.DEFAULT_TIERS, List.of(7, 7, 7)));
        assertThrows(IllegalArgumentException.class,
                () -> new TierQualification(ReferralFixtures.DEFAULT_TIERS, List.of(7, 8, 7, 7)));
        assertThrows(IllegalArgumentException.class,
                () -> new TierQualification(ReferralFixtures.DEFAULT_TIERS, List.of(-1, 7, 7, 7)));
        assertEquals(2, BRONZE_AND_SILVER_TO_LEVEL_TWO.depthOfTier("Silver"));
        assertEquals(7, BRONZE_AND_SILVER_TO_LEVEL_TWO.depthOfTier("Gold"));
    }

    @Test
    void chainThatRepeatsAUserIsRefusedAsACycle() {
        Ancestor a = Ancestor.eligible(person("a"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> defaultPlanResult("in_cycle", 100, List.of(a, Ancestor.eligible(person("b")), a)));
        assertTrue(e.getMessage().contains("level 3"), e.getMessage());
    }

    @Test
    void entitlementNeverGoesBelowZeroWhenMoreThanTheNetIsRefunded() {
        assertEquals(Money.usd(0), CommissionCalculator.entitlement(Money.usd(9_900), Money.usd(11_880), 2000));
        assertEquals(Money.usd(990), CommissionCalculator.entitlement(Money.usd(9_900), Money.usd(4_950), 2000));
    }
}
