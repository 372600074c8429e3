package pro.dailydoco.analytics;

import java.sql.Date;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import pro.dailydoco.billing.events.InvoicePaid;
import pro.dailydoco.billing.events.RevenueStream;
import pro.dailydoco.core.database.Row;

/**
 * Revenue by stream (plans, usage, each add-on, other): each paid invoice's net, split by billing between streams,
 * is written once per (invoice, stream) in the webhook's transaction — rows are never updated or deleted — and the
 * operator's page sums them per month (docs/decisions/0205-revenue-by-stream.md). Refunds are not taken off here:
 * they stay on the revenue page's own line, as a refund names no line of the invoice.
 */
@ApplicationScoped
public class StreamRevenue {

    private final EntityManager entityManager;
    private final Clock clock;

    StreamRevenue(EntityManager entityManager, Clock clock) {
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /** One month's revenue by stream, in cents; every stream of the catalogue is present (0 when none). */
    public record Month(YearMonth month, Map<RevenueStream, Long> cents) {

        public long total() {
            return cents.values().stream().mapToLong(Long::longValue).sum();
        }

        public long of(RevenueStream stream) {
            return cents.getOrDefault(stream, 0L);
        }
    }

    void invoicePaid(@Observes InvoicePaid paid) {
        if (!paid.supportedCurrency()) {
            return; // flagged by billing; the figures are in USD only
        }
        // The month rule of the revenue roll-up, so the two pages agree on where an invoice falls.
        Instant at = paid.periodStart() == null ? clock.instant() : paid.periodStart();
        paid.netByStream().forEach((stream, money) -> entityManager.createNativeQuery("""
                insert into analytics_invoice_stream (invoice_id, stream, subject_tenant_id, month, net_cents, recorded_at)
                values (?1, ?2, ?3, ?4, ?5, ?6) on conflict (invoice_id, stream) do nothing""")
                .setParameter(1, paid.invoiceId()).setParameter(2, stream.name()).setParameter(3, paid.tenantId())
                .setParameter(4, RevenueRollups.monthOf(at)).setParameter(5, money.minor())
                .setParameter(6, clock.instant()).executeUpdate());
    }

    /** Every month from {@code from} to {@code to}, oldest first. */
    @Transactional
    public List<Month> months(YearMonth from, YearMonth to) {
        Map<YearMonth, Map<RevenueStream, Long>> byMonth = new LinkedHashMap<>();
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            Map<RevenueStream, Long> empty = new EnumMap<>(RevenueStream.class);
            for (RevenueStream stream : RevenueStream.values()) {
                empty.put(stream, 0L);
            }
            byMonth.put(m, empty);
        }
        for (Row row : Row.list(entityManager.createNativeQuery("""
                select month as month, stream as stream, sum(net_cents) as cents from analytics_invoice_stream
                where month between ?1 and ?2 group by month, stream""", Tuple.class)
                .setParameter(1, Date.valueOf(from.atDay(1))).setParameter(2, Date.valueOf(to.atDay(1))))) {
            RevenueStream stream = streamNamed(row.string("stream"));
            byMonth.get(YearMonth.from(row.date("month"))).merge(stream, row.longValue("cents"), Long::sum);
        }
        List<Month> months = new ArrayList<>();
        byMonth.forEach((month, cents) -> months.add(new Month(month, cents)));
        return months;
    }

    /** The shares recorded for one invoice (what the reconciliation test compares with the invoice). */
    @Transactional
    public Map<RevenueStream, Long> ofInvoice(String invoiceId) {
        Map<RevenueStream, Long> shares = new EnumMap<>(RevenueStream.class);
        for (Row row : Row.list(entityManager.createNativeQuery(
                "select stream as stream, net_cents as cents from analytics_invoice_stream where invoice_id = ?1",
                Tuple.class).setParameter(1, invoiceId))) {
            shares.put(streamNamed(row.string("stream")), row.longValue("cents"));
        }
        return shares;
    }

    private static RevenueStream streamNamed(String name) {
        try {
            return RevenueStream.valueOf(name);
        } catch (IllegalArgumentException e) {
            return RevenueStream.OTHER; // a stream a newer version wrote: still counted, never dropped
        }
    }
}
