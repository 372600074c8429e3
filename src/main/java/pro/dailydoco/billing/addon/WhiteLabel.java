package pro.dailydoco.billing.addon;

import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import pro.dailydoco.billing.AddOnGrants;
import pro.dailydoco.billing.events.AddOn;
import pro.dailydoco.tenant.ScopedWork;
import pro.dailydoco.tenant.TenantContext;

/**
 * The layout's question "does this workspace hide DailyDoco's branding?": true on the pages of a workspace whose
 * subscription holds the white-label add-on (its own pages and the pages it shares), false everywhere else. Computed
 * at most once per request.
 */
@Named("whiteLabel")
@RequestScoped
public class WhiteLabel {

    private final TenantContext tenantContext;
    private final AddOnGrants grants;
    private final ScopedWork scopedWork;
    private Boolean active;

    WhiteLabel(TenantContext tenantContext, AddOnGrants grants, ScopedWork scopedWork) {
        this.tenantContext = tenantContext;
        this.grants = grants;
        this.scopedWork = scopedWork;
    }

    public boolean isActive() {
        if (active == null) {
            active = tenantContext.tenant().isPresent() && grants.quantity(AddOn.WHITE_LABEL) > 0;
        }
        return active;
    }

    /**
     * For a page that shows one workspace's content outside its scope (a video opened by its share link): that
     * workspace's white-label decides, read in its scope.
     */
    public void showing(UUID tenantId) {
        active = scopedWork.asTenant(tenantId, () -> grants.quantity(AddOn.WHITE_LABEL) > 0);
    }
}
