package pro.dailydoco.billing.addon;

import java.util.UUID;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import pro.dailydoco.tenant.Tenant;
import pro.dailydoco.tenant.TenantContext;

/**
 * The layout's question "does this workspace hide DailyDoco's branding?": true on the pages of a workspace whose
 * subscription holds the white-label add-on (its own pages and the videos it shares), false everywhere else. Read from
 * the tenant the page loaded already, so it costs no statement (billing keeps the flag from the webhooks).
 */
@Named("whiteLabel")
@RequestScoped
public class WhiteLabel {

    private final TenantContext tenantContext;
    private Boolean shown;

    WhiteLabel(TenantContext tenantContext) {
        this.tenantContext = tenantContext;
    }

    public boolean isActive() {
        if (shown != null) {
            return shown;
        }
        return tenantContext.tenant().map(t -> t.whiteLabel).orElse(false);
    }

    /**
     * For a page that shows one workspace's content outside its scope (a video opened by its share link): that
     * workspace's white-label decides.
     */
    public void showing(UUID tenantId) {
        shown = QuarkusTransaction.requiringNew().call(() -> Tenant.<Tenant> findByIdOptional(tenantId)
                .map(t -> t.whiteLabel).orElse(false));
    }
}
