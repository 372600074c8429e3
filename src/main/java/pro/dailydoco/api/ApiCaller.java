package pro.dailydoco.api;

import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import pro.dailydoco.billing.events.Plan;
import pro.dailydoco.tenant.Tenant;

/**
 * Who an API request acts for, read once by {@link ApiGate} from its key and kept for this request only: the key,
 * its workspace, its scopes and the plan in force. Endpoints read the workspace from here; an endpoint reached without
 * a caller (a filter that did not run) refuses with 401 rather than act for nobody.
 */
@RequestScoped
public class ApiCaller {

    /** What the one-statement look-up found for a valid key. */
    public record Identity(UUID keyId, String prefix, Set<ApiScope> scopes, UUID createdByUserId, Tenant tenant, Plan plan) {
    }

    private Identity identity;
    private ApiLimits.Decision limits;
    private ApiIdempotency.Claim claim;

    void authorise(Identity identity) {
        this.identity = identity;
    }

    public Identity identity() {
        if (identity == null) {
            throw ApiProblem.unauthorized();
        }
        return identity;
    }

    public boolean present() {
        return identity != null;
    }

    public UUID tenantId() {
        return identity().tenant().id;
    }

    /** The person audit entries name as the actor: the key's creator, with the key's prefix in the details. */
    public UUID actorUserId() {
        return identity().createdByUserId();
    }

    ApiLimits.Decision limits() {
        return limits;
    }

    void limits(ApiLimits.Decision limits) {
        this.limits = limits;
    }

    ApiIdempotency.Claim claim() {
        return claim;
    }

    void claim(ApiIdempotency.Claim claim) {
        this.claim = claim;
    }
}
