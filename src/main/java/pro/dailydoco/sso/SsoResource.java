package pro.dailydoco.sso;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.oidc.IdToken;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import pro.dailydoco.account.AccountService;
import pro.dailydoco.account.CurrentUser;
import pro.dailydoco.account.web.Access;
import pro.dailydoco.account.web.ClientAddress;
import pro.dailydoco.account.web.Csrf;
import pro.dailydoco.account.web.SessionCookies;
import pro.dailydoco.core.web.Requests;
import pro.dailydoco.tenant.Tenant;
import pro.dailydoco.tenant.TenantConfig;
import pro.dailydoco.tenant.TenantContext;
import pro.dailydoco.tenant.WorkspaceNotFound;

/**
 * The SSO code flow of one workspace. {@code /sso} checks that SSO is available and sends the browser to
 * {@code /sso/login}, where quarkus-oidc (see {@link SsoTenantConfigResolver}) redirects to the IdP with PKCE,
 * state and nonce. The IdP returns to {@code /sso/callback}: quarkus-oidc exchanges the code and verifies the ID
 * token, then this resource starts our own session and expires quarkus-oidc's session cookies.
 * <p>
 * {@code /sso} answers a page that moves on by itself (a GET hop) rather than a redirect: sign-in often starts with a
 * form POST ({@code /login/email}), and under {@code form-action 'self'} Chromium refuses any redirect to another
 * origin that follows a form submission. A new document's refresh is no form submission, so the IdP is reached
 * (docs/decisions/0111-sso-hops-past-form-action.md).
 */
@Path("/t/{slug}/sso")
@Produces(MediaType.TEXT_HTML)
@Access.OpenToNonMembers
public class SsoResource {

    /** The prefix of quarkus-oidc's session cookies (and their chunks). */
    private static final String OIDC_SESSION_COOKIE = "q_session";
    /** Where to go after an initiated sign-in: a checked path of the workspace, never a token. */
    private static final String TARGET_COOKIE = "dd_sso_target";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance failed(String slug, String title, String message);

