package pro.dailydoco.operator;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import pro.dailydoco.referral.ActingAs;
import pro.dailydoco.tenant.ScopedWork;

/**
 * The operator's reconciliation of a month (UTC) from the ledger tables. Every ledger table is scoped by user, so the
 * report reads as each of the month's payers (invoice headers and the levels entitled) and as each earner (amount
 * rows), switching {@code app.user_id} inside one transaction, never through a role that bypasses the policies
 * (docs/decisions/0004-scope-per-unit-of-work.md); which payers paid that month comes from a platform index of
 * ids (V22).
 * <p>
 * Per invoice, in cents: {@code potential = floor(net × Σrate / 10000)} must equal earned + forfeited + rounding
 * remainder, where forfeited is the share of each level nobody was entitled to and the remainder (0..6 cents, one
 * per level at most) is what rounding each level down leaves; every entitled level must have earned exactly
 * {@code floor(net × rate / 10000)}; clawbacks never exceed earnings.
 */
@ApplicationScoped
public class PeriodReconciliation {

    /** One invoice's line of the report; amounts in cents of {@code currency}. */
    public record Line(String invoiceId, String currency, long net, int totalBasisPoints, long potential, long earned,
            long forfeited, long roundingRemainder, long clawedBack, long standing, String flag, boolean balanced) {

        /** Σ rate × net exactly, in cents with four decimals (what rounding then splits). */
        public String exactShare() {
            return java.math.BigDecimal.valueOf(net * (long) totalBasisPoints, 4).stripTrailingZeros().toPlainString();
        }
    }

    public record Report(YearMonth month, List<Line> lines, long net, long potential, long earned, long forfeited,
            long roundingRemainder, long clawedBack, long standing) {

        public boolean balanced() {
            return lines.stream().allMatch(Line::balanced) && potential == earned + forfeited + roundingRemainder;
        }
    }

    private record Share(int level, UUID earner, int rateBp) {
    }

    private final ScopedWork scopedWork;
    private final ActingAs actingAs;
    private final EntityManager entityManager;

    PeriodReconciliation(ScopedWork scopedWork, EntityManager entityManager, ActingAs actingAs) {
        this.scopedWork = scopedWork;
        this.actingAs = actingAs;
        this.entityManager = entityManager;
    }

    public Report of(YearMonth month) {
        Instant from = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        List<Line> lines = scopedWork.call(null, null, () -> {
            Map<Integer, List<Integer>> plans = plans();
            // The month's payers from the platform index (V22), then each one's own headers and each earner's own
            // rows, every read in the scope it belongs to, in one transaction.
            List<UUID> payers = uuids(entityManager.createNativeQuery(
                    "select distinct payer_user_id from commission_invoice_paid where paid_month = ?1 order by 1")
                    .setParameter(1, java.sql.Date.valueOf(month.atDay(1))).getResultList());
            List<Line> found = new ArrayList<>();
            for (UUID payer : payers) {
                for (Object[] h : actingAs.call(payer, () -> headers(payer, from, to))) {
                    String invoiceId = (String) h[0];
                    List<Share> shares = actingAs.call(payer, () -> shares(invoiceId));
                    Map<Integer, long[]> amounts = new HashMap<>();
                    for (Share share : shares) {
                        amounts.put(share.level(), actingAs.call(share.earner(), () -> amounts(invoiceId, share)));
                    }
                    found.add(line(h, h[4] == null ? List.of() : plans.get(((Number) h[4]).intValue()), shares, amounts));
                }
            }
            return found;
        });
        lines = new ArrayList<>(lines);
        lines.sort(java.util.Comparator.comparing(Line::invoiceId));
        return new Report(month, lines, sum(lines, Line::net), sum(lines, Line::potential), sum(lines, Line::earned),
                sum(lines, Line::forfeited), sum(lines, Line::roundingRemainder), sum(lines, Line::clawedBack),
                sum(lines, Line::standing));
    }

