package pro.dailydoco.privacy;

import java.time.Clock;
import java.util.List;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;

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
import pro.dailydoco.account.Role;
import pro.dailydoco.account.web.Access;
import pro.dailydoco.core.DomainException;
import pro.dailydoco.core.web.Flash;
import pro.dailydoco.core.web.Requests;

/**
 * "Download your data": ask for an export of your own data or, as an owner, of a workspace; watch it being prepared
 * (the list refreshes itself while one is on its way) and download it while it lasts.
 */
@Path("/account/data-export")
@Produces(MediaType.TEXT_HTML)
@Access.SignedIn
public class DataExportResource {

    static final String LIST_ID = "data-exports";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance page(List<DataExports.Export> exports, List<CurrentUser.Workspace> owned,
                boolean pending, java.time.Instant now, String expiry);

        static native TemplateInstance page$exports(List<DataExports.Export> exports, boolean pending,
                java.time.Instant now);
    }

    private final DataExports exports;
    private final CurrentUser currentUser;
    private final Flash flash;
    private final PrivacyConfig config;
    private final Clock clock;

    DataExportResource(DataExports exports, CurrentUser currentUser, Flash flash, PrivacyConfig config, Clock clock) {
        this.exports = exports;
        this.currentUser = currentUser;
        this.flash = flash;
        this.config = config;
        this.clock = clock;
    }

    @GET
    public TemplateInstance show(@Context HttpHeaders headers) {
        List<DataExports.Export> mine = exports.of(currentUser.id());
        boolean pending = mine.stream().anyMatch(DataExports.Export::pending);
        if (Requests.isFragment(headers, LIST_ID)) {
            return Templates.page$exports(mine, pending, clock.instant());
        }
        List<CurrentUser.Workspace> owned = currentUser.getWorkspaces().stream().filter(w -> w.role() == Role.OWNER)
                .toList();
        long days = config.exportExpiry().toDays();
        String expiry = days >= 1 ? days + (days == 1 ? " day" : " days") : config.exportExpiry().toHours() + " hours";
        return Templates.page(mine, owned, pending, clock.instant(), expiry);
    }

    @POST
    public Response requestPersonal() {
        return queued(() -> exports.requestPersonal(currentUser.id()),
                "We are preparing your data. This page shows when it is ready, and we will email you a link.");
    }

    @POST
    @Path("workspace")
    public Response requestWorkspace(@RestForm String slug) {
        return queued(() -> exports.requestWorkspace(currentUser.id(), slug),
                "We are preparing the workspace's data. This page shows when it is ready, and we will email you a link.");
    }

    private Response queued(Runnable request, String message) {
        try {
            request.run();
            flash.set(message);
        } catch (DomainException e) {
            if (e.status() != 429) {
                throw e;
            }
            flash.set(e.detail());
        }
        return Requests.seeOther("/account/data-export");
    }

    @GET
    @Path("{id}/download")
    @Produces({ "application/zip", MediaType.TEXT_HTML })
    public Response download(@RestPath String id) {
        DataExports.Download download = exports.download(currentUser.id(), id)
                .orElseThrow(() -> DomainException.notFound("No such export, or it has expired."));
        return Response.ok(download.zip(), "application/zip")
                .header("Content-Disposition", "attachment; filename=\"" + download.fileName() + "\"")
                .header("Cache-Control", "no-store").build();
    }
}
