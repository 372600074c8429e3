package pro.dailydoco.referral;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import pro.dailydoco.core.Money;
import pro.dailydoco.referral.guards.PersonIdentity;
import pro.dailydoco.referral.ledger.Ancestor;
import pro.dailydoco.referral.ledger.CommissionCalculator;
import pro.dailydoco.referral.ledger.CommissionLedgerModel;
import pro.dailydoco.referral.ledger.CommissionResult;
import pro.dailydoco.referral.ledger.CommissionableInvoice;
import pro.dailydoco.referral.payout.PayoutModel;

/**
 * A random referral forest, plan, invoices and their money events, built from plain values so a seeded test can
 * generate it ({@link LedgerScenarios}). Knows how to turn itself into ancestor chains and into a stream of events in
 * the natural order or shuffled with replays.
 */
public record LedgerScenario(List<Person> people, List<Integer> parentPicks, CommissionPlan plan, List<InvoiceSpec> invoices,
                      long shuffleSeed, List<Integer> depthByTier) {

    public static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    public static final Duration HOLD = Duration.ofDays(30);

    /**
     * Small pools for email, customer and card make accidental "same person" matches common; the paying referrals
     * pick the commission tier, whose configured depth limits how deep the person earns.
     */
    public record Person(int email, int customer, int card, int eligibilityRoll, long payingReferrals) {

        PersonIdentity identity(int index) {
            String mail = (email % 2 == 0 ? "User." : "user") + email + (index % 3 == 0 ? "+ref" : "") + "@Gmail.com";
            return new PersonIdentity(new UUID(0, index), mail, Set.of("cus_" + customer), Set.of("fp_" + card));
        }

        Ancestor asAncestor(int index, TierQualification rank) {
            PersonIdentity id = identity(index);
            int depth = rank.depthForPayingReferrals(payingReferrals);
            return switch (eligibilityRoll) {
                case 0 -> new Ancestor(id, false, false, false, false, depth);
                case 1 -> new Ancestor(id, true, true, false, false, depth);
                case 2 -> new Ancestor(id, true, false, true, false, depth);
                case 3 -> new Ancestor(id, true, false, false, true, depth);
                default -> new Ancestor(id, true, false, false, false, depth);
            };
        }
    }

    public enum DisputeOutcome { NONE, STILL_OPEN, WON, LOST }

    /** @param refundSteps each step refunds this many basis points of the amount paid (tax included) more */
    public record InvoiceSpec(int payerPick, long netCents, long taxCents, boolean usd, List<Integer> refundSteps,
                       DisputeOutcome dispute, int paidDay) {
    }

    public sealed interface Event permits Paid, Refund, DisputeOpened, DisputeClosed, Approve, PayoutBatch {
    }

    public record Paid(CommissionResult result) implements Event {
    }

    public record Refund(String invoiceId, Money cumulative, Instant at) implements Event {
    }

    public record DisputeOpened(String invoiceId, Instant at) implements Event {
    }

    public record DisputeClosed(String invoiceId, boolean lost, Instant at) implements Event {
    }

    public record Approve(Instant now) implements Event {
    }

    public record PayoutBatch(String batchId, Instant at) implements Event {
    }

    /** The rank rule under test: the default tiers with this scenario's depth per tier. */
    public TierQualification rank() {
        return new TierQualification(ReferralFixtures.DEFAULT_TIERS, depthByTier);
    }

    public String invoiceId(int i) {
        return "in_" + i;
    }

    public PersonIdentity payerOf(int invoice) {
        int payer = Math.floorMod(invoices.get(invoice).payerPick(), people.size());
        return people.get(payer).identity(payer);
    }

    /**
     * Parent of user i is an earlier user (so the forest has no cycle) or nobody; picks under 50 make the previous
     * user the parent, so chains longer than 7 levels are common.
     */
    private int parentOf(int i) {
        int raw = parentPicks.get(i % parentPicks.size());
        if (raw < 50) {
            return i - 1;
        }
        int pick = Math.floorMod(raw, i + 1);
        return pick == i ? -1 : pick;
    }

    /** The payer's ancestors nearest first, deliberately longer than 7 where the tree allows. */
    public List<Ancestor> chainOf(int invoice) {
        List<Ancestor> chain = new ArrayList<>();
        int user = parentOf(Math.floorMod(invoices.get(invoice).payerPick(), people.size()));
        while (user >= 0 && chain.size() < CommissionPlan.LEVELS + 3) {
            chain.add(people.get(user).asAncestor(user, rank()));
            user = parentOf(user);
        }
        return chain;
    }

    CommissionResult resultOf(int i) {
        InvoiceSpec spec = invoices.get(i);
        Money net = new Money(spec.netCents(), spec.usd() ? Money.USD : "EUR");
        CommissionableInvoice invoice = new CommissionableInvoice(invoiceId(i), payerOf(i), net,
                START.plus(Duration.ofDays(spec.paidDay())));
        return CommissionCalculator.calculate(invoice, chainOf(i), plan);
    }

    /** Stripe's cumulative amount_refunded after each step; may pass the net amount, since it includes tax. */
    List<Long> cumulativeRefunds(int i) {
        InvoiceSpec spec = invoices.get(i);
        long paid = spec.netCents() + spec.taxCents();
        List<Long> cumulative = new ArrayList<>();
        long sum = 0;
        for (int step : spec.refundSteps()) {
            sum = Math.min(paid, sum + Math.max(1, paid * step / 10_000));
            cumulative.add(sum);
        }
        return cumulative;
    }

    public long finalRefunded(int i) {
        List<Long> cumulative = cumulativeRefunds(i);
        return cumulative.isEmpty() ? 0 : cumulative.get(cumulative.size() - 1);
    }

    /** Money events in the order they happened. */
    public List<Event> moneyEventsInOrder() {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < invoices.size(); i++) {
            InvoiceSpec spec = invoices.get(i);
            CommissionResult result = resultOf(i);
            Instant at = result.invoice().paidAt();
            events.add(new Paid(result));
            String currency = result.invoice().currency();
            for (long cumulative : cumulativeRefunds(i)) {
                events.add(new Refund(invoiceId(i), new Money(cumulative, currency), at));
            }
            if (spec.dispute() != DisputeOutcome.NONE) {
                events.add(new DisputeOpened(invoiceId(i), at));
            }
            if (spec.dispute() == DisputeOutcome.WON || spec.dispute() == DisputeOutcome.LOST) {
                events.add(new DisputeClosed(invoiceId(i), spec.dispute() == DisputeOutcome.LOST, at));
            }
        }
        return events;
    }

    /** The same events shuffled, with about a third of them delivered twice (webhook retries). */
    public List<Event> shuffledWithReplays(List<Event> events) {
        Random random = new Random(shuffleSeed);
        List<Event> delivered = new ArrayList<>(events);
        for (Event e : events) {
            if (random.nextInt(3) == 0) {
                delivered.add(e);
            }
        }
        Collections.shuffle(delivered, random);
        return delivered;
    }

    /** Approval runs and payout batches sprinkled between the money events. */
    public List<Event> withJobs(List<Event> events) {
        Random random = new Random(shuffleSeed ^ 0x5DEECE66DL);
        List<Event> withJobs = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            withJobs.add(events.get(i));
            Instant now = START.plus(Duration.ofDays(random.nextInt(90)));
            switch (random.nextInt(4)) {
                case 0 -> withJobs.add(new Approve(now));
                case 1 -> withJobs.add(new PayoutBatch("batch-" + i, now));
                default -> { }
            }
        }
        return withJobs;
    }

    /** Java 17 has no pattern switch, hence the instanceof chain. */
    public static void apply(Event event, CommissionLedgerModel ledger, PayoutModel payouts, Money threshold) {
        if (event instanceof Paid p) {
            ledger.applyInvoicePaid(p.result());
        } else if (event instanceof Refund r) {
            ledger.applyRefund(r.invoiceId(), r.cumulative(), r.at());
        } else if (event instanceof DisputeOpened d) {
            ledger.applyDisputeOpened(d.invoiceId(), "dp_" + d.invoiceId(), d.at());
        } else if (event instanceof DisputeClosed d) {
            ledger.applyDisputeClosed(d.invoiceId(), "dp_" + d.invoiceId(), d.lost(), d.at());
        } else if (event instanceof Approve a) {
            ledger.approveDue(a.now(), HOLD);
        } else if (event instanceof PayoutBatch b) {
            payouts.runBatch(b.batchId(), threshold, b.at());
        }
    }
}
