package pro.dailydoco.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.arc.Arc;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import pro.dailydoco.account.Membership;
import pro.dailydoco.account.Role;
import pro.dailydoco.account.SessionService;
import pro.dailydoco.account.Tokens;
import pro.dailydoco.account.User;
import pro.dailydoco.account.web.SessionCookies;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;
import pro.dailydoco.support.TestTenants;
import pro.dailydoco.sso.SsoDomainClaim;
import pro.dailydoco.sso.SsoSettingsRow;
import pro.dailydoco.tenant.ScopedWork;
import pro.dailydoco.tenant.Tenant;

/**
 * An Enterprise workspace ready for provisioning, built as an admin would: SSO settings with a role mapping, a
 * verified email domain, and a SCIM token created on the workspace's SCIM page by a signed-in owner.
 */
final class ScimWorkspace {

    static final String MEDIA_TYPE = "application/scim+json";
    static final Map<String, String> ROLE_MAPPING = Map.of("Engineering Admins", "ADMIN", "Finance", "BILLING", "Owners", "OWNER");

    final Tenant tenant;
    final String domain;
    final Browser owner;
    String token;

    private ScimWorkspace(Tenant tenant, String domain, Browser owner) {
        this.tenant = tenant;
        this.domain = domain;
        this.owner = owner;
    }

    static ScimWorkspace create(String prefix) {
        Tenant tenant = TestTenants.withPlan(prefix, "ENTERPRISE");
        String domain = "scim-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        scopedWork().run(tenant.id, null, () -> {
            SsoSettingsRow settings = new SsoSettingsRow();
            settings.tenantId = tenant.id;
            settings.issuer = "https://idp.example/realms/" + tenant.slug;
            settings.clientId = "dailydoco";
            settings.scopes = "openid email profile";
            settings.rolesClaim = "groups";
            settings.defaultRole = "MEMBER";
            try {
                settings.roleMapping = new ObjectMapper().writeValueAsString(ROLE_MAPPING);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            settings.version = 1;
            settings.updatedAt = Instant.now();
            settings.persist();
            SsoDomainClaim claim = new SsoDomainClaim();
            claim.id = UUID.randomUUID();
            claim.domain = domain;
            claim.verificationToken = Tokens.newToken();
            claim.createdAt = Instant.now();
            claim.verifiedAt = Instant.now();
            claim.persist();
        });
        ScimWorkspace workspace = new ScimWorkspace(tenant, domain, Accounts.signedInMember(tenant, Role.OWNER));
        workspace.token = workspace.rotateToken();
        return workspace;
    }

    /** Presses "Create token" / "Rotate token" on the SCIM page and reads the token shown once. */
    String rotateToken() {
        owner.get(page());
        Response response = owner.post(page() + "/token");
        assertEquals(200, response.statusCode(), response.asString());
        String shown = Browser.html(response).select("#scim-new-token code.secret").text();
        assertNotNull(shown);
        assertEquals(true, shown.startsWith("ddscim_"), response.asString());
        return shown;
    }

    String page() {
        return "/t/" + tenant.slug + "/settings/scim";
    }

    String base() {
        return "http://localhost:" + RestAssured.port + "/scim/v2/" + tenant.slug;
    }

    String email(String local) {
        return local + "-" + UUID.randomUUID().toString().substring(0, 6) + "@" + domain;
    }

    /** A request with this workspace's token. */
    RequestSpecification scim() {
        return RestAssured.given().header("Authorization", "Bearer " + token).contentType(MEDIA_TYPE).accept(MEDIA_TYPE);
    }

    Response createUser(String email) {
        Response response = scim().body("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"" + email
                + "\",\"name\":{\"givenName\":\"Test\",\"familyName\":\"Person\"},\"active\":true}").post(base() + "/Users");
        assertEquals(201, response.statusCode(), response.asString());
        return response;
    }

    Optional<Role> roleOf(String email) {
        UUID userId = Accounts.user(email).id;
        return scopedWork().call(tenant.id, null, () -> Membership.find(tenant.id, userId).map(m -> m.role));
    }

    /** A browser holding a live SSO session of this person for this workspace (as a sign-in through the IdP makes). */
    Browser ssoSession(String email) {
        UUID userId = Accounts.user(email).id;
        String cookie = Arc.container().instance(SessionService.class).get().start(userId, "test", "127.0.0.1", tenant.id);
        Browser browser = new Browser();
        browser.setCookie(SessionCookies.SESSION, cookie);
        return browser;
    }

    @SuppressWarnings("unchecked")
    List<String> audit(String action) {
        return scopedWork().call(tenant.id, null, () -> User.getEntityManager()
                .createNativeQuery("select outcome || ' ' || details from audit_entry where tenant_id = ?1 and action = ?2 order by seq")
                .setParameter(1, tenant.id).setParameter(2, action).getResultList());
    }

    static ScopedWork scopedWork() {
        return Arc.container().instance(ScopedWork.class).get();
    }
}
