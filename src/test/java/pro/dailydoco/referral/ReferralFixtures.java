package pro.dailydoco.referral;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import pro.dailydoco.core.Money;
import pro.dailydoco.referral.guards.PersonIdentity;
import pro.dailydoco.referral.ledger.Ancestor;
import pro.dailydoco.referral.ledger.CommissionCalculator;
import pro.dailydoco.referral.ledger.CommissionResult;
import pro.dailydoco.referral.ledger.CommissionableInvoice;
import pro.dailydoco.referral.ledger.Entitlement;

/** Small builders for commission tests: people, chains of eligible ancestors, invoices. */
public final class ReferralFixtures {

    public static final Instant PAID_AT = Instant.parse("2025-03-01T10:00:00Z");

    /** The configured default tiers: Bronze from 0, Silver from 50, Gold from 200, Platinum from 1000 points. */
    public static final CommissionTiers DEFAULT_TIERS = new CommissionTiers(List.of("Bronze", "Silver", "Gold", "Platinum"),
            List.of(0L, 50L, 200L, 1000L), 10, 1);

    private ReferralFixtures() {
    }

    public static PersonIdentity person(String name) {
        return PersonIdentity.of(UUID.nameUUIDFromBytes(name.getBytes()), name + "@example.com");
    }

    /** {@code length} distinct eligible ancestors, level 1 first. */
    public static List<Ancestor> eligibleChain(int length) {
        List<Ancestor> chain = new ArrayList<>();
        for (int level = 1; level <= length; level++) {
            chain.add(Ancestor.eligible(person("ancestor-" + level)));
        }
        return chain;
    }

    public static CommissionableInvoice usdInvoice(String invoiceId, PersonIdentity payer, long netCents) {
        return new CommissionableInvoice(invoiceId, payer, Money.usd(netCents), PAID_AT);
    }

    public static CommissionResult defaultPlanResult(String invoiceId, long netCents, List<Ancestor> chain) {
        return CommissionCalculator.calculate(usdInvoice(invoiceId, person("payer"), netCents), chain,
                CommissionPlan.defaultPlan(1));
    }

    public static long[] amountsByLevel(List<Entitlement> entitlements) {
        return entitlements.stream().mapToLong(e -> e.amount().minor()).toArray();
    }
}
