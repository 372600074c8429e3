package pro.dailydoco.referral.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pro.dailydoco.referral.ReferralPeople.scopedWork;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import pro.dailydoco.core.Money;
import pro.dailydoco.referral.LedgerRows;
import pro.dailydoco.referral.ReferralPeople;
import pro.dailydoco.referral.dashboard.ReferralDashboard;

/** The dashboard roll-ups equal the ledger and the tree they summarise, read as each user. */
@QuarkusTest
class ReferralRollupsTest {

    @Inject
    CommissionLedger ledger;

    @Inject
    CommissionApprovalJob job;

    @Inject
    EntityManager entityManager;

    @Test
    void rollupsEqualTheLedgerAfterRandomPaymentsApprovalsRefundsAndDisputes() {
        List<UUID> chain = ReferralPeople.chain(5, "rollup");
        Random random = new Random(42);
        Map<String, UUID> payers = new HashMap<>();
        Instant start = Instant.parse("2026-01-15T12:00:00Z");
        for (int i = 0; i < 16; i++) {
            int payerIndex = 1 + random.nextInt(4);
            UUID payer = chain.get(payerIndex);
            String invoice = "in_rollup_" + UUID.randomUUID();
            payers.put(invoice, payer);
            long net = 1_000 + random.nextInt(20_000);
            Instant paidAt = start.plus(random.nextInt(90), ChronoUnit.DAYS);
            scopedWork().call(null, null, () -> ledger.recordInvoicePaid(invoice, payer, null, null, Money.usd(net), paidAt));
            // Approval before the next event makes it a refund, dispute or second approval of approved lines.
            boolean approveFirst = random.nextBoolean();
            if (approveFirst) {
                approveLinesOf(invoice, chain, payerIndex);
            }
            switch (random.nextInt(4)) {
                case 0 -> scopedWork().call(null, null, () -> ledger.recordRefund(invoice, payer,
                        Money.usd(random.nextInt((int) net)), paidAt.plus(3, ChronoUnit.DAYS)));
                case 1, 2 -> {
                    boolean lost = random.nextBoolean();
                    scopedWork().run(null, null, () -> ledger.recordDisputeOpened(invoice, payer, "dp_" + invoice,
                            paidAt.plus(40, ChronoUnit.DAYS)));
                    scopedWork().call(null, null, () -> ledger.recordDisputeClosed(invoice, payer, "dp_" + invoice,
                            lost, paidAt.plus(41, ChronoUnit.DAYS)));
                }
                default -> {
                }
            }
            if (!approveFirst || random.nextBoolean()) {
                approveLinesOf(invoice, chain, payerIndex);
            }
        }
        long approved = 0;
        long notApproved = 0;
        for (UUID user : chain) {
            ReferralDashboard.Balances raw = balancesFromRawRows(user);
            approved += raw.approvedMinor();
            notApproved += raw.pendingMinor();
        }
        assertTrue(approved > 0 && notApproved > 0, "the operations left approved and unapproved lines to compare");
        for (UUID user : chain) {
            assertEquals(ledgerNetByMonthAndLevel(user), rollupNetByMonthAndLevel(user), "roll-up of " + user);
            assertEquals(sums(user, """
                    select to_char(date_trunc('month', recorded_at at time zone 'UTC'), 'YYYY-MM') || '/' || level, count(*)
                    from commission_entry where user_id = ?1 group by 1"""), sums(user, """
                    select to_char(month, 'YYYY-MM') || '/' || level, sum(ledger_rows)
                    from referral_rollup_level where user_id = ?1 and ledger_rows <> 0 group by 1"""),
                    "rows counted per month and level for " + user);
            assertEquals(ledgerNetByPayer(user, payers), rollupNetByMember(user), "per-person roll-up of " + user);
            assertEquals(LedgerRows.notApprovedFromRawRows(user), LedgerRows.notApprovedFromRollup(user),
                    "not-approved roll-up of " + user);
            assertEquals(balancesFromRawRows(user), scopedWork().call(null, user, () -> ReferralPeople.bean(ReferralDashboard.class).balances(user)),
                    "balances of " + user);
        }
    }

    /** Approves every line of the invoice that is PENDING (the job skips frozen and approved ones). */
    private void approveLinesOf(String invoice, List<UUID> chain, int payerIndex) {
        for (int level = 1; level <= payerIndex; level++) {
            CommissionLine line = new CommissionLine(invoice, chain.get(payerIndex - level), level);
            scopedWork().call(null, null, () -> job.approve(line, Instant.now()));
        }
    }

