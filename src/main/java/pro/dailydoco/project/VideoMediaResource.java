package pro.dailydoco.project;

import java.io.InputStream;
import java.util.Map;
import java.util.UUID;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import pro.dailydoco.account.CurrentUser;
import pro.dailydoco.account.Permission;
import pro.dailydoco.account.web.Access;
import pro.dailydoco.core.DomainException;
import pro.dailydoco.core.InvalidInput;
import pro.dailydoco.core.web.Flash;
import pro.dailydoco.core.web.FormState;
import pro.dailydoco.core.web.Requests;
import pro.dailydoco.project.media.MediaKey;
import pro.dailydoco.project.media.MediaStorage;
import pro.dailydoco.tenant.Tenant;
import pro.dailydoco.tenant.TenantConfig;
import pro.dailydoco.tenant.TenantContext;

/**
 * A video's own page for members (player, processing progress, chapters, transcript, sharing), its media files,
 * and the chunk endpoint of its upload (docs/decisions/0195-video-storage-and-resumable-upload.md).
 */
@Path("/t/{slug}/videos/{videoId}")
@Produces(MediaType.TEXT_HTML)
public class VideoMediaResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance show(Tenant tenant, Project project, VideoPlayback.View view, boolean canEdit,
                FormState details, String shareLink, String billingUrl);

        static native TemplateInstance show$progress(Tenant tenant, VideoPlayback.View view, boolean canEdit,
                String billingUrl);
    }

    private final VideoPlayback playback;
    private final VideoUploads uploads;
    private final ProjectService projects;
    private final MediaStorage storage;
    private final CurrentUser currentUser;
    private final TenantContext tenantContext;
    private final TenantConfig tenantConfig;
    private final Flash flash;

    VideoMediaResource(VideoPlayback playback, VideoUploads uploads, ProjectService projects, MediaStorage storage,
            CurrentUser currentUser, TenantContext tenantContext, TenantConfig tenantConfig, Flash flash) {
        this.playback = playback;
        this.uploads = uploads;
        this.projects = projects;
        this.storage = storage;
        this.currentUser = currentUser;
        this.tenantContext = tenantContext;
        this.tenantConfig = tenantConfig;
        this.flash = flash;
    }

    @GET
    public TemplateInstance show(@RestPath String slug, @RestPath UUID videoId) {
        VideoPlayback.View view = playback.view(videoId);
        return page(view, FormState.of(Map.of("chapters", view.video().chapters, "transcript", view.video().transcript)),
                null);
    }

    /** The progress block, polled by htmx every two seconds while the video is uploaded or processed. */
    @GET
    @Path("progress")
    public Response progress(@RestPath String slug, @RestPath UUID videoId, @Context HttpHeaders headers) {
        VideoPlayback.View view = playback.view(videoId);
        if (!Requests.isHtmx(headers)) {
            return Requests.seeOther(path(videoId));
        }
        // 286 tells htmx to stop polling: the state will not change by itself any more.
        int status = view.video().mediaState == null || view.video().mediaState.finished() ? 286 : 200;
        return Response.status(status).entity(Templates.show$progress(tenant(), view, canEdit(), billingUrl())).build();
    }

    @POST
    @Path("cancel")
    @Access.Requires(Permission.PROJECTS_EDIT)
    public Response cancel(@RestPath String slug, @RestPath UUID videoId) {
        playback.cancel(tenant().id, currentUser.id(), videoId);
        flash.set("Cancelled: the video's files are being deleted.");
        return Requests.seeOther(path(videoId));
    }

    @POST
    @Path("details")
    @Access.Requires(Permission.PROJECTS_EDIT)
    public Response details(@RestPath String slug, @RestPath UUID videoId, @RestForm String chapters,
            @RestForm String transcript) {
        try {
            playback.saveDetails(tenant().id, currentUser.id(), videoId, chapters, transcript);
            flash.set("Chapters and transcript saved.");
            return Requests.seeOther(path(videoId));
        } catch (InvalidInput e) {
            FormState form = FormState.of(Map.of("chapters", chapters == null ? "" : chapters, "transcript",
                    transcript == null ? "" : transcript)).withErrors(e.fieldErrors());
            return Response.status(400).entity(page(playback.view(videoId), form, null)).build();
        }
    }

    @POST
    @Path("share")
    @Access.Requires(Permission.PROJECTS_EDIT)
    public Response share(@RestPath String slug, @RestPath UUID videoId, @RestForm String days) {
        VideoPlayback.View view = playback.view(videoId);
        FormState details = FormState.of(Map.of("chapters", view.video().chapters, "transcript", view.video().transcript));
        try {
            String token = playback.share(tenant().id, currentUser.id(), videoId, days);
            // Shown once, in this answer only: the server keeps the link's hash, never the link.
            return Response.ok(page(playback.view(videoId), details, tenantConfig.absolute("/v/" + token))).build();
        } catch (InvalidInput e) {
            return Response.status(400).entity(page(view, details.withErrors(e.fieldErrors()), null)).build();
        }
    }

    @POST
    @Path("share/revoke")
    @Access.Requires(Permission.PROJECTS_EDIT)
    public Response revoke(@RestPath String slug, @RestPath UUID videoId) {
        playback.revoke(tenant().id, currentUser.id(), videoId);
        flash.set("The share link no longer works.");
        return Requests.seeOther(path(videoId));
    }

    /** A published file: {@code video.mp4}, {@code poster.jpg}; {@code hls/master.m3u8}; {@code hls/720/seg_0001.ts}. */
    @GET
    @Path("media/{name}")
    @Produces(MediaType.WILDCARD)
    public Response media(@RestPath String slug, @RestPath UUID videoId, @RestPath String name,
            @RestHeader("Range") String range) {
        return file(videoId, name, range);
    }

    @GET
    @Path("media/{folder}/{name}")
    @Produces(MediaType.WILDCARD)
    public Response media(@RestPath String slug, @RestPath UUID videoId, @RestPath String folder,
            @RestPath String name, @RestHeader("Range") String range) {
        return file(videoId, folder + "/" + name, range);
    }

    @GET
    @Path("media/{folder}/{rendition}/{name}")
    @Produces(MediaType.WILDCARD)
    public Response media(@RestPath String slug, @RestPath UUID videoId, @RestPath String folder,
            @RestPath String rendition, @RestPath String name, @RestHeader("Range") String range) {
        return file(videoId, folder + "/" + rendition + "/" + name, range);
    }

    private Response file(UUID videoId, String path, String range) {
        playback.video(videoId);
        return storage.published(new MediaKey(tenant().id, videoId), path).map(f -> MediaFiles.answer(f, range))
                .orElseThrow(() -> DomainException.notFound("There is no such file."));
    }

    /** Where the server's copy of the upload ends, for a browser that resumes it. */
    @GET
    @Path("upload")
    @Produces({ MediaType.APPLICATION_JSON, MediaType.WILDCARD })
    @Access.Requires(Permission.PROJECTS_EDIT)
    public Response uploadState(@RestPath String slug, @RestPath UUID videoId) {
        return state(200, uploads.state(videoId));
    }

    /** One chunk: the body streams to storage; {@code Upload-Offset} says where it starts. */
    @PUT
    @Path("upload")
    @Produces({ MediaType.APPLICATION_JSON, MediaType.WILDCARD })
    @Access.Requires(Permission.PROJECTS_EDIT)
    public Response upload(@RestPath String slug, @RestPath UUID videoId, @RestHeader("Upload-Offset") String offset,
            @RestHeader("Content-Type") String contentType, InputStream body) {
        // Checked here, not by @Consumes: content negotiation runs before authorization, and an outsider must get
        // the same 404 as for any other page of the workspace (docs/decisions/0095-outsiders-see-one-not-found.md).
        if (contentType == null || !(contentType.startsWith("application/offset+octet-stream")
                || contentType.startsWith(MediaType.APPLICATION_OCTET_STREAM))) {
            uploads.state(videoId);
            throw new DomainException(415, "Unsupported content type",
                    "Send the chunk as application/offset+octet-stream.");
        }
        try {
            return state(200, uploads.append(tenant().id, currentUser.id(), videoId, offset, body));
        } catch (VideoUploads.OffsetMismatch e) {
            return state(409, e.state());
        }
    }

    static Response state(int status, VideoUploads.UploadState state) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).header("Upload-Offset", state.offset())
                .header("Upload-Length", state.length())
                .entity(Map.of("video", state.videoId().toString(), "offset", state.offset(), "length", state.length(),
                        "complete", state.complete()))
                .build();
    }

    private TemplateInstance page(VideoPlayback.View view, FormState details, String shareLink) {
        return Templates.show(tenant(), projects.get(view.video().projectId), view, canEdit(), details, shareLink,
                billingUrl());
    }

    private boolean canEdit() {
        return currentUser.can(Permission.PROJECTS_EDIT);
    }

    /** The upgrade path of a refusal for the plan's minutes: only for people who may change the plan. */
    private String billingUrl() {
        return currentUser.can(Permission.BILLING_MANAGE) ? "/t/" + tenant().slug + "/billing" : null;
    }

    private String path(UUID videoId) {
        return "/t/" + tenant().slug + "/videos/" + videoId;
    }

    private Tenant tenant() {
        return tenantContext.tenant().orElseThrow();
    }
}
