package pro.dailydoco.account.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.vertx.core.Context;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import pro.dailydoco.account.Authenticator;
import pro.dailydoco.account.CurrentUser;
import pro.dailydoco.core.web.ErrorResponses;
import pro.dailydoco.core.web.Requests;
import pro.dailydoco.tenant.TenantContext;
import pro.dailydoco.tenant.WorkspaceNotFound;

/**
 * The one answer to someone outside a workspace (docs/decisions/0095-outsiders-see-one-not-found.md): the same 404
 * page, byte for byte, whether the workspace exists or not. The page is rendered without the workspace (no name, no
 * branding) and with the asker as they are signed in, which an unknown address would not otherwise know: tenant
 * resolution fails before the session is read.
 */
public class OutsiderAnswers {

    private final TenantContext tenantContext;
    private final CurrentUser currentUser;
    private final Authenticator authenticator;
    private final ErrorResponses errors;

    OutsiderAnswers(TenantContext tenantContext, CurrentUser currentUser, Authenticator authenticator, ErrorResponses errors) {
        this.tenantContext = tenantContext;
        this.currentUser = currentUser;
        this.authenticator = authenticator;
        this.errors = errors;
    }

    @ServerExceptionMapper
    public Response workspaceNotFound(WorkspaceNotFound e, ContainerRequestContext request) {
        tenantContext.setTenant(null);
        tenantContext.setTenantId(null);
        Cookie session = request.getCookies().get(SessionCookies.SESSION);
        // Reading the session is database work: not on the I/O thread, where the pre-matching SSO filter's refusals
        // land. Those answer every slug from that same thread, so they too are alike for existing and unknown ones.
        if (!currentUser.isSignedIn() && session != null && !Context.isOnEventLoopThread()) {
            authenticator.signIn(session.getValue());
        }
        Response rendered = errors.render(e.status(), e.title(), e.detail(), null, request.getHeaderString(HttpHeaders.ACCEPT))
                .toResponse();
        if (!currentUser.isSignedIn() && Requests.sentByHtmx(request)) {
            // A signed-out member's htmx poll still reaches sign-in. The address it names is the one asked for,
            // so the header tells nothing the asker did not send.
            return Response.fromResponse(rendered).header("HX-Redirect", signInFor(request)).build();
        }
        return rendered;
    }

    static String signInFor(ContainerRequestContext request) {
        String next = request.getUriInfo().getRequestUri().getRawPath();
        String query = request.getUriInfo().getRequestUri().getRawQuery();
        if (query != null) {
            next += "?" + query;
        }
        // Relative on purpose: the Host header never ends up in a Location we write.
        return "/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
    }
}
