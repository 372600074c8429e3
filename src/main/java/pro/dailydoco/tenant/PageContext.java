package pro.dailydoco.tenant;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import pro.dailydoco.core.web.Assets;

/** What the base layout needs on every page: the tenant's branding and the shared assets. */
@Named("page")
@RequestScoped
public class PageContext {

    private final TenantContext tenantContext;
    private final Assets assets;

    PageContext(TenantContext tenantContext, Assets assets) {
        this.tenantContext = tenantContext;
        this.assets = assets;
    }

    public Tenant getTenant() {
        return tenantContext.tenant().orElse(null);
    }

    public String getHtmxScript() {
        return assets.htmxScript();
    }

    public String getHlsScript() {
        return assets.hlsScript();
    }

    public String getBrandColor() {
        return tenantContext.tenant().map(t -> t.primaryColor).orElse(Branding.DEFAULT_PRIMARY);
    }

    public String getBrandTextColor() {
        return Branding.readableTextOn(getBrandColor());
    }

    public String getAccentColor() {
        return tenantContext.tenant().map(t -> t.accentColor).orElse(Branding.DEFAULT_ACCENT);
    }
}
