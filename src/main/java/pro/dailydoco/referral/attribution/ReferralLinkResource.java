package pro.dailydoco.referral.attribution;

import java.net.URI;

import org.jboss.resteasy.reactive.RestPath;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import pro.dailydoco.account.UserSignedUp;
import pro.dailydoco.account.web.ClientAddress;
import pro.dailydoco.referral.ReferralConfig;
import pro.dailydoco.tenant.TenantConfig;

/** The public referral link. Every answer is a 303 to sign-up; only a recorded click sets the attribution cookie. */
@Path("/r")
public class ReferralLinkResource {

    private final ReferralClicks clicks;
    private final ClientAddress clientAddress;
    private final ReferralConfig config;
    private final boolean secureCookie;

    ReferralLinkResource(ReferralClicks clicks, ClientAddress clientAddress, ReferralConfig config, TenantConfig tenantConfig) {
        this.clicks = clicks;
        this.clientAddress = clientAddress;
        this.config = config;
        this.secureCookie = tenantConfig.baseUrl().startsWith("https://");
    }

    @GET
    @Path("/{code}")
    public Response follow(@RestPath String code, @CookieParam(UserSignedUp.ATTRIBUTION_COOKIE) String currentToken,
            @Context HttpServerRequest request) {
        return clicks.follow(code, clientAddress.of(request), currentToken)
                .map(token -> Response.seeOther(UriBuilder.fromPath("/signup").queryParam("ref", code).build())
                        .cookie(cookie(token)).build())
                .orElseGet(() -> Response.seeOther(URI.create("/signup")).build());
    }

    private NewCookie cookie(String token) {
        return new NewCookie.Builder(UserSignedUp.ATTRIBUTION_COOKIE).value(token).path("/").httpOnly(true)
                .secure(secureCookie).sameSite(NewCookie.SameSite.LAX)
                .maxAge((int) Math.min(Integer.MAX_VALUE, config.attribution().window().toSeconds())).build();
    }
}
