package pro.dailydoco.scim;

import java.util.List;

import org.jboss.resteasy.reactive.RestPath;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import pro.dailydoco.account.web.Access;

/** The discovery endpoints of RFC 7644 §4, behind the same token as the resources (they say which workspace exists). */
@Path("/scim/v2/{slug}")
@Access.SignedBySender
public class ScimDiscoveryResource {

    private final ScimCaller caller;

    ScimDiscoveryResource(ScimCaller caller) {
        this.caller = caller;
    }

    @GET
    @Path("ServiceProviderConfig")
    public Response serviceProviderConfig(@RestPath String slug, @Context UriInfo uri) {
        return ScimResource.ok(ScimDiscovery.serviceProviderConfig(base(uri)), null);
    }

    @GET
    @Path("ResourceTypes")
    public Response resourceTypes(@RestPath String slug, @Context UriInfo uri) {
        String base = base(uri);
        return ScimResource.ok(ScimRepresentation.list(List.of(ScimDiscovery.resourceType("User", base),
                ScimDiscovery.resourceType("Group", base)), 2, new ScimPage(1, 2)), null);
    }

    @GET
    @Path("ResourceTypes/{name}")
    public Response resourceType(@RestPath String slug, @RestPath String name, @Context UriInfo uri) {
        if (!name.equals("User") && !name.equals("Group")) {
            throw ScimException.notFound("The resource types are User and Group.");
        }
        return ScimResource.ok(ScimDiscovery.resourceType(name, base(uri)), null);
    }

    @GET
    @Path("Schemas")
    public Response schemas(@RestPath String slug, @Context UriInfo uri) {
        String base = base(uri);
        return ScimResource.ok(ScimRepresentation.list(ScimDiscovery.schemaIds().stream().map(id -> ScimDiscovery.schema(id, base)).toList(),
                2, new ScimPage(1, 2)), null);
    }

    @GET
    @Path("Schemas/{id}")
    public Response schema(@RestPath String slug, @RestPath String id, @Context UriInfo uri) {
        if (!ScimDiscovery.schemaIds().contains(id)) {
            throw ScimException.notFound("The schemas are " + String.join(" and ", ScimDiscovery.schemaIds()) + ".");
        }
        return ScimResource.ok(ScimDiscovery.schema(id, base(uri)), null);
    }

    private String base(UriInfo uri) {
        return caller.base(uri);
    }
}
