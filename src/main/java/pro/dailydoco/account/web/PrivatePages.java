package pro.dailydoco.account.web;

import java.util.Locale;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * {@code Cache-Control: no-store} on every page (each carries this browser's CSRF token, many a person's data) and on
 * every other answer to a request with a session (JSON, CSV), so no shared or browser cache keeps them for the next
 * person at the keyboard. Static files (styles, scripts, images, fonts) stay cacheable
 * (docs/decisions/0097-private-pages-hsts-no-store-and-session-bound-csrf.md).
 */
@ApplicationScoped
public class PrivatePages {

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(ctx -> {
            boolean session = ctx.request().getCookie(SessionCookies.SESSION) != null;
            ctx.addHeadersEndHandler(ignored -> {
                String type = ctx.response().headers().get("Content-Type");
                if (isPage(type) || (session && !isStaticAsset(type))) {
                    ctx.response().putHeader("Cache-Control", "no-store");
                }
            });
            ctx.next();
        });
    }

    static boolean isPage(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("text/html");
    }

    static boolean isStaticAsset(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.startsWith("text/css") || type.contains("javascript") || type.startsWith("image/")
                || type.startsWith("font/");
    }
}
