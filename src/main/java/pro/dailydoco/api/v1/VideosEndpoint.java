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
import pro.dailydoco.project.Video;
import pro.dailydoco.project.VideoService;

/** A project's videos through the API: the pages' rules (the plan's video minutes, audit) through the same service. */
@Path("/api/v1/projects/{projectId}/videos")
@Produces(MediaType.APPLICATION_JSON)
@Access.SignedBySender
public class VideosEndpoint {

    private final VideoService videos;
    private final ApiCaller caller;

    VideosEndpoint(VideoService videos, ApiCaller caller) {
        this.videos = videos;
        this.caller = caller;
    }

    @GET
    @RequiresScope(ApiScope.READ)
    public ApiBodies.Page<ApiBodies.VideoBody> list(@RestPath UUID projectId, @RestQuery String cursor,
            @RestQuery String limit) {
        Cursor after = Cursor.decode(cursor);
        int size = Cursor.limit(limit);
        List<Video> rows = videos.listAfter(projectId, after == null ? null : after.createdAt(),
                after == null ? null : after.id(), size + 1);
        List<Video> page = rows.subList(0, Math.min(size, rows.size()));
        String next = rows.size() > size ? Cursor.after(page.get(size - 1).createdAt, page.get(size - 1).id).encode() : null;
        return new ApiBodies.Page<>(page.stream().map(ApiBodies.VideoBody::of).toList(), next);
    }

    @GET
    @Path("{videoId}")
    @RequiresScope(ApiScope.READ)
    public ApiBodies.VideoBody get(@RestPath UUID projectId, @RestPath UUID videoId) {
        return ApiBodies.VideoBody.of(videos.get(projectId, videoId));
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @RequiresScope(ApiScope.WRITE)
    public Response create(@RestPath UUID projectId, String body) {
        JsonNode fields = ApiBodies.object(body);
        Video video = videos.create(caller.tenantId(), caller.actorUserId(), projectId, ApiBodies.text(fields, "title", null),
                ApiBodies.text(fields, "durationMinutes", null), status(ApiBodies.text(fields, "status", "draft")));
        return Response.created(URI.create("/api/v1/projects/" + projectId + "/videos/" + video.id))
                .entity(ApiBodies.VideoBody.of(video)).build();
    }

    @PATCH
    @Path("{videoId}")
    @Consumes(MediaType.WILDCARD)
    @RequiresScope(ApiScope.WRITE)
    public ApiBodies.VideoBody update(@RestPath UUID projectId, @RestPath UUID videoId, String body) {
        JsonNode fields = ApiBodies.object(body);
        Video now = videos.get(projectId, videoId);
        return ApiBodies.VideoBody.of(videos.update(caller.tenantId(), caller.actorUserId(), projectId, videoId,
                ApiBodies.text(fields, "title", now.title),
                ApiBodies.text(fields, "durationMinutes", Integer.toString(now.durationMinutes)),
                status(ApiBodies.text(fields, "status", now.status.name()))));
    }

    @DELETE
    @Path("{videoId}")
    @RequiresScope(ApiScope.WRITE)
    public Response delete(@RestPath UUID projectId, @RestPath UUID videoId) {
        videos.delete(caller.tenantId(), caller.actorUserId(), projectId, videoId);
        return Response.noContent().build();
    }

    /** The API writes statuses in lower case, as it answers them; the service reads the constant's name. */
    private static String status(String status) {
        return status == null ? null : status.toUpperCase(java.util.Locale.ROOT);
    }
}
