package pro.dailydoco.project;

import java.util.Map;
import java.util.UUID;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import pro.dailydoco.account.CurrentUser;
import pro.dailydoco.account.Permission;
import pro.dailydoco.account.web.Access;
import pro.dailydoco.billing.Entitlements;
import pro.dailydoco.billing.LimitExceeded;
import pro.dailydoco.billing.events.Plan;
import pro.dailydoco.core.InvalidInput;
import pro.dailydoco.core.web.Flash;
import pro.dailydoco.core.web.FormState;
import pro.dailydoco.core.web.Paged;
import pro.dailydoco.core.web.Requests;
import pro.dailydoco.tenant.Tenant;
import pro.dailydoco.tenant.TenantContext;

/** Documentation projects: list, create, show (with its videos), edit, delete. Members may view; PROJECTS_EDIT edits. */
@Path("/t/{slug}/projects")
@Produces(MediaType.TEXT_HTML)
public class ProjectResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(Tenant tenant, Paged<Project> page, Plan plan, boolean canEdit);

        static native TemplateInstance list$projectTable(Tenant tenant, Paged<Project> page, boolean canEdit);

        static native TemplateInstance form(Tenant tenant, Project project, FormState form, LimitNotice limit);

        static native TemplateInstance show(Tenant tenant, Project project, Paged<Video> videos, boolean canEdit);

        static native TemplateInstance show$videoTable(Tenant tenant, Project project, Paged<Video> videos,
                boolean canEdit);
    }

    private final ProjectService projects;
    private final VideoService videos;
    private final Entitlements entitlements;
    private final CurrentUser currentUser;
    private final TenantContext tenantContext;
    private final Flash flash;

    ProjectResource(ProjectService projects, VideoService videos, Entitlements entitlements, CurrentUser currentUser,
            TenantContext tenantContext, Flash flash) {
        this.projects = projects;
        this.videos = videos;
        this.entitlements = entitlements;
        this.currentUser = currentUser;
        this.tenantContext = tenantContext;
        this.flash = flash;
    }

    @GET
    public TemplateInstance list(@RestPath String slug, @RestQuery Integer page, @Context HttpHeaders headers) {
        Tenant tenant = tenant();
        Paged<Project> rows = projects.list(page);
        boolean canEdit = currentUser.can(Permission.PROJECTS_EDIT);
        if (Requests.isFragment(headers, "project-table")) {
            return Templates.list$projectTable(tenant, rows, canEdit);
        }
        return Templates.list(tenant, rows, entitlements.effectivePlan(tenant.id), canEdit);
    }

    @GET
    @Path("new")
    @Access.Requires(Permission.PROJECTS_EDIT)
    public TemplateInstance newProject(@RestPath String slug) {
        return Templates.form(tenant(), null, FormState.empty(), null);
    }

    @POST
    @Access.Requires(Permission.PROJECTS_EDIT)
    public Response create(@RestPath String slug, @RestForm String name, @RestForm String repositoryUrl,
            @RestForm String description) {
        Tenant tenant = tenant();
        FormState form = form(name, repositoryUrl, description);
        try {
            Project project = projects.create(tenant.id, currentUser.id(), name, repositoryUrl, description);
            flash.set("Project “" + project.name + "” created.");
            return Requests.seeOther("/t/" + tenant.slug + "/projects/" + project.id);
        } catch (InvalidInput e) {
            return Response.status(400).entity(Templates.form(tenant, null, form.withErrors(e.fieldErrors()), null)).build();
        } catch (LimitExceeded e) {
            return Response.status(402).entity(Templates.form(tenant, null, form, LimitNotice.of(e, tenant, currentUser)))
                    .build();
        }
    }

    @GET
    @Path("{projectId}")
    public TemplateInstance show(@RestPath String slug, @RestPath UUID projectId, @RestQuery Integer page,
            @Context HttpHeaders headers) {
        Tenant tenant = tenant();
        Project project = projects.get(projectId);
        Paged<Video> rows = videos.list(projectId, page);
        boolean canEdit = currentUser.can(Permission.PROJECTS_EDIT);
        if (Requests.isFragment(headers, "video-table")) {
            return Templates.show$videoTable(tenant, project, rows, canEdit);
        }
        return Templates.show(tenant, project, rows, canEdit);
    }

    @GET
    @Path("{projectId}/edit")
    @Access.Requires(Permission.PROJECTS_EDIT)
    public TemplateInstance edit(@RestPath String slug, @RestPath UUID projectId) {
        Project project = projects.get(projectId);
        return Templates.form(tenant(), project, form(project.name, project.repositoryUrl, project.description), null);
    }

    @POST
    @Path("{projectId}")
    @Access.Requires(Permission.PROJECTS_EDIT)
    public Response update(@RestPath String slug, @RestPath UUID projectId, @RestForm String name,
            @RestForm String repositoryUrl, @RestForm String description) {
        Tenant tenant = tenant();
        try {
            projects.update(tenant.id, currentUser.id(), projectId, name, repositoryUrl, description);
            flash.set("Project saved.");
            return Requests.seeOther("/t/" + tenant.slug + "/projects/" + projectId);
        } catch (InvalidInput e) {
            FormState form = form(name, repositoryUrl, description).withErrors(e.fieldErrors());
            return Response.status(400).entity(Templates.form(tenant, projects.get(projectId), form, null)).build();
        }
    }

    @POST
    @Path("{projectId}/delete")
    @Access.Requires(Permission.PROJECTS_EDIT)
    public Response delete(@RestPath String slug, @RestPath UUID projectId) {
        projects.delete(tenant().id, currentUser.id(), projectId);
        flash.set("Project deleted, with its videos.");
        return Requests.seeOther("/t/" + slug + "/projects");
    }

    private static FormState form(String name, String repositoryUrl, String description) {
        return FormState.of(Map.of("name", name == null ? "" : name, "repositoryUrl",
                repositoryUrl == null ? "" : repositoryUrl, "description", description == null ? "" : description));
    }

    private Tenant tenant() {
        return tenantContext.tenant().orElseThrow();
    }
}
