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
import pro.dailydoco.core.InvalidInput;
import pro.dailydoco.core.web.Flash;
import pro.dailydoco.core.web.FormState;
import pro.dailydoco.core.web.Requests;
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
    }

    private final ProjectService projects;
    private final VideoService videos;
    private final Entitlements entitlements;
    private final CurrentUser currentUser;
    private final TenantContext tenantContext;
    private final Flash flash;

    VideoResource(ProjectService projects, VideoService videos, Entitlements entitlements,
            CurrentUser currentUser, TenantContext tenantContext, Flash flash) {
        this.projects = projects;
        this.videos = videos;
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
