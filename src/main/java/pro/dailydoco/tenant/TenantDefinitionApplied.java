package pro.dailydoco.tenant;

import java.util.UUID;

/**
 * A tenant file was applied and changed the tenant it declares (or created it). Fired synchronously inside the
 * transaction that applies the files, so an observer's writes (the platform audit entry) commit with it.
 */
public record TenantDefinitionApplied(UUID tenantId, boolean created) {
}
