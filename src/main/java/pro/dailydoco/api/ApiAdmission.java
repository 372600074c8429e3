package pro.dailydoco.api;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Lets one API call in, in one transaction: the Idempotency-Key's claim (or its stored answer) and the monthly count
 * go together, so a call is counted exactly once however often it is retried with its key, and a call refused by the
 * quota leaves no claim behind.
 */
@ApplicationScoped
class ApiAdmission {

    private final ApiIdempotency idempotency;
    private final ApiQuota quota;

    ApiAdmission(ApiIdempotency idempotency, ApiQuota quota) {
        this.idempotency = idempotency;
        this.quota = quota;
    }

    /** @return the stored answer to replay (nothing counted), or empty when the call was counted and may run */
    @Transactional
    Optional<ApiIdempotency.Stored> admit(ApiCaller.Identity caller, String idempotencyKey, String requestHash) {
        if (idempotencyKey != null) {
            Optional<ApiIdempotency.Stored> stored = idempotency.claimOrReplay(caller.tenant().id, caller.keyId(),
                    idempotencyKey, requestHash);
            if (stored.isPresent()) {
                return stored;
            }
        }
        quota.count(caller.tenant().id, caller.plan());
        return Optional.empty();
    }
}
