package pro.dailydoco.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.unboundid.scim2.client.ScimService;
import com.unboundid.scim2.common.exceptions.ResourceNotFoundException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.messages.ListResponse;
import com.unboundid.scim2.common.types.GroupResource;
import com.unboundid.scim2.common.types.Member;
import com.unboundid.scim2.common.types.Name;
import com.unboundid.scim2.common.types.ServiceProviderConfigResource;
import com.unboundid.scim2.common.types.UserResource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.ClientRequestFilter;
import pro.dailydoco.account.Role;
import pro.dailydoco.sso.SsoFlow;
import pro.dailydoco.sso.SsoLoginService;
import pro.dailydoco.support.Browser;

/**
 * A real SCIM 2.0 client (UnboundID's scim2-sdk-client, as directory connectors use it) drives provisioning against
 * the running application: create, filter, patch, deactivate, groups, delete. Keycloak has no built-in SCIM client,
 * so there is no Keycloak case here.
 */
@QuarkusTest
class ScimClientLibraryTest {

    private ScimWorkspace workspace;
    private Client http;
    private ScimService scim;

    @BeforeEach
    void connect() {
        workspace = ScimWorkspace.create("scim-client");
        http = ClientBuilder.newClient();
        String bearer = "Bearer " + workspace.token;
        scim = new ScimService(http.target(workspace.base())
                .register((ClientRequestFilter) request -> request.getHeaders().putSingle("Authorization", bearer)));
    }

    @AfterEach
    void close() {
        http.close();
    }

    @Test
    void theClientDiscoversTheServiceAndProvisionsFindsPatchesAndDeletesAPerson() throws ScimException {
        ServiceProviderConfigResource config = scim.getServiceProviderConfig();
        assertTrue(config.getPatch().isSupported());
        assertTrue(config.getEtag().isSupported());
        assertTrue(config.getFilter().isSupported());
        assertFalse(config.getBulk().isSupported());

        String email = workspace.email("ada");
        UserResource user = new UserResource().setUserName(email).setName(new Name().setGivenName("Ada").setFamilyName("Lovelace"))
                .setActive(true);
        user.setExternalId("okta-00u1");
        UserResource created = scim.create("Users", user);
        assertNotNull(created.getId());
        assertEquals(email, created.getUserName());
        assertEquals("Ada Lovelace", created.getDisplayName());
        assertEquals("W/\"1\"", created.getMeta().getVersion());
        assertEquals(workspace.base() + "/Users/" + created.getId(), created.getMeta().getLocation().toString());
        assertEquals(Optional.of(Role.MEMBER), workspace.roleOf(email), "a member with the SSO settings' default role");

        ListResponse<UserResource> byUserName = scim.searchRequest("Users").filter(Filter.eq("userName", email.toUpperCase()).toString())
                .invoke(UserResource.class);
        assertEquals(1, byUserName.getTotalResults());
        assertEquals(created.getId(), byUserName.getResources().get(0).getId());
        ListResponse<UserResource> byExternalId = scim.searchRequest("Users").filter(Filter.eq("externalId", "okta-00u1").toString())
                .invoke(UserResource.class);
        assertEquals(1, byExternalId.getTotalResults());
        assertEquals(0, scim.searchRequest("Users").filter(Filter.eq("userName", workspace.email("nobody")).toString())
                .invoke(UserResource.class).getTotalResults());

        UserResource renamed = scim.modifyRequest("Users", created.getId()).replaceValue("name.givenName", "Augusta Ada")
                .invoke(UserResource.class);
        assertEquals("Augusta Ada", renamed.getName().getGivenName());
        assertEquals("W/\"2\"", renamed.getMeta().getVersion());

        renamed.setDisplayName("Countess of Lovelace");
        UserResource replaced = scim.replace(renamed);
        assertEquals("Countess of Lovelace", scim.retrieve("Users", created.getId(), UserResource.class).getDisplayName());
        assertEquals("W/\"3\"", replaced.getMeta().getVersion());

        scim.delete("Users", created.getId());
        assertThrows(ResourceNotFoundException.class, () -> scim.retrieve("Users", created.getId(), UserResource.class));
        assertEquals(Optional.empty(), workspace.roleOf(email), "the membership went with the user");
    }

