package pro.dailydoco.api;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import pro.dailydoco.billing.Limit;
import pro.dailydoco.billing.Usage;

/** The billing page's meter of API calls this month: the count the quota enforces (billing never imports the API). */
@ApplicationScoped
class ApiCallsUsage implements Usage {

    private final ApiQuota quota;

    ApiCallsUsage(ApiQuota quota) {
        this.quota = quota;
    }

    @Override
    public Limit limit() {
        return Limit.API_CALLS_PER_MONTH;
    }

    @Override
    public long current(UUID tenantId) {
        return quota.callsThisMonth(tenantId);
    }
}
