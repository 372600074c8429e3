package pro.dailydoco.core;

import java.util.Optional;
import java.util.UUID;

/**
 * Which tenant the running unit of work acts for, for cross-cutting features (the audit trail) that must know it
 * without depending on the tenant feature, which implements it. Empty when no tenant is in context (start-up,
 * platform work, a bare thread).
 */
public interface ScopeOfWork {

    Optional<UUID> tenantId();
}
