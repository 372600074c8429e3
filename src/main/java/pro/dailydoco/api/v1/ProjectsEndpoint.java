package pro.dailydoco.api.v1;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import pro.dailydoco.account.web.Access;
import pro.dailydoco.api.ApiCaller;
import pro.dailydoco.api.ApiScope;
import pro.dailydoco.api.RequiresScope;
import pro.dailydoco.project.Project;
import pro.dailydoco.project.ProjectService;

/**
 * The workspace's projects through the API, with the same rules as the pages (plan limits, audit) through the same
 * service. The key's workspace is the only one reachable: another workspace's project id is a 404, as on the pages.
 */
@Path("/api/v1/projects")
@Produces(MediaType.APPLICATION_JSON)
@Access.SignedBySender
public class ProjectsEndpoint {

    private final ProjectService projects;
    private final ApiCaller caller;

    ProjectsEndpoint(ProjectService projects, ApiCaller caller) {
        this.projects = projects;
        this.caller = caller;
    }

    @GET
    @RequiresScope(ApiScope.READ)
    public ApiBodies.Page<ApiBodies.ProjectBody> list(@RestQuery String cursor, @RestQuery String limit) {
        Cursor after = Cursor.decode(cursor);
        int size = Cursor.limit(limit);
        List<Project> rows = projects.listAfter(after == null ? null : after.createdAt(), after == null ? null : after.id(),
                size + 1);
        List<Project> page = rows.subList(0, Math.min(size, rows.size()));
        String next = rows.size() > size ? Cursor.after(page.get(size - 1).createdAt, page.get(size - 1).id).encode() : null;
        return new ApiBodies.Page<>(page.stream().map(ApiBodies.ProjectBody::of).toList(), next);
    }

    @GET
    @Path("{projectId}")
    @RequiresScope(ApiScope.READ)
    public ApiBodies.ProjectBody get(@RestPath UUID projectId) {
        return ApiBodies.ProjectBody.of(projects.get(projectId));
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @RequiresScope(ApiScope.WRITE)
    public Response create(String body) {
        JsonNode fields = ApiBodies.object(body);
        Project project = projects.create(caller.tenantId(), caller.actorUserId(), ApiBodies.text(fields, "name", null),
                ApiBodies.text(fields, "repositoryUrl", null), ApiBodies.text(fields, "description", null));
        return Response.created(URI.create("/api/v1/projects/" + project.id)).entity(ApiBodies.ProjectBody.of(project)).build();
    }

    /** Changes the fields the body names; the others keep their values. */
    @PATCH
    @Path("{projectId}")
    @Consumes(MediaType.WILDCARD)
    @RequiresScope(ApiScope.WRITE)
    public ApiBodies.ProjectBody update(@RestPath UUID projectId, String body) {
        JsonNode fields = ApiBodies.object(body);
        Project now = projects.get(projectId);
        return ApiBodies.ProjectBody.of(projects.update(caller.tenantId(), caller.actorUserId(), projectId,
                ApiBodies.text(fields, "name", now.name), ApiBodies.text(fields, "repositoryUrl", now.repositoryUrl),
                ApiBodies.text(fields, "description", now.description)));
    }

    @DELETE
    @Path("{projectId}")
    @RequiresScope(ApiScope.WRITE)
    public Response delete(@RestPath UUID projectId) {
        projects.delete(caller.tenantId(), caller.actorUserId(), projectId);
        return Response.noContent().build();
    }
}
