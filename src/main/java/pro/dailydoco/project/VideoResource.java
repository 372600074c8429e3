package pro.dailydoco.project;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import pro.dailydoco.account.CurrentUser;
import pro.dailydoco.account.Permission;
import pro.dailydoco.account.web.Access;
import pro.dailydoco.billing.Entitlements;
import pro.dailydoco.billing.LimitExceeded;
import pro.dailydoco.core.DomainException;
import pro.dailydoco.core.InvalidInput;
import pro.dailydoco.core.web.Flash;
import pro.dailydoco.core.web.FormState;
import pro.dailydoco.core.web.Requests;
import pro.dailydoco.project.media.MediaConfig;
import pro.dailydoco.project.media.MediaTools;
import pro.dailydoco.tenant.Tenant;
import pro.dailydoco.tenant.TenantContext;

/** A project's videos: add, edit, delete (PROJECTS_EDIT). The list lives on the project's page. */
@Path("/t/{slug}/projects/{projectId}/videos")
@Produces(MediaType.TEXT_HTML)
@Access.Requires(Permission.PROJECTS_EDIT)
public class VideoResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance form(Tenant tenant, Project project, Video video, FormState form,
                List<Video.Status> statuses, long minutesThisMonth, long minuteLimit, LimitNotice limit);

        static native TemplateInstance upload(Tenant tenant, Project project, long minutesThisMonth, long minuteLimit,
                String maxSize, long chunkSize, boolean toolsMissing);
    }

    private final ProjectService projects;
    private final VideoService videos;
    private final VideoUploads uploads;
    private final MediaConfig mediaConfig;
    private final MediaTools tools;
    private final Entitlements entitlements;
    private final CurrentUser currentUser;
    private final TenantContext tenantContext;
    private final Flash flash;

    VideoResource(ProjectService projects, VideoService videos, VideoUploads uploads, MediaConfig mediaConfig,
            MediaTools tools, Entitlements entitlements, CurrentUser currentUser, TenantContext tenantContext,
            Flash flash) {
        this.projects = projects;
        this.videos = videos;
        this.uploads = uploads;
        this.mediaConfig = mediaConfig;
        this.tools = tools;
        this.entitlements = entitlements;
        this.currentUser = currentUser;
        this.tenantContext = tenantContext;
        this.flash = flash;
    }

    @GET
    @Path("new")
    public TemplateInstance newVideo(@RestPath String slug, @RestPath UUID projectId) {
        return page(projects.get(projectId), null, FormState.of(Map.of("status", "DRAFT")), null);
    }

    /** The upload page: drag and drop or pick a file; the page's script sends it in resumable chunks. */
    @GET
    @Path("upload")
    public TemplateInstance uploadPage(@RestPath String slug, @RestPath UUID projectId) {
        Tenant tenant = tenant();
        return Templates.upload(tenant, projects.get(projectId), videos.minutesThisMonth(),
                entitlements.effectivePlan(tenant.id).videoMinutesPerMonth(),
                VideoUploads.bytes(mediaConfig.maxUploadSize().asLongValue()), mediaConfig.maxChunkSize().asLongValue(),
                !tools.available());
    }

    /**
     * Announces an upload (title, size in bytes, and its length in seconds when the browser could read it); answers
     * where to send the chunks, or why not: 400 for a field, 413 for size or storage, 402 for the plan's minutes with
     * the upgrade link.
     */
    @POST
    @Path("uploads")
    @Produces({ MediaType.APPLICATION_JSON, MediaType.WILDCARD })
    public Response startUpload(@RestPath String slug, @RestPath UUID projectId, @RestForm String title,
            @RestForm String size, @RestForm String duration) {
        Tenant tenant = tenant();
        try {
            VideoUploads.UploadState state = uploads.start(tenant.id, currentUser.id(), projectId, title, size, duration);
            String video = "/t/" + tenant.slug + "/videos/" + state.videoId();
            return Response.status(201).type(MediaType.APPLICATION_JSON).header("Upload-Offset", state.offset())
                    .entity(Map.of("video", state.videoId().toString(), "offset", state.offset(), "length",
                            state.length(), "uploadUrl", video + "/upload", "pageUrl", video))
                    .build();
        } catch (InvalidInput e) {
            return problem(400, "Check the upload", String.join(" ", e.fieldErrors().values()), null);
        } catch (LimitExceeded e) {
            LimitNotice notice = LimitNotice.of(e, tenant, currentUser);
            return problem(402, "Plan limit reached", e.detail(), notice.upgradeUrl());
        } catch (DomainException e) {
            return problem(e.status(), e.title(), e.detail(), null);
        }
    }

    private static Response problem(int status, String title, String detail, String upgradeUrl) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("status", status);
        body.put("title", title);
        body.put("detail", detail);
        if (upgradeUrl != null) {
            body.put("upgradeUrl", upgradeUrl);
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }

    @POST
    public Response create(@RestPath String slug, @RestPath UUID projectId, @RestForm String title,
            @RestForm String durationMinutes, @RestForm String status) {
        Tenant tenant = tenant();
        FormState form = form(title, durationMinutes, status);
        try {
            Video video = videos.create(tenant.id, currentUser.id(), projectId, title, durationMinutes, status);
            flash.set("Video “" + video.title + "” added.");
            return Requests.seeOther(projectPath(projectId));
        } catch (InvalidInput e) {
            return Response.status(400).entity(page(projects.get(projectId), null, form.withErrors(e.fieldErrors()), null))
                    .build();
        } catch (LimitExceeded e) {
            return Response.status(402)
                    .entity(page(projects.get(projectId), null, form, LimitNotice.of(e, tenant, currentUser))).build();
        }
    }

    /** The address the workspace home links to: the video's own page. */
    @GET
    @Path("{videoId}")
    @Access.Requires(Permission.WORKSPACE_VIEW)
    public Response show(@RestPath String slug, @RestPath UUID projectId, @RestPath UUID videoId) {
        videos.get(projectId, videoId);
        return Requests.seeOther("/t/" + tenant().slug + "/videos/" + videoId);
    }

    @GET
    @Path("{videoId}/edit")
    public TemplateInstance edit(@RestPath String slug, @RestPath UUID projectId, @RestPath UUID videoId) {
        Video video = videos.get(projectId, videoId);
        return page(projects.get(projectId), video,
                form(video.title, String.valueOf(video.durationMinutes), video.status.name()), null);
    }

    @POST
    @Path("{videoId}")
    public Response update(@RestPath String slug, @RestPath UUID projectId, @RestPath UUID videoId,
            @RestForm String title, @RestForm String durationMinutes, @RestForm String status) {
        Tenant tenant = tenant();
        FormState form = form(title, durationMinutes, status);
        try {
            videos.update(tenant.id, currentUser.id(), projectId, videoId, title, durationMinutes, status);
            flash.set("Video saved.");
            return Requests.seeOther(projectPath(projectId));
        } catch (InvalidInput e) {
            return Response.status(400).entity(page(projects.get(projectId), videos.get(projectId, videoId),
                    form.withErrors(e.fieldErrors()), null)).build();
        } catch (LimitExceeded e) {
            return Response.status(402).entity(page(projects.get(projectId), videos.get(projectId, videoId), form,
                    LimitNotice.of(e, tenant, currentUser))).build();
        }
    }

    @POST
    @Path("{videoId}/delete")
    public Response delete(@RestPath String slug, @RestPath UUID projectId, @RestPath UUID videoId) {
        videos.delete(tenant().id, currentUser.id(), projectId, videoId);
        flash.set("Video deleted.");
        return Requests.seeOther(projectPath(projectId));
    }

    private TemplateInstance page(Project project, Video video, FormState form, LimitNotice limit) {
        Tenant tenant = tenant();
        return Templates.form(tenant, project, video, form, List.of(Video.Status.values()), videos.minutesThisMonth(),
                entitlements.effectivePlan(tenant.id).videoMinutesPerMonth(), limit);
    }

    private String projectPath(UUID projectId) {
        return "/t/" + tenant().slug + "/projects/" + projectId;
    }

    private static FormState form(String title, String durationMinutes, String status) {
        return FormState.of(Map.of("title", title == null ? "" : title, "durationMinutes",
                durationMinutes == null ? "" : durationMinutes, "status", status == null ? "" : status));
    }

    private Tenant tenant() {
        return tenantContext.tenant().orElseThrow();
    }
}
