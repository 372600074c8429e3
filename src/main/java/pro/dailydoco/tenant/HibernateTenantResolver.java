package pro.dailydoco.tenant;

import java.util.UUID;

import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import io.quarkus.hibernate.orm.runtime.tenant.TenantResolver;
import jakarta.enterprise.context.ApplicationScoped;

/** Feeds Hibernate's tenant discriminator from {@link TenantContext}; no tenant matches no tenant-owned row. */
@PersistenceUnitExtension
@ApplicationScoped
public class HibernateTenantResolver implements TenantResolver {

    /** A tenant id no tenant has: queries without a tenant see nothing rather than everything. */
    public static final String NO_TENANT = new UUID(0, 0).toString();

    @Override
    public String getDefaultTenantId() {
        return NO_TENANT;
    }

    @Override
    public String resolveTenantId() {
        return TenantContext.current()
                .flatMap(TenantContext::tenantId)
                .map(UUID::toString)
                .orElse(NO_TENANT);
    }
}
