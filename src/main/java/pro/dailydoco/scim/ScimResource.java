package pro.dailydoco.scim;

import java.io.InputStream;
import java.net.URI;
import java.util.UUID;

import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import pro.dailydoco.account.web.Access;

/**
 * SCIM 2.0 Users and Groups of one workspace (RFC 7644), for the workspace's directory (Okta, Entra ID, …).
 * {@link ScimAuthentication} has authorised the bearer token for {slug} before any method runs; bodies are read and
 * checked by {@link ScimJson}; every answer is application/scim+json. CSRF does not apply: no browser cookie
 * authorises anything here (docs/decisions/0140-scim-tokens.md).
 */
@Path("/scim/v2/{slug}")
@Access.SignedBySender
public class ScimResource {

    private final ScimUserService users;
    private final ScimGroupService groups;
    private final ScimCaller caller;

    ScimResource(ScimUserService users, ScimGroupService groups, ScimCaller caller) {
        this.users = users;
        this.groups = groups;
        this.caller = caller;
    }

    @POST
    @Path("Users")
    public Response createUser(@RestPath String slug, InputStream body, @Context UriInfo uri) {
        return created(users.create(caller, ScimJson.read(body), base(uri)));
    }

    @GET
    @Path("Users")
    public Response listUsers(@RestPath String slug, @RestQuery String filter, @RestQuery String startIndex,
            @RestQuery String count, @RestQuery String attributes, @RestQuery String excludedAttributes, @Context UriInfo uri) {
        return ok(users.list(filter, ScimPage.of(startIndex, count), base(uri), attributes, excludedAttributes), null);
    }

    @GET
    @Path("Users/{id}")
    public Response getUser(@RestPath String slug, @RestPath String id, @RestQuery String attributes,
            @RestQuery String excludedAttributes, @Context UriInfo uri) {
        ScimUserService.Answer answer = users.get(id(id, "user"), base(uri));
        return ok(ScimRepresentation.project(answer.resource(), attributes, excludedAttributes), answer.etag());
    }

    @PUT
    @Path("Users/{id}")
    public Response replaceUser(@RestPath String slug, @RestPath String id, @RestHeader("If-Match") String ifMatch,
            InputStream body, @Context UriInfo uri) {
        return ok(users.replace(caller, id(id, "user"), ScimJson.read(body), ifMatch, base(uri)));
    }

    @PATCH
    @Path("Users/{id}")
    public Response patchUser(@RestPath String slug, @RestPath String id, @RestHeader("If-Match") String ifMatch,
            InputStream body, @Context UriInfo uri) {
        return ok(users.patch(caller, id(id, "user"), ScimJson.read(body), ifMatch, base(uri)));
    }

    @DELETE
    @Path("Users/{id}")
    public Response deleteUser(@RestPath String slug, @RestPath String id, @RestHeader("If-Match") String ifMatch) {
        users.delete(caller, id(id, "user"), ifMatch);
        return Response.noContent().build();
    }

    @POST
    @Path("Groups")
    public Response createGroup(@RestPath String slug, InputStream body, @Context UriInfo uri) {
        return created(groups.create(caller, ScimJson.read(body), base(uri)));
    }

    @GET
    @Path("Groups")
    public Response listGroups(@RestPath String slug, @RestQuery String filter, @RestQuery String startIndex,
            @RestQuery String count, @RestQuery String attributes, @RestQuery String excludedAttributes, @Context UriInfo uri) {
        return ok(groups.list(filter, ScimPage.of(startIndex, count), base(uri), attributes, excludedAttributes), null);
    }

    @GET
    @Path("Groups/{id}")
    public Response getGroup(@RestPath String slug, @RestPath String id, @RestQuery String attributes,
            @RestQuery String excludedAttributes, @Context UriInfo uri) {
        ScimUserService.Answer answer = groups.get(id(id, "group"), base(uri));
        return ok(ScimRepresentation.project(answer.resource(), attributes, excludedAttributes), answer.etag());
    }

    @PUT
    @Path("Groups/{id}")
    public Response replaceGroup(@RestPath String slug, @RestPath String id, @RestHeader("If-Match") String ifMatch,
            InputStream body, @Context UriInfo uri) {
        return ok(groups.replace(caller, id(id, "group"), ScimJson.read(body), ifMatch, base(uri)));
    }

    @PATCH
    @Path("Groups/{id}")
    public Response patchGroup(@RestPath String slug, @RestPath String id, @RestHeader("If-Match") String ifMatch,
            InputStream body, @Context UriInfo uri) {
        return ok(groups.patch(caller, id(id, "group"), ScimJson.read(body), ifMatch, base(uri)));
    }

    @DELETE
    @Path("Groups/{id}")
    public Response deleteGroup(@RestPath String slug, @RestPath String id, @RestHeader("If-Match") String ifMatch) {
        groups.delete(caller, id(id, "group"), ifMatch);
        return Response.noContent().build();
    }

    private String base(UriInfo uri) {
        return caller.base(uri);
    }

    private static UUID id(String id, String what) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ScimException.notFound("There is no " + what + " with this id in this workspace.");
        }
    }

    private static Response created(ScimUserService.Answer answer) {
        return Response.status(201).type(ScimErrors.SCIM_JSON).header(HttpHeaders.ETAG, answer.etag())
                .location(URI.create(answer.location())).entity(answer.resource().toString()).build();
    }

    private static Response ok(ScimUserService.Answer answer) {
        return ok(answer.resource(), answer.etag());
    }

    static Response ok(ObjectNode body, String etag) {
        Response.ResponseBuilder response = Response.ok(body.toString(), ScimErrors.SCIM_JSON);
        if (etag != null) {
            response.header(HttpHeaders.ETAG, etag);
        }
        return response.build();
    }
}
