package pro.dailydoco.account.web;

import java.util.Set;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.WithFormRead;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import pro.dailydoco.core.DomainException;

/**
 * Checks the CSRF token on every state-changing request (POST, PUT, PATCH, DELETE): htmx requests by header,
 * forms by field. Exempt are only resources marked {@link Access.SignedBySender}, which no browser's cookie
 * authorises: Stripe's webhook (signed by Stripe), the back-channel logout tokens a workspace's IdP posts (signed by
 * the IdP), the SCIM API and the public API under /api/v1 (a bearer token or API key in the Authorization header,
 * which no other site can make a browser send; see docs/decisions/0140-scim-tokens.md and
 * docs/decisions/0184-api-requests-scoped-by-their-key.md). The OIDC callback
 * ({@code /t/{slug}/sso/callback}) is a GET (query response mode) protected by the state and PKCE checks of
 * quarkus-oidc. GET never changes state, so it is not checked.
 */
public class CsrfFilter {

    private static final Set<String> UNSAFE = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final Csrf csrf;
    private final SessionCookies cookies;

    CsrfFilter(Csrf csrf, SessionCookies cookies) {
        this.csrf = csrf;
        this.cookies = cookies;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION - 50)
    @WithFormRead
    public void checkToken(ResteasyReactiveContainerRequestContext request, ResourceInfo resource) {
        if (!UNSAFE.contains(request.getMethod()) || signedBySender(resource)) {
            return;
        }
        String token = request.getHeaderString(Csrf.HEADER);
        if (token == null) {
            ResteasyReactiveRequestContext context = (ResteasyReactiveRequestContext) request.getServerRequestContext();
            Object field = context.getFormParameter(Csrf.FORM_FIELD, true, false);
            token = field == null ? null : field.toString();
        }
        if (!csrf.isValid(token)) {
            throw new DomainException(403, "This form has expired",
                    "For your security, this form can only be sent from a page of this site you opened recently. "
                            + "Go back, reload the page and try again.");
        }
    }

    @ServerResponseFilter
    public void issueCookie(ContainerResponseContext response) {
        // Pages leave the browser with a secret for their forms; webhooks and JSON answers get no cookie.
        if (response.getMediaType() != null && "html".equals(response.getMediaType().getSubtype())) {
            csrf.cookieValue();
        }
        if (csrf.hasNewCookie()) {
            response.getHeaders().add(HttpHeaders.SET_COOKIE, cookies.csrf(csrf.cookieValue()));
        }
    }

    private static boolean signedBySender(ResourceInfo resource) {
        return resource != null && resource.getResourceClass() != null
                && (resource.getResourceClass().isAnnotationPresent(Access.SignedBySender.class)
                        || resource.getResourceMethod() != null
                                && resource.getResourceMethod().isAnnotationPresent(Access.SignedBySender.class));
    }
}