    @Test
    void deactivatingThroughTheClientEndsTheSignedInSessionAtOnceAndReactivationRestoresAccess() throws ScimException {
        String email = workspace.email("grace");
        UserResource created = scim.create("Users", new UserResource().setUserName(email).setActive(true));
        Browser signedIn = workspace.ssoSession(email);
        String home = "/t/" + workspace.tenant.slug + "/";
        assertEquals(200, signedIn.get(home).statusCode(), "signed in through SSO before");

        UserResource deactivated = scim.modifyRequest("Users", created.getId()).replaceValue("active", false).invoke(UserResource.class);
        assertFalse(deactivated.getActive());
        assertEquals(404, signedIn.get(home).statusCode(), "the next request with the same cookie is refused");
        assertEquals(303, signedIn.get("/account").statusCode(), "the session itself ended: back to sign-in");
        assertEquals(Optional.empty(), workspace.roleOf(email));
        assertEquals(1, workspace.audit("account.access-ended").size());

        scim.modifyRequest("Users", created.getId()).replaceValue("active", true).invoke(UserResource.class);
        assertEquals(Optional.of(Role.MEMBER), workspace.roleOf(email), "reactivation restores the membership");
        assertEquals(200, workspace.ssoSession(email).get(home).statusCode());
    }

    @Test
    void groupMembershipThroughTheClientSetsTheRoleBySsoMappingButNeverOwner() throws ScimException {
        String email = workspace.email("linus");
        UserResource user = scim.create("Users", new UserResource().setUserName(email).setActive(true));
        GroupResource admins = scim.create("Groups", new GroupResource().setDisplayName("Engineering Admins")
                .setMembers(List.of(new Member().setValue(user.getId()))));
        assertEquals(1, admins.getMembers().size());
        assertEquals(Optional.of(Role.ADMIN), workspace.roleOf(email));
        assertEquals(admins.getId(), scim.retrieve("Users", user.getId(), UserResource.class).getGroups().get(0).getValue());

        ListResponse<GroupResource> found = scim.searchRequest("Groups").filter(Filter.eq("displayName", "Engineering Admins").toString())
                .invoke(GroupResource.class);
        assertEquals(1, found.getTotalResults());

        scim.modifyRequest("Groups", admins.getId()).removeValues("members[value eq \"" + user.getId() + "\"]").invoke(GroupResource.class);
        assertEquals(Optional.of(Role.MEMBER), workspace.roleOf(email), "back to the default role");

        GroupResource owners = scim.create("Groups", new GroupResource().setDisplayName("Owners"));
        scim.modifyRequest("Groups", owners.getId()).addValues("members", new Member().setValue(user.getId())).invoke(GroupResource.class);
        assertEquals(Optional.of(Role.MEMBER), workspace.roleOf(email), "a mapping to OWNER is never applied");

        scim.delete("Groups", owners.getId());
        assertThrows(ResourceNotFoundException.class, () -> scim.retrieve("Groups", owners.getId(), GroupResource.class));
    }

    @Test
    void singleSignOnDoesNotGiveBackTheAccessTheDirectoryTookAway() throws Exception {
        // The IdP may still sign in a person the directory deactivated (two systems, two admins): SSO's first-sign-in
        // provisioning must not make them a member again. Settings now hold a secret, so single sign-on is usable.
        SsoFlow.configure(workspace.tenant, "https://idp.example/realms/" + workspace.tenant.slug, "dailydoco", "secret",
                new ObjectMapper().writeValueAsString(ScimWorkspace.ROLE_MAPPING), false);
        String email = workspace.email("heidi");
        UserResource created = scim.create("Users", new UserResource().setUserName(email).setActive(true));
        assertEquals(Optional.of(Role.MEMBER), workspace.roleOf(email));

        scim.modifyRequest("Users", created.getId()).replaceValue("active", false).invoke(UserResource.class);
        assertEquals(Optional.empty(), workspace.roleOf(email));
        SsoLoginService.Refused refused = assertThrows(SsoLoginService.Refused.class, () -> ssoSignIn(email));
        assertTrue(refused.getMessage().contains("directory has deactivated"), refused.getMessage());
        assertEquals(Optional.empty(), workspace.roleOf(email), "no membership came back through single sign-on");

        scim.modifyRequest("Users", created.getId()).replaceValue("active", true).invoke(UserResource.class);
        assertNotNull(ssoSignIn(email), "reactivated: single sign-on works again");
        assertEquals(Optional.of(Role.MEMBER), workspace.roleOf(email));
    }

    private String ssoSignIn(String email) {
        return Arc.container().instance(SsoLoginService.class).get().signIn(workspace.tenant.id, new SsoLoginService.Claims(
                "https://idp.example/realms/" + workspace.tenant.slug, "sub-" + email, email, true, "Heidi", List.of(),
                "id-token", "sid-" + email), "test", "127.0.0.1");
    }
}
