package pro.dailydoco.core.web;

import java.net.URI;
import java.util.function.UnaryOperator;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

/** Small request helpers shared by the account resources. */
public final class Requests {

    private Requests() {
    }

    /**
     * An htmx request for part of a page. htmx restoring a history entry it no longer has cached is not one: it asks
     * for the whole page under the same URL.
     */
    public static boolean isHtmx(HttpHeaders headers) {
        return sentByHtmx(headers::getHeaderString) && headers.getHeaderString("HX-History-Restore-Request") == null;
    }

    /**
     * Any request htmx sends, a history restore included: htmx follows an {@code HX-Redirect} answer to each of them,
     * where it would swap nothing for a redirect or an error status.
     */
    public static boolean sentByHtmx(ContainerRequestContext request) {
        return sentByHtmx(request::getHeaderString);
    }

    private static boolean sentByHtmx(UnaryOperator<String> header) {
        return header.apply("HX-Request") != null;
    }

    /** An htmx request swapping the element with this id (its {@code HX-Target}). */
    public static boolean isFragment(HttpHeaders headers, String target) {
        return isHtmx(headers) && target.equals(headers.getHeaderString("HX-Target"));
    }

    public static String userAgent(HttpServerRequest request) {
        return request.getHeader("User-Agent");
    }

    /** A 303 to a path on this site; only local paths are followed, so {@code next=} cannot send people elsewhere. */
    public static Response seeOther(String path, NewCookie... cookies) {
        return Response.status(Response.Status.SEE_OTHER).header(HttpHeaders.LOCATION, safeLocalPath(path))
                .cookie(cookies).build();
    }

    public static String safeLocalPath(String path) {
        if (path == null || !path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) {
            return "/";
        }
        URI uri;
        try {
            uri = URI.create(path);
        } catch (IllegalArgumentException e) {
            return "/";
        }
        return uri.getScheme() == null && uri.getHost() == null ? path : "/";
    }
}
