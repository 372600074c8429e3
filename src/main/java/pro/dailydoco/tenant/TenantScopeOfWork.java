package pro.dailydoco.tenant;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import pro.dailydoco.core.ScopeOfWork;

/** The tenant in context as {@link TenantContext} holds it, for features that may not depend on the tenant feature. */
@ApplicationScoped
public class TenantScopeOfWork implements ScopeOfWork {

    @Override
    public Optional<UUID> tenantId() {
        return TenantContext.current().flatMap(TenantContext::tenantId);
    }
}
