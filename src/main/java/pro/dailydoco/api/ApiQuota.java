package pro.dailydoco.api;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import pro.dailydoco.billing.Limit;
import pro.dailydoco.billing.OverageBilling;
import pro.dailydoco.billing.events.Plan;
import pro.dailydoco.core.web.Formats;

/**
 * The plan's API calls a month, counted exactly per workspace and calendar month (UTC): one atomic
 * {@code insert … on conflict do update … where calls < limit} per call, so concurrent calls on any number of
 * instances never pass the allowance, and a refused call is not counted
 * (docs/decisions/0185-api-rate-limits-and-quota.md).
 */
@ApplicationScoped
public class ApiQuota {

    private final EntityManager entityManager;
    private final Clock clock;
    private final OverageBilling overage;

    ApiQuota(EntityManager entityManager, Clock clock, OverageBilling overage) {
        this.entityManager = entityManager;
        this.clock = clock;
        this.overage = overage;
    }

    /**
     * Counts one call, or refuses it (429) when the month's allowance is used up — unless the workspace bills
     * overage: then the call is counted past the allowance and billed as one unit, in this same transaction
     * (docs/decisions/0200-usage-overage-choice.md). Joins the caller's transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void count(UUID tenantId, Plan plan) {
        long limit = plan.apiCallsPerMonth();
        List<?> counted = entityManager.createNativeQuery("""
                insert into api_usage_month (tenant_id, month, calls) values (?1, ?2, 1)
                on conflict (tenant_id, month) do update set calls = api_usage_month.calls + 1
                 where ?3 < 0 or api_usage_month.calls < ?3
                returning calls""")
                .setParameter(1, tenantId).setParameter(2, month()).setParameter(3, limit).getResultList();
        if (counted.isEmpty() && overage.bill(tenantId, Limit.API_CALLS_PER_MONTH, 1)) {
            // The failed upsert above locked the month's row, so calls past the allowance are counted one by one too.
            entityManager.createNativeQuery("update api_usage_month set calls = calls + 1 where tenant_id = ?1 and month = ?2")
                    .setParameter(1, tenantId).setParameter(2, month()).executeUpdate();
            return;
        }
        if (counted.isEmpty()) {
            LocalDate next = month().plusMonths(1);
            long seconds = Math.max(1, clock.instant().until(next.atStartOfDay(ZoneOffset.UTC).toInstant(), ChronoUnit.SECONDS));
            throw new ApiProblem(429, "monthly-quota-exceeded", "Monthly API calls used up",
                    "This workspace has used the " + Formats.count(limit) + " API calls a month of the " + plan.displayName()
                            + " plan. Calls work again on " + Formats.date(next) + ", or at once after an upgrade on the"
                            + " Billing page.",
                    Map.of("Retry-After", Long.toString(seconds)));
        }
    }

    /** Calls counted this month for the workspace in context (0 before the first). */
    @Transactional
    public long callsThisMonth(UUID tenantId) {
        List<?> rows = entityManager.createNativeQuery(
                "select calls from api_usage_month where tenant_id = ?1 and month = ?2")
                .setParameter(1, tenantId).setParameter(2, month()).getResultList();
        return rows.isEmpty() ? 0 : ((Number) rows.get(0)).longValue();
    }

    private LocalDate month() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).withDayOfMonth(1);
    }
}
