package pro.dailydoco.account.team;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import pro.dailydoco.account.CurrentUser;
import pro.dailydoco.account.web.Access;
import pro.dailydoco.core.web.Requests;

/** The workspace switcher: every workspace the signed-in person belongs to. */
@Path("/workspaces")
@Produces(MediaType.TEXT_HTML)
@Access.SignedIn
public class WorkspaceResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(java.util.List<CurrentUser.Workspace> workspaces);
    }

    private final CurrentUser currentUser;

    WorkspaceResource(CurrentUser currentUser) {
        this.currentUser = currentUser;
    }

    /** One workspace: go straight there. Several: choose. None: an empty state that says what to do. */
    @GET
    public Response list() {
        if (currentUser.getWorkspaces().size() == 1) {
            return Requests.seeOther("/t/" + currentUser.getWorkspaces().get(0).slug() + "/");
        }
        return Response.ok(Templates.list(currentUser.getWorkspaces())).build();
    }
}
