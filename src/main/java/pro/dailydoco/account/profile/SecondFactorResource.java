package pro.dailydoco.account.profile;

import java.util.List;

import org.jboss.resteasy.reactive.RestForm;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import pro.dailydoco.account.AccountService;
import pro.dailydoco.account.CurrentUser;
import pro.dailydoco.account.secondfactor.SecondFactorPrompt;
import pro.dailydoco.account.secondfactor.SecondFactorService;
import pro.dailydoco.account.web.Access;
import pro.dailydoco.core.InvalidInput;
import pro.dailydoco.core.web.Flash;
import pro.dailydoco.core.web.FormState;
import pro.dailydoco.core.web.ReadOnlyPage;
import pro.dailydoco.core.web.Requests;

/**
 * Two-step sign-in on the account pages: setting up an authenticator (key as text, {@code otpauth://} link and QR
 * code; on once a first code is right), the recovery codes shown once, and turning it off with a current code or the
 * password. Reachable after the grace period, when every other page sends the person here.
 */
@Path("/account/two-factor")
@Produces(MediaType.TEXT_HTML)
@Access.SignedIn
public class SecondFactorResource {

    @CheckedTemplate
    static class Templates {
        /**
         * @param enrolment the set-up in progress (key, link, QR code), or null
         * @param recoveryCodes the codes just made, shown this once, or null
         */
        static native TemplateInstance twoFactor(SecondFactorService.Status status, SecondFactorService.Enrolment enrolment,
                List<String> recoveryCodes, FormState form, String error, boolean sso);
    }

    private final SecondFactorService factors;
    private final SecondFactorPrompt prompt;
    private final CurrentUser currentUser;
    private final Flash flash;

    SecondFactorResource(SecondFactorService factors, SecondFactorPrompt prompt, CurrentUser currentUser, Flash flash) {
        this.factors = factors;
        this.prompt = prompt;
        this.currentUser = currentUser;
        this.flash = flash;
    }

    @GET
    @ReadOnlyPage
    public TemplateInstance show() {
        return page(null, FormState.empty(), null);
    }

    @POST
    @Path("start")
    public Response start() {
        factors.start(currentUser.id());
        return Requests.seeOther("/account/two-factor#set-up");
    }

    @POST
    @Path("confirm")
    public Response confirm(@RestForm String code) {
        try {
            List<String> codes = factors.confirm(currentUser.id(), code);
            // Rendered, not redirected: the codes exist in clear only in this answer (which no cache keeps).
            return Response.ok(page(codes, FormState.empty(), null)).build();
        } catch (InvalidInput e) {
            return Response.status(400).entity(page(null, FormState.empty().withErrors(e.fieldErrors()), null)).build();
        } catch (AccountService.TooManyAttempts e) {
            return Response.status(429).entity(page(null, FormState.empty(), e.detail())).build();
        }
    }

    @POST
    @Path("disable")
    public Response disable(@RestForm String disableCode, @RestForm String disablePassword) {
        try {
            factors.disable(currentUser.id(), disableCode, disablePassword);
        } catch (InvalidInput e) {
            return Response.status(400).entity(page(null, FormState.empty().withErrors(e.fieldErrors()), null)).build();
        } catch (AccountService.TooManyAttempts e) {
            return Response.status(429).entity(page(null, FormState.empty(), e.detail())).build();
        }
        flash.set(prompt.isVisible() ? "Two-step sign-in is off. It is required for your account: set it up again before "
                + "the deadline shown above." : "Two-step sign-in is off. You now sign in with your password only.");
        return Requests.seeOther("/account/two-factor");
    }

    private TemplateInstance page(List<String> recoveryCodes, FormState form, String error) {
        SecondFactorService.Status status = factors.status(currentUser.id());
        SecondFactorService.Enrolment enrolment = status.pending() ? factors.pendingEnrolment(currentUser.id()).orElse(null) : null;
        boolean sso = currentUser.session().map(s -> s.ssoTenantId != null).orElse(false);
        return Templates.twoFactor(status, enrolment, recoveryCodes, form, error, sso);
    }
}
