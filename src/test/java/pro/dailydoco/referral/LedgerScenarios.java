package pro.dailydoco.referral;

import static java.util.Collections.nCopies;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Named;

import pro.dailydoco.referral.LedgerScenario.DisputeOutcome;
import pro.dailydoco.referral.LedgerScenario.InvoiceSpec;
import pro.dailydoco.referral.LedgerScenario.Person;
import pro.dailydoco.support.Seeds;

/**
 * The cases of the ledger invariant tests: fixed edge cases first, then {@value #RANDOM_CASES} scenarios each drawn
 * from a {@code java.util.Random} seeded with the seed in its name, so any case can be rebuilt from its name alone.
 */
public final class LedgerScenarios {

    public static final int RANDOM_CASES = 300;

    private LedgerScenarios() {
    }

    /** Edge cases, then one random scenario per seed of {@link Seeds#first}. */
    public static Stream<Named<LedgerScenario>> cases() {
        return Stream.concat(edgeCases().stream(),
                Seeds.first(RANDOM_CASES).mapToObj(seed -> Named.of("seed " + seed, random(seed))));
    }

    /**
     * A scenario drawn uniformly from these ranges: 2–14 people (email pool 0–20, customer and card pools 0–25,
     * eligibility roll 0–9, 0–150 paying referrals), 1–14 parent picks of 0–100, the default plan or a random one,
     * 1–5 invoices, any shuffle seed, and the default depth (7 for every tier) or a random depth 0–7 per tier.
     */
    public static LedgerScenario random(long seed) {
        Random random = new Random(seed);
        List<Person> people = listOf(random, 2, 14, () -> new Person(random.nextInt(0, 21), random.nextInt(0, 26),
                random.nextInt(0, 26), random.nextInt(0, 10), random.nextLong(0, 151)));
        List<Integer> parentPicks = listOf(random, 1, 14, () -> random.nextInt(0, 101));
        CommissionPlan plan = randomPlan(random);
        List<InvoiceSpec> invoices = listOf(random, 1, 5, () -> randomInvoice(random));
        long shuffleSeed = random.nextLong();
        // Half the scenarios run the default rule (every tier earns all 7 levels), half a random depth per tier.
        List<Integer> depthByTier = random.nextBoolean() ? List.of(7, 7, 7, 7)
                : listOf(random, 4, 4, () -> random.nextInt(0, 8));
        return new LedgerScenario(people, parentPicks, plan, invoices, shuffleSeed, depthByTier);
    }

    /** Half the default plan; half version 1–50 with 7 rates of 0–2,500 bp, redrawn until they sum to ≤ 10,000. */
    private static CommissionPlan randomPlan(Random random) {
        if (random.nextBoolean()) {
            return CommissionPlan.defaultPlan(1);
        }
        int version = random.nextInt(1, 51);
        while (true) {
            List<Integer> rates = listOf(random, 7, 7, () -> random.nextInt(0, 2_501));
            if (rates.stream().mapToInt(Integer::intValue).sum() <= CommissionPlan.FULL_AMOUNT_BASIS_POINTS) {
                return new CommissionPlan(version, rates);
            }
        }
    }

    /** Payer pick 0–100, net 0–$20,000, tax 0–$400, USD 9 times in 10, 0–4 refund steps of 1–10,000 bp, day 0–60. */
    private static InvoiceSpec randomInvoice(Random random) {
        int payerPick = random.nextInt(0, 101);
        long net = random.nextLong(0, 2_000_001);
        long tax = random.nextLong(0, 40_001);
        boolean usd = random.nextInt(10) != 0;
        List<Integer> refundSteps = listOf(random, 0, 4, () -> random.nextInt(1, 10_001));
        DisputeOutcome dispute = DisputeOutcome.values()[random.nextInt(DisputeOutcome.values().length)];
        int paidDay = random.nextInt(0, 61);
        return new InvoiceSpec(payerPick, net, tax, usd, refundSteps, dispute, paidDay);
    }

    private static <T> List<T> listOf(Random random, int minSize, int maxSize, Supplier<T> element) {
        int size = random.nextInt(minSize, maxSize + 1);
        List<T> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(element.get());
        }
        return list;
    }

    /** The ends of every range above, which uniform draws rarely hit together. */
    static List<Named<LedgerScenario>> edgeCases() {
        Person lowest = new Person(0, 0, 0, 0, 0); // ineligible, no paying referrals
        Person highest = new Person(20, 25, 25, 9, 150); // eligible, top tier
        // Fourteen eligible people with no shared email, customer or card, in turn in each tier (0, 5, 20, 150 paying).
        List<Long> payingByTier = List.of(0L, 5L, 20L, 150L);
        List<Person> distinctEligible = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            distinctEligible.add(new Person(i, i, i, 9, payingByTier.get(i % 4)));
        }
        CommissionPlan noRates = new CommissionPlan(1, List.of(0, 0, 0, 0, 0, 0, 0));
        CommissionPlan highestRates = new CommissionPlan(50, List.of(2_500, 2_500, 2_500, 2_500, 0, 0, 0));
        return List.of(
                Named.of("edge case: every value at its minimum", new LedgerScenario(List.of(lowest, lowest),
                        List.of(0), noRates, List.of(new InvoiceSpec(0, 0, 0, true, List.of(), DisputeOutcome.NONE, 0)),
                        0, List.of(0, 0, 0, 0))),
                Named.of("edge case: every value at its maximum", new LedgerScenario(nCopies(14, highest),
                        nCopies(14, 100), highestRates, nCopies(5, new InvoiceSpec(100, 2_000_000, 40_000, true,
                                nCopies(4, 10_000), DisputeOutcome.LOST, 60)), Long.MAX_VALUE, List.of(7, 7, 7, 7))),
                // parent pick 0 makes each person the previous one's child: a 13-deep chain of distinct people.
                Named.of("edge case: a chain deeper than 7 levels, default plan, full and smallest refunds",
                        new LedgerScenario(distinctEligible, List.of(0), CommissionPlan.defaultPlan(1), List.of(
                                new InvoiceSpec(13, 2_000_000, 40_000, true, List.of(10_000), DisputeOutcome.WON, 0),
                                new InvoiceSpec(13, 1, 0, true, List.of(1, 1, 1, 1), DisputeOutcome.STILL_OPEN, 60),
                                new InvoiceSpec(13, 2_000_000, 0, false, List.of(1), DisputeOutcome.NONE, 1)),
                                Long.MIN_VALUE, List.of(7, 7, 7, 7))),
                Named.of("edge case: a deep chain, rates summing to 100 %, shallowest and deepest tiers",
                        new LedgerScenario(distinctEligible, List.of(0, 49, 100), highestRates, List.of(
                                new InvoiceSpec(13, 1, 1, true, List.of(), DisputeOutcome.LOST, 59),
                                new InvoiceSpec(12, 1_999_999, 39_999, true, List.of(9_999, 1), DisputeOutcome.WON, 1),
                                new InvoiceSpec(0, 2_000_000, 40_000, true, List.of(10_000), DisputeOutcome.NONE, 0),
                                new InvoiceSpec(7, 0, 40_000, true, List.of(10_000, 10_000),
                                        DisputeOutcome.STILL_OPEN, 30)),
                                -1, List.of(0, 7, 0, 7))));
    }
}