    /** The balances as the definition says, from every raw row (what the page avoids reading). */
    private ReferralDashboard.Balances balancesFromRawRows(UUID user) {
        Map<String, Long> byStatus = sums(user, """
                select case when l.status = 'APPROVED' then 'APPROVED' else 'OPEN' end, sum(e.amount_minor)
                from commission_line l join commission_entry e
                  on e.user_id = l.user_id and e.invoice_id = l.invoice_id and e.level = l.level
                where l.user_id = ?1 group by 1""");
        Map<String, Long> clawed = sums(user, """
                select 'x', coalesce(sum(-amount_minor), 0) from commission_entry where user_id = ?1 and amount_minor < 0""");
        return new ReferralDashboard.Balances(byStatus.getOrDefault("OPEN", 0L), byStatus.getOrDefault("APPROVED", 0L), 0,
                clawed.getOrDefault("x", 0L));
    }

    @Test
    void signUpsAndFirstPaymentsCountOncePerLevelOfEachAncestor() {
        List<UUID> chain = ReferralPeople.chain(4, "counts");
        UUID payer = chain.get(3);
        Instant paidAt = Instant.now();
        scopedWork().call(null, null, () -> ledger.recordInvoicePaid("in_c1_" + UUID.randomUUID(), payer, null,
                null, Money.usd(9_900), paidAt));
        scopedWork().call(null, null, () -> ledger.recordInvoicePaid("in_c2_" + UUID.randomUUID(), payer, null,
                null, Money.usd(9_900), paidAt));
        ReferralDashboard dashboard = ReferralPeople.bean(ReferralDashboard.class);
        List<ReferralDashboard.Level> root = scopedWork().call(null, chain.get(0),
                () -> ReferralDashboard.downline(dashboard.levelsByMonth(chain.get(0))));
        assertEquals(List.of(1L, 1L, 1L, 0L), root.subList(0, 4).stream().map(ReferralDashboard.Level::members).toList());
        assertEquals(List.of(0L, 0L, 1L, 0L), root.subList(0, 4).stream().map(ReferralDashboard.Level::paying).toList(),
                "the payer is the root's level-3 member and counts once however many invoices they pay");
        assertEquals(2 * 990L, root.get(2).earnedMinor(), "10 % of $99 twice at level 3");
        ReferralDashboard.Balances balances = scopedWork().call(null, chain.get(2), () -> dashboard.balances(chain.get(2)));
        assertEquals(new ReferralDashboard.Balances(2 * 1980L, 0, 0, 0), balances, "20 % of $99 twice, pending");
    }

    private Map<String, Long> ledgerNetByMonthAndLevel(UUID user) {
        return sums(user, """
                select to_char(date_trunc('month', recorded_at at time zone 'UTC'), 'YYYY-MM') || '/' || level,
                       sum(amount_minor)
                from commission_entry where user_id = ?1 group by 1""");
    }

    /** The earner's rows summed per payer (the test knows whose each invoice is; the earner can't read that). */
    private Map<String, Long> ledgerNetByPayer(UUID user, Map<String, UUID> payers) {
        Map<String, Long> byPayer = new HashMap<>();
        sums(user, "select invoice_id, sum(amount_minor) from commission_entry where user_id = ?1 group by 1")
                .forEach((invoice, sum) -> byPayer.merge(payers.get(invoice).toString(), sum, Long::sum));
        byPayer.values().removeIf(sum -> sum == 0);
        return byPayer;
    }

    private Map<String, Long> rollupNetByMember(UUID user) {
        Map<String, Long> byMember = sums(user, """
                select member_user_id::text, earned_minor - clawed_back_minor from referral_rollup_member
                where user_id = ?1""");
        byMember.values().removeIf(sum -> sum == 0);
        return byMember;
    }

    private Map<String, Long> rollupNetByMonthAndLevel(UUID user) {
        return sums(user, """
                select to_char(month, 'YYYY-MM') || '/' || level, sum(earned_minor - clawed_back_minor)
                from referral_rollup_level where user_id = ?1 and (earned_minor <> 0 or clawed_back_minor <> 0)
                group by 1""");
    }

    private Map<String, Long> sums(UUID user, String sql) {
        return scopedWork().call(null, user, () -> {
            Map<String, Long> sums = new HashMap<>();
            for (Object row : entityManager.createNativeQuery(sql).setParameter(1, user).getResultList()) {
                Object[] r = (Object[]) row;
                sums.put((String) r[0], ((Number) r[1]).longValue());
            }
            return sums;
        });
    }
}
