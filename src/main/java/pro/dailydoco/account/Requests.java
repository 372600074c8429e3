package pro.dailydoco.account;

import java.net.URI;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

/** Small request helpers shared by the account resources. */
public final class Requests {

    private Requests() {
    }

    public static boolean isHtmx(HttpHeaders headers) {
        return headers.getHeaderString("HX-Request") != null;
    }

    /**
     * An htmx request that swaps part of a page: not htmx restoring a history entry it no longer has cached, which
     * asks for the whole page under the same URL.
     */
    public static boolean wantsFragment(HttpHeaders headers) {
        return isHtmx(headers) && headers.getHeaderString("HX-History-Restore-Request") == null;
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
