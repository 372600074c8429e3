package pro.dailydoco.core.web;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.NewCookie;
import pro.dailydoco.core.Text;

/** Carries {@link Flash} messages across a redirect in a short-lived cookie. */
public class FlashFilters {

    private final Flash flash;

    FlashFilters(Flash flash) {
        this.flash = flash;
    }

    @ServerRequestFilter
    public void read(ContainerRequestContext request) {
        Cookie cookie = request.getCookies().get(Flash.COOKIE);
        if (cookie != null && !cookie.getValue().isBlank()) {
            flash.setIncoming(decoded(cookie.getValue()));
        }
    }

    /**
     * The message, or null for a cookie this site did not write: a broken escape or a control character means the
     * cookie was tampered with, so it is ignored (and cleared) rather than shown or failing the page
     * (docs/decisions/0090-input-rules.md).
     */
    private String decoded(String value) {
        try {
            String message = URLDecoder.decode(value, StandardCharsets.UTF_8);
            if (Text.forbiddenCharacter(message).isEmpty()) {
                return message;
            }
        } catch (IllegalArgumentException e) {
            // falls through: ignored
        }
        flash.discardIncoming();
        return null;
    }

    @ServerResponseFilter
    public void write(ContainerResponseContext response) {
        if (flash.outgoing() != null) {
            response.getHeaders().add(HttpHeaders.SET_COOKIE, cookie(URLEncoder.encode(flash.outgoing(), StandardCharsets.UTF_8), 60));
        } else if (flash.incomingDiscarded()
                || flash.incoming() != null && (response.getStatus() < 300 || response.getStatus() >= 400)) {
            // The page being sent shows the message (templates render after this filter), so it is consumed.
            response.getHeaders().add(HttpHeaders.SET_COOKIE, cookie("", 0));
        }
    }

    private static NewCookie cookie(String value, int maxAge) {
        return new NewCookie.Builder(Flash.COOKIE).value(value).path("/").httpOnly(true)
                .sameSite(NewCookie.SameSite.LAX).maxAge(maxAge).build();
    }
}
