package pro.dailydoco.referral.ledger;

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
import jakarta.persistence.Tuple;
import pro.dailydoco.core.database.Row;
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

    /** An invoice header as the payer's row holds it; {@code planVersion} is null when none was recorded. */
    record Header(String invoiceId, String currency, long netMinor, long refundedMinor, Long planVersion, String flag) {
    }

    private record Share(int level, UUID earner, int rateBp) {
    }

    /** One entitled level's amount rows for an invoice: what it earned, and every other row (claw-backs) summed. */
    record Amounts(long earned, long adjustments) {
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
                for (Header h : actingAs.call(payer, () -> headers(payer, from, to))) {
                    String invoiceId = h.invoiceId();
                    List<Share> shares = actingAs.call(payer, () -> shares(invoiceId));
                    Map<Integer, Amounts> amounts = new HashMap<>();
                    for (Share share : shares) {
                        amounts.put(share.level(), actingAs.call(share.earner(), () -> amounts(invoiceId, share)));
                    }
                    List<Integer> rates = h.planVersion() == null ? List.of() : plans.get(h.planVersion().intValue());
                    found.add(line(h, rates, shares, amounts));
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

    /** The pure arithmetic of one invoice: {@code amounts} holds the amount rows of each entitled level. */
    static Line line(Header header, List<Integer> rates, List<Share> shares, Map<Integer, Amounts> amounts) {
        String invoiceId = header.invoiceId();
        String currency = header.currency();
        long net = header.netMinor();
        String flag = header.flag();
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
                Amounts a = amounts.getOrDefault(level, new Amounts(0, 0));
                earned += a.earned();
                adjustments += a.adjustments();
                levelsExact &= share.rateBp() == rate && a.earned() == net * rate / 10_000
                        && a.earned() + a.adjustments() >= 0 && a.adjustments() <= 0;
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
        for (Row r : Row.list(entityManager.createNativeQuery(
                "select version as version, array_to_string(level_rates, ',') as level_rates from commission_plan",
                Tuple.class))) {
            List<Integer> rates = new ArrayList<>();
            for (String rate : r.string("level_rates").split(",")) {
                rates.add(Integer.parseInt(rate));
            }
            plans.put(r.intValue("version"), rates);
        }
        return plans;
    }

    private List<Header> headers(UUID payer, Instant from, Instant to) {
        return Row.list(entityManager.createNativeQuery("""
                select invoice_id as invoice_id, currency as currency, net_minor as net_minor,
                    refunded_minor as refunded_minor, plan_version as plan_version, flag as flag from commission_invoice
                where user_id = ?1 and paid_at >= ?2 and paid_at < ?3
                and net_minor is not null""", Tuple.class)
                .setParameter(1, payer).setParameter(2, from).setParameter(3, to)).stream()
                .map(r -> new Header(r.string("invoice_id"), r.string("currency"), r.longValue("net_minor"),
                        r.longValue("refunded_minor"), r.nullableLong("plan_version"), r.string("flag")))
                .toList();
    }

    private List<Share> shares(String invoiceId) {
        List<Share> shares = new ArrayList<>();
        for (Row r : Row.list(entityManager.createNativeQuery("""
                select level as level, earner_user_id as earner_user_id, rate_bp as rate_bp from commission_share
                where invoice_id = ?1 order by level""", Tuple.class)
                .setParameter(1, invoiceId))) {
            shares.add(new Share(r.intValue("level"), r.uuid("earner_user_id"), r.intValue("rate_bp")));
        }
        return shares;
    }

    private Amounts amounts(String invoiceId, Share share) {
        Row r = Row.single(entityManager.createNativeQuery("""
                select coalesce(sum(amount_minor) filter (where kind = 'EARNED'), 0) as earned_minor,
                       coalesce(sum(amount_minor) filter (where kind <> 'EARNED'), 0) as adjustments_minor
                from commission_entry where invoice_id = ?1 and user_id = ?2 and level = ?3""", Tuple.class)
                .setParameter(1, invoiceId).setParameter(2, share.earner()).setParameter(3, share.level()));
        return new Amounts(r.longValue("earned_minor"), r.longValue("adjustments_minor"));
    }

    private static List<UUID> uuids(List<?> rows) {
        return rows.stream().map(UUID.class::cast).toList();
    }

    /** Totals add the commissionable (USD) invoices only; flagged ones are listed but earn nothing. */
    private static long sum(List<Line> lines, java.util.function.ToLongFunction<Line> f) {
        return lines.stream().filter(l -> l.flag() == null).mapToLong(f).sum();
    }
}
