package pro.dailydoco.operator;

import java.util.Optional;
import java.util.UUID;

import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import pro.dailydoco.account.CurrentUser;
import pro.dailydoco.account.secondfactor.SecondFactorResets;
import pro.dailydoco.account.web.Access;
import pro.dailydoco.core.web.Flash;
import pro.dailydoco.core.web.Requests;

/**
 * The operator turns off a person's two-step sign-in when they lost their authenticator and recovery codes (and no
 * other owner of their workspace can): find them by email, confirm, reset. Audited on the platform chain; the person
 * is told by mail.
 */
@Path("/operator/second-factor")
@Produces(MediaType.TEXT_HTML)
@Access.Operator
public class OperatorSecondFactorResource {

    @CheckedTemplate
    static class Templates {
        /** @param person the person found, or null (none asked for, or nobody with that email) */
        static native TemplateInstance secondFactor(String email, SecondFactorResets.Person person);
    }

    private final SecondFactorResets resets;
    private final CurrentUser currentUser;
    private final Flash flash;

    OperatorSecondFactorResource(SecondFactorResets resets, CurrentUser currentUser, Flash flash) {
        this.resets = resets;
        this.currentUser = currentUser;
        this.flash = flash;
    }

    @GET
    public TemplateInstance find(@RestQuery String email) {
        String asked = email == null ? "" : email.trim();
        Optional<SecondFactorResets.Person> person = asked.isEmpty() || asked.length() > 254 ? Optional.empty()
                : resets.findByEmail(asked);
        return Templates.secondFactor(asked, person.orElse(null));
    }

    @POST
    @Path("{userId}/reset")
    public Response reset(@RestPath UUID userId) {
        resets.resetByOperator(currentUser.id(), userId);
        flash.set("Two-step sign-in was turned off for that person, and they were told by mail.");
        return Requests.seeOther("/operator/second-factor");
    }
}
