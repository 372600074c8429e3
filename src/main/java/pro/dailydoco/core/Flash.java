package pro.dailydoco.core;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.NewCookie;

/**
 * A one-time message shown on the page after a redirect ("Invitation sent"). It rides in a short-lived cookie, so
 * any instance can show it; the page that shows it clears it.
 */
@Named("flash")
@RequestScoped
public class Flash {

    private static final String COOKIE = "dd_flash";

    private String incoming;
    private String outgoing;

    public void set(String message) {
        this.outgoing = message;
    }

    /** The message to show on this page (read once). */
    public String getMessage() {
        if (outgoing != null) {
            return null;
        }
        return incoming;
    }

    public static class Filters {
        private final Flash flash;

        Filters(Flash flash) {
            this.flash = flash;
        }

        @ServerRequestFilter
        public void read(ContainerRequestContext request) {
            Cookie cookie = request.getCookies().get(COOKIE);
            if (cookie != null && !cookie.getValue().isBlank()) {
                flash.incoming = URLDecoder.decode(cookie.getValue(), StandardCharsets.UTF_8);
            }
        }

        @ServerResponseFilter
        public void write(ContainerResponseContext response) {
            if (flash.outgoing != null) {
                response.getHeaders().add(HttpHeaders.SET_COOKIE, cookie(URLEncoder.encode(flash.outgoing, StandardCharsets.UTF_8), 60));
            } else if (flash.incoming != null && (response.getStatus() < 300 || response.getStatus() >= 400)) {
                // The page being sent shows the message (templates render after this filter), so it is consumed.
                response.getHeaders().add(HttpHeaders.SET_COOKIE, cookie("", 0));
            }
        }

        private static NewCookie cookie(String value, int maxAge) {
            return new NewCookie.Builder(COOKIE).value(value).path("/").httpOnly(true)
                    .sameSite(NewCookie.SameSite.LAX).maxAge(maxAge).build();
        }
    }
}
