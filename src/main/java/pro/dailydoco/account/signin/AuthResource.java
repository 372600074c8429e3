package pro.dailydoco.account.signin;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import pro.dailydoco.account.AccountService;
import pro.dailydoco.account.CurrentUser;
import pro.dailydoco.account.IdentityProviderLogout;
import pro.dailydoco.account.SingleSignOnRouting;
import pro.dailydoco.account.SsoRequired;
import pro.dailydoco.account.User;
import pro.dailydoco.account.UserSignedUp;
import pro.dailydoco.account.profile.ProfileService;
import pro.dailydoco.account.web.Access;
import pro.dailydoco.account.web.ClientAddress;
import pro.dailydoco.account.web.Csrf;
import pro.dailydoco.account.web.SessionCookies;
import pro.dailydoco.core.DomainException;
import pro.dailydoco.core.InvalidInput;
import pro.dailydoco.core.web.Flash;
import pro.dailydoco.core.web.FormState;
import pro.dailydoco.core.web.Requests;

/** Sign-up, sign-in, sign-out and the links people receive by mail. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class AuthResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance signup(FormState form, String error, String ssoPath);

        /**
         * @param passwordStep false: step 1 asks for the email only; true: step 2 asks for the password
         * @param nextQuery {@code ?next=…} (encoded) to keep the page asked for across the two steps, or empty
         */
        static native TemplateInstance login(FormState form, String error, boolean passwordStep, String nextQuery,
                String ssoPath);

        static native TemplateInstance forgotPassword(FormState form, String error);

        static native TemplateInstance resetPassword(String token, FormState form);

        static native TemplateInstance notice(String title, String message, String linkHref, String linkText);

        static native TemplateInstance confirmLink(String title, String message, String action, String token, String button);

        static native TemplateInstance signOutAtIdp(String endSessionUrl);

        /** The sign-in's second step: a code from the authenticator app, or a recovery code. */
        static native TemplateInstance secondStep(FormState form, String error, String nextQuery);
    }

    private final AccountService accounts;
    private final ProfileService profiles;
    private final CurrentUser currentUser;
    private final SessionCookies cookies;
    private final ClientAddress clientAddress;
    private final Csrf csrf;
    private final Flash flash;
    private final Instance<IdentityProviderLogout> idpLogout;
    private final Instance<SingleSignOnRouting> ssoRouting;

    AuthResource(AccountService accounts, ProfileService profiles, CurrentUser currentUser, SessionCookies cookies,
            ClientAddress clientAddress, Csrf csrf, Flash flash, Instance<IdentityProviderLogout> idpLogout,
            Instance<SingleSignOnRouting> ssoRouting) {
        this.accounts = accounts;
        this.profiles = profiles;
        this.currentUser = currentUser;
        this.cookies = cookies;
        this.clientAddress = clientAddress;
        this.csrf = csrf;
        this.flash = flash;
        this.idpLogout = idpLogout;
        this.ssoRouting = ssoRouting;
    }

    @GET
    @Path("signup")
    public TemplateInstance signupForm(@RestQuery String ref) {
        return Templates.signup(FormState.of(ref == null ? Map.of() : Map.of("referralCode", ref)), null, null);
    }

    @POST
    @Path("signup")
    public Response signup(@RestForm String email, @RestForm String password, @RestForm String workspaceName,
            @RestForm String displayName, @RestForm String referralCode,
            @CookieParam(UserSignedUp.ATTRIBUTION_COOKIE) String attributionToken, @Context HttpServerRequest request) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("email", nullToEmpty(email));
        values.put("workspaceName", nullToEmpty(workspaceName));
        values.put("displayName", nullToEmpty(displayName));
        values.put("referralCode", nullToEmpty(referralCode));
        try {
            AccountService.SignedUp signedUp = accounts.signUp(
                    new AccountService.SignUp(email, password, workspaceName, displayName, referralCode, attributionToken),
                    clientAddress.of(request), Requests.userAgent(request));
            csrf.rotate();
            flash.set("Welcome! We sent a confirmation link to " + signedUp.user().email + ".");
            return Requests.seeOther("/t/" + signedUp.tenant().slug + "/", cookies.session(signedUp.sessionToken()));
        } catch (InvalidInput e) {
            return Response.status(400).entity(Templates.signup(FormState.of(values).withErrors(e.fieldErrors()), null, null)).build();
        } catch (AccountService.TooManyAttempts e) {
            return Response.status(429).entity(Templates.signup(FormState.of(values), e.detail(), null)).build();
        } catch (SsoRequired e) {
            return Response.status(e.status()).entity(Templates.signup(FormState.of(values), e.detail(), e.ssoPath())).build();
        }
    }

    /** Step 1 of signing in: the email only. */
    @GET
    @Path("login")
    public TemplateInstance loginForm(@RestQuery String next) {
        return loginPage(Map.of(), next, null, false);
    }

    /**
     * Step 1 answered: an email in a domain that a workspace signs in with SSO goes to that workspace's IdP; every
     * other email, existing or not, gets the same password step (only the domain's SSO is revealed, never an account).
     */
    @POST
    @Path("login/email")
    public Response loginEmail(@RestForm String email, @RestForm String next) {
        String typed = nullToEmpty(email).trim();
        if (typed.length() > 254 || !AccountService.EMAIL.matcher(User.normaliseEmail(typed)).matches()) {
            return Response.status(400).entity(loginPage(Map.of("email", "Enter your email address, like name@example.com."),
                    next, typed, false)).build();
        }
        Optional<String> sso = ssoRouting.isResolvable() ? ssoRouting.get().ssoStartFor(typed) : Optional.empty();
        if (sso.isPresent()) {
            return Requests.seeOther(sso.get());
        }
        return Response.ok(loginPage(Map.of(), next, typed, true)).build();
    }

    /** Step 2 without step 1: for an owner's break-glass sign-in when the domain signs in with SSO. */
    @GET
    @Path("login/password")
    public TemplateInstance loginPasswordForm(@RestQuery String next) {
        return loginPage(Map.of(), next, "", true);
    }

    /** Step 2 answered (also what scripts and older pages post directly): email and password. */
    @POST
    @Path("login")
    public Response login(@RestForm String email, @RestForm String password, @RestForm String next,
            @Context HttpServerRequest request) {
        try {
            AccountService.SignedIn signedIn = accounts.signIn(email, password, clientAddress.of(request),
                    Requests.userAgent(request));
            if (signedIn.needsSecondStep()) {
                // No session yet: the browser keeps the pending sign-in's secret for the code step.
                return Requests.seeOther("/login/second-step" + nextQuery(next), cookies.secondStep(signedIn.secondStepToken()));
            }
            return signedIn(signedIn, next);
        } catch (AccountService.TooManyAttempts e) {
            return Response.status(429).entity(loginPage(Map.of(), next, nullToEmpty(email), true, e.detail(), null)).build();
        } catch (SsoRequired e) {
            return Response.status(e.status())
                    .entity(loginPage(Map.of(), next, nullToEmpty(email), true, e.detail(), e.ssoPath())).build();
        } catch (DomainException e) {
            return Response.status(e.status()).entity(loginPage(Map.of(), next, nullToEmpty(email), true, e.detail(), null)).build();
        }
    }

    /**
     * The second step, for people with a second factor, after a correct password. Without a pending sign-in (none,
     * expired) it goes back to the start.
     */
    @GET
    @Path("login/second-step")
    public Response secondStepForm(@RestQuery String next,
            @CookieParam(SessionCookies.SECOND_STEP) String pending) {
        if (pending == null || pending.isBlank()) {
            return Requests.seeOther("/login" + nextQuery(next));
        }
        return Response.ok(Templates.secondStep(FormState.of(Map.of("next", Requests.safeLocalPath(next))), null,
                nextQuery(next))).build();
    }

    /** The second step answered: a 6-digit code ({@code code}) or a recovery code ({@code recoveryCode}). */
    @POST
    @Path("login/second-step")
    public Response secondStep(@RestForm String code, @RestForm String recoveryCode, @RestForm String next,
            @CookieParam(SessionCookies.SECOND_STEP) String pending, @Context HttpServerRequest request) {
        String typed = code == null || code.isBlank() ? recoveryCode : code;
        FormState form = FormState.of(Map.of("next", Requests.safeLocalPath(next)));
        try {
            AccountService.SignedIn signedIn = accounts.completeSecondStep(pending, typed, clientAddress.of(request),
                    Requests.userAgent(request));
            Response done = signedIn(signedIn, next);
            return Response.fromResponse(done).cookie(cookies.clearSecondStep()).build();
        } catch (SsoRequired e) {
            return Response.status(e.status()).entity(loginPage(Map.of(), next, "", true, e.detail(), e.ssoPath()))
                    .cookie(cookies.clearSecondStep()).build();
        } catch (DomainException e) {
            if (e.status() == 410) {
                flash.set(e.detail());
                return Response.fromResponse(Requests.seeOther("/login" + nextQuery(next)))
                        .cookie(cookies.clearSecondStep()).build();
            }
            return Response.status(e.status()).entity(Templates.secondStep(form, e.detail(), nextQuery(next))).build();
        }
    }

    /** A session started: the browser's previous session, if any, ends, and the page asked for opens. */
    private Response signedIn(AccountService.SignedIn signedIn, String next) {
        csrf.rotate();
        // The previous session of this browser, if any, ends: a session id is never reused across sign-ins.
        if (currentUser.sessionToken() != null) {
            accounts.signOut(currentUser.sessionToken(), null);
        }
        String target = next == null || next.isBlank() || "/".equals(Requests.safeLocalPath(next)) ? "/workspaces"
                : Requests.safeLocalPath(next);
        return Requests.seeOther(target, cookies.session(signedIn.sessionToken()));
    }

    /** {@code ?next=…} (encoded) to keep the page asked for across the sign-in's steps, or empty. */
    private static String nextQuery(String next) {
        String safeNext = Requests.safeLocalPath(next);
        return "/".equals(safeNext) ? "" : "?next=" + URLEncoder.encode(safeNext, StandardCharsets.UTF_8);
    }

    private TemplateInstance loginPage(Map<String, String> fieldErrors, String next, String email, boolean passwordStep) {
        return loginPage(fieldErrors, next, email, passwordStep, null, null);
    }

    private TemplateInstance loginPage(Map<String, String> fieldErrors, String next, String email, boolean passwordStep,
            String error, String ssoPath) {
        String safeNext = Requests.safeLocalPath(next);
        FormState form = FormState.of(Map.of("email", email == null ? "" : email, "next", safeNext)).withErrors(fieldErrors);
        return Templates.login(form, error, passwordStep, nextQuery(next), ssoPath);
    }

    @POST
    @Path("logout")
    public Response logout() {
        Optional<URI> atIdentityProvider = currentUser.session().filter(s -> s.ssoTenantId != null)
                .filter(s -> idpLogout.isResolvable())
                .flatMap(s -> idpLogout.get().endSessionUrl(s.ssoTenantId, s.idpLogoutHint));
        accounts.signOut(currentUser.sessionToken(), currentUser.optionalUser().map(u -> u.id).orElse(null));
        flash.set("You are signed out.");
        if (atIdentityProvider.isPresent()) {
            // An SSO session also ends at the workspace's identity provider, which sends the browser back to /login.
            // A page that moves on by itself, not a redirect: under form-action 'self' Chromium refuses a redirect to
            // another origin after a form POST (docs/decisions/0111-sso-hops-past-form-action.md).
            return Response.ok(Templates.signOutAtIdp(atIdentityProvider.get().toString()))
                    .header("Cache-Control", "no-store").cookie(cookies.clearSession()).build();
        }
        return Requests.seeOther("/login", cookies.clearSession());
    }

    /** Links in mail are opened with GET, which never changes state: the page asks for one click (a POST). */
    @GET
    @Path("verify-email")
    public TemplateInstance verifyEmailPage(@RestQuery String token) {
        return Templates.confirmLink("Confirm your email", "Confirm that this email address is yours.", "/verify-email",
                token, "Confirm my email");
    }

    @POST
    @Path("verify-email")
    public TemplateInstance verifyEmail(@RestForm String token) {
        accounts.verifyEmail(token);
        return Templates.notice("Email confirmed", "Thank you — your email address is confirmed.", "/workspaces",
                "Go to your workspaces");
    }

    @POST
    @Path("verify-email/resend")
    @Access.SignedIn
    public Response resendVerification() {
        accounts.resendVerification(currentUser.id());
        flash.set("We sent a new confirmation link to " + currentUser.require().email + ".");
        return Requests.seeOther("/account");
    }

    @GET
    @Path("forgot-password")
    public TemplateInstance forgotPasswordForm() {
        return Templates.forgotPassword(FormState.empty(), null);
    }

    @POST
    @Path("forgot-password")
    public Response forgotPassword(@RestForm String email, @Context HttpServerRequest request) {
        try {
            accounts.requestPasswordReset(email, clientAddress.of(request));
        } catch (AccountService.TooManyAttempts e) {
            return Response.status(429).entity(Templates.forgotPassword(FormState.of(Map.of("email", nullToEmpty(email))), e.detail())).build();
        }
        return Response.ok(Templates.notice("Check your email",
                "If an account exists for that address, we sent it a link to choose a new password. The link works once, for one hour.",
                "/login", "Back to sign in")).build();
    }

    @GET
    @Path("reset-password")
    public TemplateInstance resetPasswordForm(@RestQuery String token) {
        accounts.checkResetToken(token);
        return Templates.resetPassword(token, FormState.empty());
    }

    @POST
    @Path("reset-password")
    public Response resetPassword(@RestForm String token, @RestForm String password) {
        try {
            accounts.resetPassword(token, password);
        } catch (InvalidInput e) {
            return Response.status(400).entity(Templates.resetPassword(token, FormState.empty().withErrors(e.fieldErrors()))).build();
        }
        flash.set("Your password was changed. Sign in with your new password.");
        return Requests.seeOther("/login", cookies.clearSession());
    }

    @GET
    @Path("email-change/confirm")
    public TemplateInstance confirmEmailChangePage(@RestQuery String token) {
        return Templates.confirmLink("Confirm your new email",
                "Confirm the change of your account's email address. You will be signed out everywhere and sign in again with the new address.",
                "/email-change/confirm", token, "Change my email");
    }

    @POST
    @Path("email-change/confirm")
    public Response confirmEmailChange(@RestForm String token) {
        profiles.confirmEmailChange(token);
        flash.set("Your email address was changed. Sign in again with the new address.");
        return Requests.seeOther("/login", cookies.clearSession());
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
