package pro.dailydoco.scim;

import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.core.UriInfo;
import pro.dailydoco.tenant.Tenant;

/** The workspace a SCIM request was authorised for, and by which token (its prefix goes into the audit entries). */
@RequestScoped
class ScimCaller {

    private Tenant tenant;
    private String tokenPrefix;

    void authorise(Tenant tenant, String tokenPrefix) {
        this.tenant = tenant;
        this.tokenPrefix = tokenPrefix;
    }

    Tenant tenant() {
        if (tenant == null) {
            throw ScimException.unauthorized();
        }
        return tenant;
    }

    UUID tenantId() {
        return tenant().id;
    }

    String tokenPrefix() {
        return tokenPrefix;
    }

    /**
     * This workspace's SCIM base as the client addressed it (scheme, host and port of the request): meta.location must
     * be where that client reaches the resource, and the answer goes only to the authorised client.
     */
    String base(UriInfo uri) {
        String root = uri.getBaseUri().toString();
        return (root.endsWith("/") ? root : root + "/") + "scim/v2/" + tenant().slug;
    }
}
