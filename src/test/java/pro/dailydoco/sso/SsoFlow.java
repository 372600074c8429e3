package pro.dailydoco.sso;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

import io.quarkus.arc.Arc;
import io.restassured.response.Response;
import pro.dailydoco.support.Browser;
import pro.dailydoco.support.KeycloakResource;
import pro.dailydoco.tenant.ScopedWork;
import pro.dailydoco.tenant.Tenant;

/** Drives the authorization code flow like a browser: our app ⇄ Keycloak's login form, following redirects by hand. */
public final class SsoFlow {

    public static final String REALM_A = "idp-a";
    static final String REALM_B = "idp-b";

    private SsoFlow() {
    }

    public static String password(String realm) {
        return "pass-" + realm;
    }

    /** Gives the tenant SSO settings as the settings page would store them (secret encrypted). */
    public static void configure(Tenant tenant, String issuer, String clientId, String clientSecret, String roleMappingJson,
            boolean enforce, String... verifiedDomains) {
        SecretBox box = Arc.container().instance(SecretBox.class).get();
        Arc.container().instance(ScopedWork.class).get().run(tenant.id, null, () -> {
            SsoSettingsRow row = SsoSettingsRow.findById(tenant.id);
            if (row == null) {
                row = new SsoSettingsRow();
                row.tenantId = tenant.id;
                row.version = 0;
            }
            row.issuer = issuer;
            row.clientId = clientId;
            row.clientSecretEnc = box.encrypt(clientSecret, tenant.id.toString());
            row.scopes = "openid email profile";
            row.rolesClaim = "groups";
            row.defaultRole = "MEMBER";
            row.roleMapping = roleMappingJson;
            row.enforce = enforce;
            row.version++;
            row.updatedAt = Instant.now();
            row.persist();
            for (String domain : verifiedDomains) {
                SsoDomainClaim claim = new SsoDomainClaim();
                claim.id = UUID.randomUUID();
                claim.domain = domain;
                claim.verificationToken = UUID.randomUUID().toString();
                claim.verifiedAt = Instant.now();
                claim.createdAt = Instant.now();
                claim.persist();
            }
        });
    }

    /** Releases the tenant's domain claims so that the next test can claim the IdP users' fixed domains. */
    public static void releaseDomains(Tenant tenant) {
        if (tenant != null) {
            Arc.container().instance(ScopedWork.class).get().run(tenant.id, null, () -> SsoDomainClaim.delete("domain is not null"));
        }
    }

    static pro.dailydoco.account.Role roleIn(Tenant tenant, String email) {
        return Arc.container().instance(ScopedWork.class).get().call(tenant.id, null, () -> pro.dailydoco.account.User
                .findByEmail(email).flatMap(u -> pro.dailydoco.account.Membership.find(tenant.id, u.id)).map(m -> m.role).orElse(null));
    }

    /** The tenant's audit entries with {@code action}, oldest first, each as "OUTCOME details". */
    @SuppressWarnings("unchecked")
    public static List<String> audit(Tenant tenant, String action) {
        return Arc.container().instance(ScopedWork.class).get().asTenant(tenant.id, () -> Tenant.getEntityManager()
                .createNativeQuery("select outcome || ' ' || details from audit_entry where tenant_id = ?1 and action = ?2 order by seq")
                .setParameter(1, tenant.id).setParameter(2, action).getResultList());
    }

    /**
     * Where /t/{slug}/sso moves the browser on to: a page that refreshes itself to that address (no redirect, so that
     * a form POST before it is not followed by a redirect to another origin).
     */
    static String continueUrl(Response start) {
        assertEquals(200, start.statusCode(), start.asString());
        Element refresh = Jsoup.parse(start.asString()).selectFirst("meta[http-equiv=refresh]");
        assertNotNull(refresh, start.asString());
        String target = refresh.attr("content").replaceFirst("^0; url=", "");
        assertEquals(target, Jsoup.parse(start.asString()).selectFirst("a#sso-continue").attr("href"), "the same link to click");
        return target;
    }

    /** From /t/{slug}/sso to the IdP: returns the authorization request our app sends the browser to. */
    static String authorizationRequest(Browser browser, String slug) {
        Response start = browser.get("/t/" + slug + "/sso");
        Response challenge = browser.get(localPart(URI.create(continueUrl(start))));
        assertEquals(302, challenge.statusCode(), challenge.asString());
        return challenge.getHeader("Location");
    }

    /** From /t/{slug}/sso to the IdP's login form; returns the form page and the IdP's cookies. */
    static Idp startAt(Browser browser, String slug) {
        String authorize = authorizationRequest(browser, slug);
        Response form = given().urlEncodingEnabled(false).redirects().follow(false).get(authorize);
        assertEquals(200, form.statusCode(), authorize + " -> " + form.getHeader("Location"));
        return new Idp(authorize, form, new HashMap<>(form.getCookies()));
    }

