package pro.dailydoco.billing;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import pro.dailydoco.billing.events.ChargeRefunded;
import pro.dailydoco.billing.events.DisputeClosed;
import pro.dailydoco.billing.events.DisputeOpened;
import pro.dailydoco.billing.events.InvoicePaid;

/** Observes billing's revenue events the way a consumer (referrals) would, and remembers them for assertions. */
@ApplicationScoped
public class RevenueEventsRecorder {

    /** An observed event and whether it arrived inside a transaction (it must: consumers write in it). */
    public record Observed(Object event, boolean inTransaction) {
    }

    private final List<Observed> observed = new CopyOnWriteArrayList<>();

    void invoicePaid(@Observes InvoicePaid event) {
        observed.add(new Observed(event, QuarkusTransaction.isActive()));
    }

    void refunded(@Observes ChargeRefunded event) {
        observed.add(new Observed(event, QuarkusTransaction.isActive()));
    }

    void disputeOpened(@Observes DisputeOpened event) {
        observed.add(new Observed(event, QuarkusTransaction.isActive()));
    }

    void disputeClosed(@Observes DisputeClosed event) {
        observed.add(new Observed(event, QuarkusTransaction.isActive()));
    }

    public <T> List<T> of(Class<T> type, UUID tenantId) {
        return observed.stream().map(Observed::event).filter(type::isInstance).map(type::cast)
                .filter(e -> tenantId.equals(tenantOf(e))).toList();
    }

    public boolean allInTransaction() {
        return observed.stream().allMatch(Observed::inTransaction);
    }

    private static UUID tenantOf(Object event) {
        if (event instanceof InvoicePaid e) {
            return e.tenantId();
        }
        if (event instanceof ChargeRefunded e) {
            return e.tenantId();
        }
        if (event instanceof DisputeOpened e) {
            return e.tenantId();
        }
        return ((DisputeClosed) event).tenantId();
    }
}
