package pro.dailydoco.account.profile;

import java.util.List;
import java.util.Map;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import pro.dailydoco.account.CurrentUser;
import pro.dailydoco.account.User;
import pro.dailydoco.account.WebSession;
import pro.dailydoco.account.secondfactor.SecondFactorService;
import pro.dailydoco.account.web.Access;
import pro.dailydoco.account.web.ClientAddress;
import pro.dailydoco.account.web.SessionCookies;
import pro.dailydoco.core.InvalidInput;
import pro.dailydoco.core.web.Flash;
import pro.dailydoco.core.web.FormState;
import pro.dailydoco.core.web.ReadOnlyPage;
import pro.dailydoco.core.web.Requests;

/** Profile and security settings: name, email, password, active sessions, deleting the account. */
@Path("/account")
@Produces(MediaType.TEXT_HTML)
@Access.SignedIn
public class ProfileResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance profile(User user, List<WebSession> sessions, String currentSessionHash, FormState form,
                SecondFactorService.Status secondFactor);
    }

    private final ProfileService profiles;
    private final CurrentUser currentUser;
    private final SessionCookies cookies;
    private final ClientAddress clientAddress;
    private final Flash flash;
    private final SecondFactorService secondFactors;

    ProfileResource(ProfileService profiles, CurrentUser currentUser, SessionCookies cookies, ClientAddress clientAddress,
            Flash flash, SecondFactorService secondFactors) {
        this.secondFactors = secondFactors;
        this.profiles = profiles;
        this.currentUser = currentUser;
        this.cookies = cookies;
        this.clientAddress = clientAddress;
        this.flash = flash;
    }

    @GET
    @ReadOnlyPage
    public TemplateInstance show() {
        return page(FormState.of(Map.of("displayName", currentUser.require().displayName)));
    }

    @POST
    @Path("name")
    public Response changeName(@RestForm String displayName) {
        try {
            profiles.changeName(currentUser.id(), displayName);
        } catch (InvalidInput e) {
            return invalid(Map.of("displayName", displayName == null ? "" : displayName), e);
        }
        flash.set("Your name was saved.");
        return Requests.seeOther("/account");
    }

    @POST
    @Path("password")
    public Response changePassword(@RestForm String currentPassword, @RestForm String newPassword,
            @Context HttpServerRequest request) {
        String session;
        try {
            session = profiles.changePassword(currentUser.id(), currentPassword, newPassword, clientAddress.of(request),
                    Requests.userAgent(request));
        } catch (InvalidInput e) {
            return invalid(Map.of(), e);
        }
        flash.set("Your password was changed and your other sessions were signed out.");
        return Requests.seeOther("/account", cookies.session(session));
    }

    @POST
    @Path("email")
    public Response changeEmail(@RestForm String newEmail, @RestForm String emailPassword) {
        try {
            profiles.requestEmailChange(currentUser.id(), emailPassword, newEmail);
        } catch (InvalidInput e) {
            return invalid(Map.of("newEmail", newEmail == null ? "" : newEmail), e);
        }
        flash.set("We sent a confirmation link to " + User.normaliseEmail(newEmail) + ". Your email changes when you open it.");
        return Requests.seeOther("/account");
    }

    @POST
    @Path("sessions/{idHash}/revoke")
    public Response revokeSession(@RestPath String idHash) {
        profiles.revokeSession(currentUser.id(), idHash);
        flash.set("The session was signed out.");
        return Requests.seeOther("/account");
    }

    @POST
    @Path("delete")
    public Response delete(@RestForm String deletePassword) {
        try {
            profiles.deleteAccount(currentUser.id(), deletePassword);
        } catch (InvalidInput e) {
            return invalid(Map.of(), e);
        }
        flash.set("Your account was deleted.");
        return Requests.seeOther("/", cookies.clearSession());
    }

    private Response invalid(Map<String, String> values, InvalidInput e) {
        return Response.status(400).entity(page(FormState.of(values).withErrors(e.fieldErrors()))).build();
    }

    private TemplateInstance page(FormState form) {
        User user = currentUser.require();
        return Templates.profile(user, profiles.sessions(user.id), currentUser.session().map(s -> s.idHash).orElse(""), form,
                secondFactors.status(user.id));
    }
}
