package pro.dailydoco.billing;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import pro.dailydoco.audit.AuditEvent;
import pro.dailydoco.audit.AuditLog;
import pro.dailydoco.billing.events.Plan;
import pro.dailydoco.core.DomainException;

/**
 * What happens when a monthly allowance (API calls, video minutes) is used up: the workspace stops (the default, and
 * always on Free) or goes on and the units past the allowance are billed through Stripe's meters. The features that
 * count usage ask {@link #allows} before refusing and call {@link #bill} in the transaction of the usage, which adds the
 * units to the workspace's open outbox batch (docs/decisions/0200-usage-overage-choice.md,
 * docs/decisions/0201-overage-outbox-to-stripe-meters.md).
 */
@ApplicationScoped
public class OverageBilling {

    /**
     * The workspace's choice and whether it can bill overage now.
     *
     * @param billOverage the choice stored (false: stop)
     * @param unavailable why overage can't be billed now (null when it can)
     */
    public record Choice(boolean billOverage, String unavailable) {

        public boolean available() {
            return unavailable == null;
        }

        /** Overage is billed now: chosen and possible. */
        public boolean inForce() {
            return billOverage && available();
        }
    }

    static final String NOT_BILLED_ONLINE = "Usage past the allowance can't be billed online yet, so the workspace stops"
            + " at its limits.";

    private final EntityManager entityManager;
    private final Entitlements entitlements;
    private final UsagePrices prices;
    private final AuditLog auditLog;
    private final Clock clock;

    OverageBilling(EntityManager entityManager, Entitlements entitlements, UsagePrices prices, AuditLog auditLog,
            Clock clock) {
        this.entityManager = entityManager;
        this.entitlements = entitlements;
        this.prices = prices;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /**
     * Whether usage of {@code limit} may go past the plan's allowance for the workspace in scope: it chose to bill
     * overage, its plan (from a live subscription with a Stripe customer) is paid and limits this, and the limit's
     * usage price is configured. Asked only once the allowance is used up, so the common path costs nothing.
     */
    @Transactional
    public boolean allows(UUID tenantId, Limit limit) {
        return customerToBill(tenantId, limit).isPresent();
    }

    /**
     * Records {@code units} past the allowance for billing, in the caller's transaction (the one that counts the
     * usage, so both commit or neither): they join the workspace's open batch for this meter and month, which the
     * sender seals and reports to Stripe. Returns false and records nothing when the workspace does not bill overage
     * for this limit (the caller then refuses, or — for usage already done — lets it pass unbilled).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean bill(UUID tenantId, Limit limit, long units) {
        if (units <= 0) {
            return true;
        }
        Optional<String> customer = customerToBill(tenantId, limit);
        if (customer.isEmpty()) {
            return false;
        }
        UsagePrices.Meter meter = prices.meter(limit).orElseThrow();
        Instant now = clock.instant();
        entityManager.createNativeQuery("""
                insert into usage_meter_batch (id, subject_tenant_id, meter, period, stripe_customer_id, units,
                    opened_at, last_usage_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)
                on conflict (subject_tenant_id, meter, period) where sealed_at is null
                do update set units = usage_meter_batch.units + excluded.units, last_usage_at = excluded.last_usage_at""")
                .setParameter(1, UUID.randomUUID()).setParameter(2, tenantId).setParameter(3, meter.code())
                .setParameter(4, month(now)).setParameter(5, customer.get()).setParameter(6, units)
                .setParameter(7, now).executeUpdate();
        return true;
    }

    /** Units recorded past the allowance this calendar month (UTC), sent or not, per meter code. */
    @Transactional
    public long unitsThisMonth(UUID tenantId, Limit limit) {
        String code = prices.meter(limit).map(UsagePrices.Meter::code).orElse("");
        List<?> rows = entityManager.createNativeQuery("""
                select coalesce(sum(units), 0) from usage_meter_batch
                where subject_tenant_id = ?1 and meter = ?2 and period = ?3""")
                .setParameter(1, tenantId).setParameter(2, code).setParameter(3, month(clock.instant())).getResultList();
        return ((Number) rows.get(0)).longValue();
    }

    /** The workspace's choice, and why it can't bill overage now if it can't. */
    @Transactional
    public Choice choice(UUID tenantId) {
        return new Choice(chosen(tenantId), unavailable(tenantId));
    }

    /**
     * Changes the choice (owners and admins; the caller checked the role). Choosing overage where it can't be billed
     * is refused with the reason (409); choosing stop always works. Audited.
     */
    @Transactional
    public Choice choose(UUID tenantId, UUID userId, boolean billOverage) {
        String unavailable = unavailable(tenantId);
        if (billOverage && unavailable != null) {
            throw DomainException.conflict(unavailable);
        }
        boolean before = chosen(tenantId);
        entityManager.createNativeQuery("""
                insert into usage_overage_choice (tenant_id, bill_overage, changed_at, changed_by) values (?1, ?2, ?3, ?4)
                on conflict (tenant_id) do update set bill_overage = excluded.bill_overage,
                    changed_at = excluded.changed_at, changed_by = excluded.changed_by""")
                .setParameter(1, tenantId).setParameter(2, billOverage).setParameter(3, clock.instant())
                .setParameter(4, userId).executeUpdate();
        if (before != billOverage) {
            auditLog.record(tenantId, AuditEvent.user(userId, "billing.overage.changed").subjectTenant(tenantId)
                    .detail("from", before ? "overage" : "stop").detail("to", billOverage ? "overage" : "stop").build());
        }
        return new Choice(billOverage, unavailable);
    }

    private Optional<String> customerToBill(UUID tenantId, Limit limit) {
        if (prices.meter(limit).flatMap(UsagePrices.Meter::priceId).isEmpty() || !chosen(tenantId)) {
            return Optional.empty();
        }
        Entitlements.Reading reading = entitlements.read(tenantId);
        Plan plan = reading.standing().effectivePlan();
        if (unavailable(reading) != null || limit.of(plan) == Plan.UNLIMITED) {
            return Optional.empty();
        }
        return reading.subscription().map(s -> s.stripeCustomerId);
    }

    private boolean chosen(UUID tenantId) {
        List<?> rows = entityManager.createNativeQuery("select bill_overage from usage_overage_choice where tenant_id = ?1")
                .setParameter(1, tenantId).getResultList();
        return !rows.isEmpty() && Boolean.TRUE.equals(rows.get(0));
    }

    private String unavailable(UUID tenantId) {
        return unavailable(entitlements.read(tenantId));
    }

    /** Null when overage can be billed; otherwise the reason, in words for the billing page. */
    private String unavailable(Entitlements.Reading reading) {
        Entitlements.Standing standing = reading.standing();
        if (standing.effectivePlan() == Plan.FREE) {
            return "The Free plan always stops at its limits; choose a paid plan to go on past them.";
        }
        if (!standing.subscriptionDecides()
                || reading.subscription().map(s -> s.stripeCustomerId == null).orElse(true)) {
            return "Usage past the allowance is billed through your subscription; this workspace's plan doesn't come"
                    + " from one, so it stops at its limits.";
        }
        if (prices.checkoutPrices().isEmpty()) {
            return NOT_BILLED_ONLINE;
        }
        return null;
    }

    private static LocalDate month(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC).withDayOfMonth(1);
    }
}
