package pro.dailydoco.account.team;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import pro.dailydoco.account.CurrentUser;
import pro.dailydoco.account.UserSignedUp;
import pro.dailydoco.account.web.Access;
import pro.dailydoco.account.web.ClientAddress;
import pro.dailydoco.account.web.Csrf;
import pro.dailydoco.account.web.SessionCookies;
import pro.dailydoco.core.DomainException;
import pro.dailydoco.core.InvalidInput;
import pro.dailydoco.core.web.Flash;
import pro.dailydoco.core.web.FormState;
import pro.dailydoco.core.web.Requests;
import pro.dailydoco.tenant.Tenant;
import pro.dailydoco.tenant.TenantContext;

/** The page an invitation link opens: join as the signed-in person, or create an account and join. */
@Path("/t/{slug}/invitations/{token}")
@Produces(MediaType.TEXT_HTML)
@Access.OpenToNonMembers
public class InvitationResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance accept(Tenant tenant, Invitation invitation, String token, FormState form);
    }

    private final InvitationAcceptance acceptance;
    private final CurrentUser currentUser;
    private final TenantContext tenantContext;
    private final SessionCookies cookies;
    private final ClientAddress clientAddress;
    private final Csrf csrf;
    private final Flash flash;

    InvitationResource(InvitationAcceptance acceptance, CurrentUser currentUser, TenantContext tenantContext,
            SessionCookies cookies, ClientAddress clientAddress, Csrf csrf, Flash flash) {
        this.acceptance = acceptance;
        this.currentUser = currentUser;
        this.tenantContext = tenantContext;
        this.cookies = cookies;
        this.clientAddress = clientAddress;
        this.csrf = csrf;
        this.flash = flash;
    }

    @GET
    public TemplateInstance show(@RestPath String slug, @RestPath String token) {
        Invitation invitation;
        try {
            invitation = acceptance.open(token);
        } catch (DomainException e) {
            // Only a valid link shows the workspace; a used or expired one keeps its message, without name or branding.
            tenantContext.setTenant(null);
            throw e;
        }
        return Templates.accept(tenant(), invitation, token, FormState.empty());
    }

    @POST
    @Path("accept")
    @Access.SignedIn
    public Response accept(@RestPath String slug, @RestPath String token) {
        acceptance.acceptAs(tenant(), token, currentUser.require());
        flash.set("Welcome to " + tenant().displayName + "!");
        return Requests.seeOther("/t/" + slug + "/");
    }

    @POST
    @Path("register")
    public Response register(@RestPath String slug, @RestPath String token, @RestForm String displayName,
            @RestForm String password, @CookieParam(UserSignedUp.ATTRIBUTION_COOKIE) String attributionToken,
            @Context HttpServerRequest request) {
        try {
            String session = acceptance.acceptAsNewUser(tenant(), token, displayName, password, clientAddress.of(request),
                    Requests.userAgent(request), attributionToken);
            csrf.rotate();
            flash.set("Welcome to " + tenant().displayName + "!");
            return Requests.seeOther("/t/" + slug + "/", cookies.session(session));
        } catch (InvalidInput e) {
            FormState form = FormState.of(java.util.Map.of("displayName", displayName == null ? "" : displayName))
                    .withErrors(e.fieldErrors());
            return Response.status(400).entity(Templates.accept(tenant(), acceptance.open(token), token, form)).build();
        }
    }

    private Tenant tenant() {
        return tenantContext.tenant().orElseThrow();
    }
}