        static native TemplateInstance continueToIdp(String workspaceName, String loginUrl);
    }

    private final SsoSettingsService settings;
    private final SsoLoginService logins;
    private final SsoFailures failures;
    private final TenantContext tenantContext;
    private final CurrentUser currentUser;
    private final AccountService accounts;
    private final SessionCookies cookies;
    private final ClientAddress clientAddress;
    private final Csrf csrf;
    private final TenantConfig tenantConfig;
    private final SsoIdpRefusal idpRefusal;

    @Inject
    @IdToken
    JsonWebToken idToken;

    SsoResource(SsoSettingsService settings, SsoLoginService logins, SsoFailures failures, TenantContext tenantContext,
            CurrentUser currentUser, AccountService accounts, SessionCookies cookies, ClientAddress clientAddress, Csrf csrf,
            TenantConfig tenantConfig, SsoIdpRefusal idpRefusal) {
        this.idpRefusal = idpRefusal;
        this.settings = settings;
        this.logins = logins;
        this.failures = failures;
        this.tenantContext = tenantContext;
        this.currentUser = currentUser;
        this.accounts = accounts;
        this.cookies = cookies;
        this.clientAddress = clientAddress;
        this.csrf = csrf;
        this.tenantConfig = tenantConfig;
    }

    @GET
    public Response start(@RestPath String slug, @Context HttpServerRequest request) {
        Tenant tenant = tenantContext.tenant().orElseThrow();
        boolean available = settings.forTenant(tenant.id).filter(settings::isUsable).isPresent();
        if (!available) {
            // Only a workspace that offers SSO admits it exists here (docs/decisions/0095-outsiders-see-one-not-found.md).
            throw new WorkspaceNotFound();
        }
        // On the base URL, where the IdP sends the browser back: quarkus-oidc's state cookie must be set on that host.
        String login = SsoTenantConfigResolver.flowUrl(tenantConfig, tenant.slug) + "/login";
        // Cookies a browser kept from before quarkus-oidc's were expired at the callback would make /sso/login resume
        // (or fail on) that old session instead of asking the IdP.
        expireOidcSessionCookies(request, tenant.slug);
        // A target left by an earlier initiated sign-in that never completed does not apply to this one.
        request.response().addCookie(Cookie.cookie(TARGET_COOKIE, "").setPath("/t/" + tenant.slug + "/sso").setMaxAge(0)
                .setHttpOnly(true).setSameSite(CookieSameSite.LAX));
        return Response.ok(Templates.continueToIdp(tenant.displayName, login)).header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    /**
     * The workspace's stable "Sign in with SSO" link (for a company portal) and its IdP's "initiate login URI": starts
     * the code flow like {@code /sso}, honouring OpenID Connect's third-party initiated login parameters as far as
     * they are safe (see {@link SsoLoginInitiation}).
     */
    @GET
    @Path("start")
    public Response startFromOutside(@RestPath String slug, @RestQuery String iss, @RestQuery("login_hint") String loginHint,
            @RestQuery("target_link_uri") String targetLinkUri, @Context HttpServerRequest request) {
        Tenant tenant = tenantContext.tenant().orElseThrow();
        SsoSettings offered = settings.forTenant(tenant.id).filter(settings::isUsable).orElseThrow(WorkspaceNotFound::new);
        String base = tenantConfig.absolute("");
        if (!SsoLoginInitiation.issuerMatches(iss, offered)) {
            return failures.initiatedByAnotherIssuer(tenant.slug, tenant.id);
        }
        String login = SsoTenantConfigResolver.flowUrl(tenantConfig, tenant.slug) + "/login"
                + SsoLoginInitiation.loginHint(loginHint).map(h -> "?login_hint=" + URLEncoder.encode(h, StandardCharsets.UTF_8)).orElse("");
        expireOidcSessionCookies(request, tenant.slug);
        Cookie target = SsoLoginInitiation.safeTarget(targetLinkUri, base, tenant.slug)
                .map(path -> Cookie.cookie(TARGET_COOKIE, Base64.getUrlEncoder().withoutPadding()
                        .encodeToString(path.getBytes(StandardCharsets.UTF_8))).setMaxAge(600))
                .orElseGet(() -> Cookie.cookie(TARGET_COOKIE, "").setMaxAge(0));
        request.response().addCookie(target.setPath("/t/" + tenant.slug + "/sso").setHttpOnly(true)
                .setSecure(base.startsWith("https:")).setSameSite(CookieSameSite.LAX));
        return Response.ok(Templates.continueToIdp(tenant.displayName, login)).header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    @GET
    @Path("login")
    @Authenticated
    public Response login(@RestPath String slug, @Context HttpServerRequest request) {
        return complete(request);
    }

    @GET
    @Path("callback")
    @Authenticated
    public Response callback(@RestPath String slug, @Context HttpServerRequest request) {
        return complete(request);
    }

    /** quarkus-oidc sends the IdP's own errors here (access_denied when consent is refused, …). */
    @GET
    @Path("error")
    public Response error(@RestPath String slug, @RestQuery String error, @RestQuery("error_description") String description,
            @RestQuery(SsoIdpRefusal.MARKER) String marker) {
        Tenant tenant = tenantContext.tenant().orElseThrow();
        // The IdP refused someone who is still signed in here: their access to this workspace ends too.
        boolean ended = settings.forTenant(tenant.id).map(s -> idpRefusal.endAccessIfRefused(s, error, marker,
                currentUser.isSignedIn() ? currentUser.id() : null)).orElse(false);
        Response page = failures.fromIdentityProvider(slug, error, description);
        return ended ? Response.fromResponse(page).cookie(cookies.clearSession()).build() : page;
    }

    private Response complete(HttpServerRequest request) {
        Tenant tenant = tenantContext.tenant().orElseThrow();
        SsoLoginService.Claims claims = new SsoLoginService.Claims(idToken.getIssuer(), idToken.getSubject(),
                idToken.getClaim("email"), Boolean.TRUE.equals(bool(idToken.getClaim("email_verified"))),
                idToken.getClaim("name"), strings(idToken.getClaim(rolesClaim(tenant))), idToken.getRawToken(),
                idToken.getClaim("sid"));
        // quarkus-oidc's session cookie is not ours: our session table is the only one the app trusts, and the tokens
        // it holds must not outlive this response (docs/decisions/0110-sso-tokens-stay-on-the-server.md).
        expireOidcSessionCookies(request, tenant.slug);
        String token = logins.signIn(tenant.id, claims, Requests.userAgent(request), clientAddress.of(request));
        if (currentUser.sessionToken() != null) {
            accounts.signOut(currentUser.sessionToken(), null);
        }
        csrf.rotate();
        // A sign-in started from the portal or the IdP may name a page of this workspace; checked again here.
        String then = Optional.ofNullable(request.getCookie(TARGET_COOKIE)).map(Cookie::getValue)
                .flatMap(SsoResource::decodedTarget)
                .flatMap(t -> SsoLoginInitiation.safeTarget(t, tenantConfig.absolute(""), tenant.slug))
                .orElse("/t/" + tenant.slug + "/");
        request.response().addCookie(Cookie.cookie(TARGET_COOKIE, "").setPath("/t/" + tenant.slug + "/sso").setMaxAge(0)
                .setHttpOnly(true).setSameSite(CookieSameSite.LAX));
        return Requests.seeOther(then, cookies.session(token));
    }

    /**
     * Expires every quarkus-oidc session cookie of this response and request. quarkus-oidc sets {@code q_session*}
     * (chunked past 4 KB, Max-Age 300) at each callback, and its own logout only removes the cookies the request
     * carried, not the ones it has just set; left alone, Chromium drops the chunk over 4 KB and the next
     * {@code /sso/login} fails on the rest (401), while a client that keeps every chunk is signed in again from the
     * cookie, without the IdP, after signing out.
     */
    private static void expireOidcSessionCookies(HttpServerRequest request, String slug) {
        Set<String> names = new TreeSet<>();
        request.cookies().forEach(c -> {
            if (c.getName().startsWith(OIDC_SESSION_COOKIE)) {
                names.add(c.getName());
            }
        });
        for (String name : names) {
            // Those set in this response are dropped before they are sent; those the browser sent are expired on the
            // path quarkus-oidc gave them (the flow's, see SsoTenantConfigResolver), not the request's default path.
            request.response().removeCookies(name, false);
            request.response().addCookie(Cookie.cookie(name, "").setPath("/t/" + slug + "/sso").setMaxAge(0)
                    .setHttpOnly(true).setSameSite(CookieSameSite.LAX));
        }
    }

    private static Optional<String> decodedTarget(String cookie) {
        try {
            return Optional.of(new String(Base64.getUrlDecoder().decode(cookie), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private String rolesClaim(Tenant tenant) {
        return settings.forTenant(tenant.id).map(SsoSettings::rolesClaim).orElse("groups");
    }

    private static Boolean bool(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        return value instanceof JsonValue v && v.getValueType() == JsonValue.ValueType.TRUE;
    }

    private static List<String> strings(Object value) {
        if (value instanceof JsonArray array) {
            return array.stream().filter(JsonString.class::isInstance).map(v -> ((JsonString) v).getString()).toList();
        }
        if (value instanceof Collection<?> collection) {
            return collection.stream().map(String::valueOf).toList();
        }
        if (value instanceof String s) {
            return List.of(s);
        }
        return List.of();
    }
}
