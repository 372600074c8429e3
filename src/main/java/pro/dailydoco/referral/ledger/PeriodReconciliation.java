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
import pro.dailydoco.referral.tree.ReferralTree;
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
 * <p>
 * And the rule itself, per invoice, level and earner (docs/decisions/0103-reconciliation-checks-every-level.md): what
 * the level's rows add up to must be {@code floor((net − refunded) × rate / 10000)} for the earner entitled to it
 * (refunded clamped to [0, net]), 0 after a lost dispute or when the invoice earns nothing (flagged), and 0 for anyone
 * else — a forfeited level, or an earner the level does not belong to. Every break is named.
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

    public record Report(YearMonth month, List<Line> lines, List<Break> breaks, long net, long potential, long earned,
            long forfeited, long roundingRemainder, long clawedBack, long standing) {

        public boolean balanced() {
            return breaks.isEmpty() && lines.stream().allMatch(Line::balanced)
                    && potential == earned + forfeited + roundingRemainder;
        }
    }

    /**
     * A level of an invoice whose rows for one earner do not add up to what the rule says, in cents: {@code expected}
     * is what the level should stand at for that earner, {@code actual} the sum of their rows.
     */
    public record Break(String invoiceId, int level, UUID earner, long expected, long actual) {
    }

    /**
     * An invoice header as the payer's row holds it; {@code planVersion} is null when none was recorded, {@code lost}
     * says a dispute of it was lost.
     */
    record Header(String invoiceId, String currency, long netMinor, long refundedMinor, Long planVersion, String flag,
            boolean lost) {
    }

    record Share(int level, UUID earner, int rateBp) {
    }

    /** The sum of one earner's rows at one level of an invoice. */
    record Standing(UUID earner, int level, long amount) {
    }

    /** One invoice's line of the report with the breaks of the rule found on it. */
    record Checked(Line line, List<Break> breaks) {
    }

    /** One entitled level's amount rows for an invoice: what it earned, and every other row (claw-backs) summed. */
    record Amounts(long earned, long adjustments) {
    }

    private final ScopedWork scopedWork;
    private final ActingAs actingAs;
    private final EntityManager entityManager;
    private final ReferralTree tree;

    PeriodReconciliation(ScopedWork scopedWork, EntityManager entityManager, ActingAs actingAs, ReferralTree tree) {
        this.scopedWork = scopedWork;
        this.tree = tree;
        this.actingAs = actingAs;
        this.entityManager = entityManager;
    }

    public Report of(YearMonth month) {
        Instant from = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        List<Checked> checked = scopedWork.call(null, null, () -> {
            Map<Integer, List<Integer>> plans = plans();
            // The month's payers from the platform index (V22), then each one's own headers and each earner's own
            // rows, every read in the scope it belongs to, in one transaction.
            List<UUID> payers = uuids(entityManager.createNativeQuery(
                    "select distinct payer_user_id from commission_invoice_paid where paid_month = ?1 order by 1")
                    .setParameter(1, java.sql.Date.valueOf(month.atDay(1))).getResultList());
            List<Checked> found = new ArrayList<>();
            for (UUID payer : payers) {
                // Whoever could hold a row of the payer's invoices: the earners of its shares, and the payer's
                // ancestors (a forfeited level's ancestor must stand at 0 there).
                List<UUID> ancestors = tree.ancestorsOf(payer);
                for (Header h : actingAs.call(payer, () -> headers(payer, from, to))) {
                    String invoiceId = h.invoiceId();
                    List<Share> shares = actingAs.call(payer, () -> shares(invoiceId));
                    Map<Integer, Amounts> amounts = new HashMap<>();
                    for (Share share : shares) {
                        amounts.put(share.level(), actingAs.call(share.earner(), () -> amounts(invoiceId, share)));
                    }
                    java.util.Set<UUID> earners = new java.util.LinkedHashSet<>(ancestors);
                    shares.forEach(share -> earners.add(share.earner()));
                    List<Standing> standings = new ArrayList<>();
                    for (UUID earner : earners) {
                        standings.addAll(actingAs.call(earner, () -> standings(invoiceId, earner)));
                    }
                    List<Integer> rates = h.planVersion() == null ? List.of() : plans.get(h.planVersion().intValue());
                    found.add(check(h, rates, shares, amounts, standings));
                }
            }
            return found;
        });
        List<Line> lines = new ArrayList<>(checked.stream().map(Checked::line).toList());
        lines.sort(java.util.Comparator.comparing(Line::invoiceId));
        List<Break> breaks = new ArrayList<>(checked.stream().flatMap(c -> c.breaks().stream()).toList());
        breaks.sort(java.util.Comparator.comparing(Break::invoiceId).thenComparing(Break::level)
                .thenComparing(Break::earner));
        return new Report(month, lines, breaks, sum(lines, Line::net), sum(lines, Line::potential),
                sum(lines, Line::earned), sum(lines, Line::forfeited), sum(lines, Line::roundingRemainder),
                sum(lines, Line::clawedBack), sum(lines, Line::standing));
    }

    /**
     * One invoice: its line of the report, and every level whose rows for an earner break the rule. A line with a
     * break does not balance.
     */
    static Checked check(Header header, List<Integer> rates, List<Share> shares, Map<Integer, Amounts> amounts,
            List<Standing> standings) {
        List<Break> breaks = breaks(header, shares, standings);
        Line line = line(header, rates, shares, amounts);
        if (!breaks.isEmpty() && line.balanced()) {
            line = new Line(line.invoiceId(), line.currency(), line.net(), line.totalBasisPoints(), line.potential(),
                    line.earned(), line.forfeited(), line.roundingRemainder(), line.clawedBack(), line.standing(),
                    line.flag(), false);
        }
        return new Checked(line, breaks);
    }

    /**
     * What each level stands at against the rule: the earner of a level's share at {@code floor((net − refunded) ×
     * rate / 10000)} (0 once a dispute was lost or the invoice is flagged), everyone else at 0.
     */
    static List<Break> breaks(Header header, List<Share> shares, List<Standing> standings) {
        Map<String, Long> actual = new java.util.LinkedHashMap<>();
        Map<String, Standing> where = new HashMap<>();
        for (Share share : shares) {
            String key = share.level() + ":" + share.earner();
            actual.put(key, 0L);
            where.put(key, new Standing(share.earner(), share.level(), 0));
        }
        for (Standing s : standings) {
            String key = s.level() + ":" + s.earner();
            actual.merge(key, s.amount(), Long::sum);
            where.putIfAbsent(key, s);
        }
        long refunded = Math.min(Math.max(header.refundedMinor(), 0), header.netMinor());
        List<Break> breaks = new ArrayList<>();
        for (Map.Entry<String, Long> e : actual.entrySet()) {
            Standing s = where.get(e.getKey());
            Share share = shares.stream().filter(sh -> sh.level() == s.level() && sh.earner().equals(s.earner()))
                    .findFirst().orElse(null);
            long expected = share == null || header.lost() || header.flag() != null ? 0
                    : (header.netMinor() - refunded) * share.rateBp() / 10_000;
            if (e.getValue() != expected) {
                breaks.add(new Break(header.invoiceId(), s.level(), s.earner(), expected, e.getValue()));
            }
        }
        return breaks;
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
        // A flagged invoice earns nothing: it balances when every level stands at 0, which the rule check says.
        boolean balanced = flag == null ? levelsExact && remainder >= 0 && remainder < rates.size()
                : amounts.values().stream().allMatch(a -> a.earned() + a.adjustments() == 0);
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
                select i.invoice_id as invoice_id, i.currency as currency, i.net_minor as net_minor,
                    i.refunded_minor as refunded_minor, i.plan_version as plan_version, i.flag as flag,
                    exists (select 1 from commission_dispute d where d.invoice_id = i.invoice_id and d.outcome = 'LOST')
                        as lost
                from commission_invoice i
                where i.user_id = ?1 and i.paid_at >= ?2 and i.paid_at < ?3
                and i.net_minor is not null""", Tuple.class)
                .setParameter(1, payer).setParameter(2, from).setParameter(3, to)).stream()
                .map(r -> new Header(r.string("invoice_id"), r.string("currency"), r.longValue("net_minor"),
                        r.longValue("refunded_minor"), r.nullableLong("plan_version"), r.string("flag"),
                        r.bool("lost")))
                .toList();
    }

    /** One earner's rows of an invoice, summed per level (read as that earner). */
    private List<Standing> standings(String invoiceId, UUID earner) {
        return Row.list(entityManager.createNativeQuery("""
                select level as level, sum(amount_minor) as amount_minor from commission_entry
                where invoice_id = ?1 and user_id = ?2 group by level""", Tuple.class)
                .setParameter(1, invoiceId).setParameter(2, earner)).stream()
                .map(r -> new Standing(earner, r.intValue("level"), r.longValue("amount_minor")))
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
