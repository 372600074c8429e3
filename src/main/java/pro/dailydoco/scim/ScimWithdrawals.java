package pro.dailydoco.scim;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import pro.dailydoco.account.DirectoryWithdrawals;

/** A person is withdrawn from a workspace while its directory keeps them with {@code active: false}. */
@ApplicationScoped
class ScimWithdrawals implements DirectoryWithdrawals {

    @Override
    public boolean withdrawn(UUID tenantId, UUID userId) {
        return ScimUser.count("tenantId = ?1 and userId = ?2 and active = false", tenantId.toString(), userId) > 0;
    }
}
