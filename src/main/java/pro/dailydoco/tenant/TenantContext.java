package pro.dailydoco.tenant;

import java.util.Optional;
import java.util.UUID;

import io.quarkus.arc.Arc;
import jakarta.enterprise.context.RequestScoped;

/**
 * Which tenant and which user the current unit of work acts for. It is the single source that feeds both
 * Hibernate's tenant discriminator ({@link HibernateTenantResolver}) and PostgreSQL's row-level security
 * settings ({@link RowLevelSecurity}). Requests fill it from the URL and the session; work without a request
 * sets it explicitly through {@link ScopedWork}.
 */
@RequestScoped
public class TenantContext {

    private UUID tenantId;
    private UUID userId;
    private Tenant tenant;
    private boolean scopeAwaitsLookup;

    public Optional<UUID> tenantId() {
        return Optional.ofNullable(tenantId);
    }

    public Optional<UUID> userId() {
        return Optional.ofNullable(userId);
    }

    /** The tenant entity a request resolved (for branding); empty in work without a request. */
    public Optional<Tenant> tenant() {
        return Optional.ofNullable(tenant);
    }

    public void setTenant(Tenant tenant) {
        this.tenant = tenant;
    }

    public void setTenantId(UUID tenantId) {
        this.tenantId = tenantId;
    }

    public void setUserId(UUID userId) {
        this.userId = userId;
    }

    /**
     * Set while a page's transaction has begun but the request's look-up has not yet run: that look-up writes the
     * row-level security settings itself, in the same statement (docs/decisions/0151-one-transaction-per-page.md),
     * so {@link RowLevelSecurity} does not spend a round trip writing empty ones first.
     */
    public boolean scopeAwaitsLookup() {
        return scopeAwaitsLookup;
    }

    public void setScopeAwaitsLookup(boolean awaits) {
        this.scopeAwaitsLookup = awaits;
    }

    /** The context of the running unit of work, empty when no request context is active (start-up, bare threads). */
    public static Optional<TenantContext> current() {
        if (Arc.container() == null || !Arc.container().requestContext().isActive()) {
            return Optional.empty();
        }
        return Optional.of(Arc.container().instance(TenantContext.class).get());
    }
}