    /** The pure arithmetic of one invoice: {@code amounts} holds {earned, other rows} per entitled level. */
    static Line line(Object[] header, List<Integer> rates, List<Share> shares, Map<Integer, long[]> amounts) {
        String invoiceId = (String) header[0];
        String currency = (String) header[1];
        long net = ((Number) header[2]).longValue();
        String flag = (String) header[5];
        int total = flag != null ? 0 : rates.stream().mapToInt(Integer::intValue).sum();
        long potential = net * total / 10_000;
        long earned = 0, adjustments = 0, forfeited = 0;
        boolean levelsExact = true;
        for (int level = 1; level <= rates.size() && flag == null; level++) {
            int rate = rates.get(level - 1);
            int l = level;
            Share share = shares.stream().filter(s -> s.level() == l).findFirst().orElse(null);
            if (share == null) {
                forfeited += net * rate / 10_000;
            } else {
                long[] a = amounts.getOrDefault(level, new long[2]);
                earned += a[0];
                adjustments += a[1];
                levelsExact &= share.rateBp() == rate && a[0] == net * rate / 10_000 && a[0] + a[1] >= 0 && a[1] <= 0;
            }
        }
        long remainder = potential - earned - forfeited;
        boolean balanced = flag == null ? levelsExact && remainder >= 0 && remainder < rates.size()
                : shares.isEmpty() && amounts.isEmpty();
        return new Line(invoiceId, currency, net, total, potential, earned, forfeited, remainder, -adjustments,
                earned + adjustments, flag, balanced);
    }

    private Map<Integer, List<Integer>> plans() {
        Map<Integer, List<Integer>> plans = new HashMap<>();
        for (Object row : entityManager.createNativeQuery("select version, array_to_string(level_rates, ',') from commission_plan").getResultList()) {
            Object[] r = (Object[]) row;
            List<Integer> rates = new ArrayList<>();
            for (String rate : ((String) r[1]).split(",")) {
                rates.add(Integer.parseInt(rate));
            }
            plans.put(((Number) r[0]).intValue(), rates);
        }
        return plans;
    }

    private List<Object[]> headers(UUID payer, Instant from, Instant to) {
        List<Object[]> rows = new ArrayList<>();
        for (Object row : entityManager.createNativeQuery("""
                select invoice_id, currency, net_minor, refunded_minor, plan_version, flag from commission_invoice
                where user_id = ?1 and paid_at >= ?2 and paid_at < ?3
                and net_minor is not null""")
                .setParameter(1, payer).setParameter(2, from).setParameter(3, to).getResultList()) {
            rows.add((Object[]) row);
        }
        return rows;
    }

    private List<Share> shares(String invoiceId) {
        List<Share> shares = new ArrayList<>();
        for (Object row : entityManager.createNativeQuery(
                "select level, earner_user_id, rate_bp from commission_share where invoice_id = ?1 order by level")
                .setParameter(1, invoiceId).getResultList()) {
            Object[] r = (Object[]) row;
            shares.add(new Share(((Number) r[0]).intValue(), (UUID) r[1], ((Number) r[2]).intValue()));
        }
        return shares;
    }

    private long[] amounts(String invoiceId, Share share) {
        Object[] r = (Object[]) entityManager.createNativeQuery("""
                select coalesce(sum(amount_minor) filter (where kind = 'EARNED'), 0),
                       coalesce(sum(amount_minor) filter (where kind <> 'EARNED'), 0)
                from commission_entry where invoice_id = ?1 and user_id = ?2 and level = ?3""")
                .setParameter(1, invoiceId).setParameter(2, share.earner()).setParameter(3, share.level()).getSingleResult();
        return new long[] { ((Number) r[0]).longValue(), ((Number) r[1]).longValue() };
    }

    private static List<UUID> uuids(List<?> rows) {
        return rows.stream().map(UUID.class::cast).toList();
    }

    /** Totals add the commissionable (USD) invoices only; flagged ones are listed but earn nothing. */
    private static long sum(List<Line> lines, java.util.function.ToLongFunction<Line> f) {
        return lines.stream().filter(l -> l.flag() == null).mapToLong(f).sum();
    }
}
