package pro.dailydoco.sso;

import java.util.Map;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import pro.dailydoco.account.web.Access;

/**
 * Where a workspace's IdP posts back-channel logout tokens ({@code backchannel_logout_uri}). Answers as the
 * specification asks: 200 when the token was accepted, 400 with an OAuth error object when not, never cached. The
 * IdP signs the token, so the CSRF check (for browsers' forms) does not apply here.
 */
@Path("/t/{slug}/sso/backchannel-logout")
@Access.OpenToNonMembers
@Access.SignedBySender
public class SsoBackChannelLogoutResource {

    private final SsoBackChannelLogout logout;

    SsoBackChannelLogoutResource(SsoBackChannelLogout logout) {
        this.logout = logout;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response receive(@RestPath String slug, @RestForm("logout_token") String logoutToken) {
        try {
            logout.receive(slug, logoutToken);
            return Response.ok().header(HttpHeaders.CACHE_CONTROL, "no-store").build();
        } catch (SsoBackChannelLogout.Rejected e) {
            return Response.status(400).type(MediaType.APPLICATION_JSON_TYPE).header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .entity(Map.of("error", "invalid_request", "error_description", e.getMessage())).build();
        }
    }
}
