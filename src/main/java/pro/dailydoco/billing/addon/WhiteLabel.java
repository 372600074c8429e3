package pro.dailydoco.billing.addon;

import java.util.UUID;


import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import jakarta.persistence.EntityManager;
import pro.dailydoco.tenant.TenantContext;

/**
 * The layout's question "does this workspace hide DailyDoco's branding?": true on the pages of a workspace whose
 * subscription holds the white-label add-on (its own pages and the videos it shares), false everywhere else. One
 * indexed read of billing's white-label row (kept from the webhooks), at most once per request and only on pages
 * in a workspace, inside the page's own transaction.
 */
@Named("whiteLabel")
@RequestScoped
public class WhiteLabel {

    private final TenantContext tenantContext;
    private final EntityManager entityManager;
    private Boolean active;

    WhiteLabel(TenantContext tenantContext, EntityManager entityManager) {
        this.tenantContext = tenantContext;
        this.entityManager = entityManager;
    }

    public boolean isActive() {
        if (active == null) {
            // An error page rendered on the I/O thread may not touch the database: it keeps the default branding.
            active = !io.vertx.core.Context.isOnEventLoopThread() && tenantContext.tenantId()
                    .map(id -> QuarkusTransaction.joiningExisting().call(() -> flagOf(id))).orElse(false);
        }
        return active;
    }

    /**
     * For a page that shows one workspace's content outside its scope (a video opened by its share link): that
     * workspace's white-label decides.
     */
    public void showing(UUID tenantId) {
        active = QuarkusTransaction.joiningExisting().call(() -> flagOf(tenantId));
    }

    private boolean flagOf(UUID tenantId) {
        return Boolean.TRUE.equals(entityManager.createNativeQuery(
                "select exists (select 1 from billing_white_label where subject_tenant_id = ?1)")
                .setParameter(1, tenantId).getSingleResult());
    }
}
