package pro.dailydoco.site;

import java.util.List;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import pro.dailydoco.billing.events.Plan;
import pro.dailydoco.tenant.TenantContext;

/** The public landing page with the pricing table; on a tenant's own host it leads to that workspace. */
@Path("/")
public class LandingResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(List<Plan> plans);
    }

    private final TenantContext tenantContext;

    LandingResource(TenantContext tenantContext) {
        this.tenantContext = tenantContext;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response index() {
        return tenantContext.tenant()
                // A relative Location: the redirect never repeats the Host header back.
                .map(tenant -> Response.status(Response.Status.SEE_OTHER).header("Location", "/t/" + tenant.slug + "/").build())
                .orElseGet(() -> Response.ok(Templates.index(List.of(Plan.values()))).build());
    }
}