    /** Types the credentials into the IdP's form; returns the IdP's answer (a redirect to our callback on success). */
    static Response submitCredentials(Idp idp, String username, String password) {
        Element loginForm = Jsoup.parse(idp.form().asString()).selectFirst("form#kc-form-login");
        assertNotNull(loginForm, "Keycloak's login form");
        return given().urlEncodingEnabled(false).redirects().follow(false).cookies(idp.cookies())
                .contentType("application/x-www-form-urlencoded")
                .formParam("username", username).formParam("password", password)
                .post(loginForm.attr("action"));
    }

    /** Follows the IdP's redirect back into our app. */
    static Response returnToApp(Browser browser, Response idpRedirect) {
        assertEquals(302, idpRedirect.statusCode(), idpRedirect.asString());
        return browser.get(localPart(URI.create(idpRedirect.getHeader("Location"))));
    }

    /**
     * Path and query of a URL on the configured base URL: the test app listens on a port of its own, so the browser
     * goes to the same path there.
     */
    static String localPart(URI onBaseUrl) {
        return onBaseUrl.getRawPath() + (onBaseUrl.getRawQuery() == null ? "" : "?" + onBaseUrl.getRawQuery());
    }

    /** The IdP's answer to an authorization request that needs no login form (mock-oauth2-server signs people in at once). */
    static Response authorizeWithoutForm(String authorizeUrl) {
        return given().urlEncodingEnabled(false).redirects().follow(false).get(authorizeUrl);
    }

    /** The whole sign-in; returns our app's final answer (303 into the workspace on success). */
    public static Response signIn(Browser browser, String slug, String username, String realm) {
        KeycloakResource.awaitReady();
        Idp idp = startAt(browser, slug);
        return returnToApp(browser, submitCredentials(idp, username, password(realm)));
    }

    /** An access token for Keycloak's admin API, as the IdP's administrator would use it. */
    public static String idpAdminToken() {
        return given().urlEncodingEnabled(true).contentType("application/x-www-form-urlencoded")
                .formParams(Map.of("grant_type", "password", "client_id", "admin-cli", "username", "admin", "password", "admin"))
                .post(KeycloakResource.baseUrl() + "/realms/master/protocol/openid-connect/token").then().statusCode(200)
                .extract().path("access_token");
    }

    /**
     * Creates a person at the IdP (username = email, verified, password {@link #password(String)}), so a test can use
     * an email no other test has signed in with.
     */
    public static void createIdpUser(String realm, String email) {
        KeycloakResource.awaitReady();
        given().auth().oauth2(idpAdminToken()).contentType("application/json")
                .body(Map.of("username", email, "email", email, "emailVerified", true, "enabled", true,
                        "firstName", "Test", "lastName", "Person",
                        "credentials", java.util.List.of(Map.of("type", "password", "value", password(realm), "temporary", false))))
                .post(KeycloakResource.baseUrl() + "/admin/realms/" + realm + "/users").then().statusCode(201);
    }

    /**
     * Registers a client of our app at the IdP, as an IT admin does, with the back-channel logout URL where the IdP
     * reaches this workspace (each test's workspace has its own slug, so its own client).
     */
    public static void createClient(String realm, String clientId, String secret, String backChannelLogoutUrl) {
        KeycloakResource.awaitReady();
        given().auth().oauth2(idpAdminToken()).contentType("application/json")
                .body(Map.of("clientId", clientId, "enabled", true, "protocol", "openid-connect", "publicClient", false,
                        "secret", secret, "standardFlowEnabled", true, "directAccessGrantsEnabled", false,
                        "redirectUris", List.of("http://localhost:8080/t/*"), "frontchannelLogout", false,
                        "attributes", Map.of("pkce.code.challenge.method", "S256",
                                "post.logout.redirect.uris", "http://localhost:8080/login",
                                "backchannel.logout.url", backChannelLogoutUrl,
                                "backchannel.logout.session.required", "true")))
                .post(KeycloakResource.baseUrl() + "/admin/realms/" + realm + "/clients").then().statusCode(201);
    }

    /** The IdP's id of the person whose username is {@code email}. */
    public static String idpUserId(String realm, String email) {
        return given().auth().oauth2(idpAdminToken()).queryParam("username", email).queryParam("exact", true)
                .get(KeycloakResource.baseUrl() + "/admin/realms/" + realm + "/users").then().statusCode(200)
                .extract().path("[0].id");
    }

    /** Offboarding at the IdP: the person is disabled, then their sessions there are signed out. */
    public static void disableAndSignOut(String realm, String email) {
        String id = idpUserId(realm, email);
        String token = idpAdminToken();
        given().auth().oauth2(token).contentType("application/json").body(Map.of("enabled", false))
                .put(KeycloakResource.baseUrl() + "/admin/realms/" + realm + "/users/" + id).then().statusCode(204);
        given().auth().oauth2(token).post(KeycloakResource.baseUrl() + "/admin/realms/" + realm + "/users/" + id + "/logout")
                .then().statusCode(204);
    }

    record Idp(String authorizeUrl, Response form, Map<String, String> cookies) {
    }
}
