package pro.dailydoco.account.web;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import pro.dailydoco.account.Tokens;

/**
 * The CSRF token of this browser: an HMAC, under a key shared by every instance, of a random value kept in an
 * HttpOnly cookie and of the session the browser presents (signed double-submit, bound to the session). Forms carry
 * it in {@code _csrf}; htmx sends it in {@code X-CSRF-Token} from {@code hx-headers} on the body. A cross-site page
 * can neither read the cookie nor compute the HMAC, and a cookie and token planted from another browser (say, through
 * a sibling subdomain) were made for another session, so they fail here
 * (docs/decisions/0097-private-pages-hsts-no-store-and-session-bound-csrf.md).
 */
@Named("csrf")
@RequestScoped
public class Csrf {

    public static final String FORM_FIELD = "_csrf";
    public static final String HEADER = "X-CSRF-Token";

    private final byte[] key;
    private String cookieValue;
    private boolean newCookie;
    private String sessionCookie;

    private final CurrentVertxRequest currentRequest;
    private boolean resolved;

    Csrf(CsrfKey key, CurrentVertxRequest currentRequest) {
        this.key = key.bytes();
        this.currentRequest = currentRequest;
    }

    /**
     * Reads this browser's secret from the request's cookie, or makes a new one (sent back by {@link CsrfFilter}).
     * Read lazily from the HTTP request itself, so that pages rendered outside the resource chain (e.g. a 404 for an
     * unknown path) see the same secret instead of minting a rival cookie.
     */
    private void resolve() {
        if (resolved) {
            return;
        }
        resolved = true;
        RoutingContext routing = currentRequest == null ? null : currentRequest.getCurrent();
        Cookie cookie = routing == null ? null : routing.request().getCookie(SessionCookies.CSRF);
        Cookie session = routing == null ? null : routing.request().getCookie(SessionCookies.SESSION);
        sessionCookie = session == null || session.getValue().isBlank() ? null : session.getValue();
        if (cookie != null && !cookie.getValue().isBlank()) {
            cookieValue = cookie.getValue();
        } else {
            issueCookie();
        }
    }

    private void issueCookie() {
        if (!resolved) {
            resolve();
        }
        this.cookieValue = Tokens.newToken();
        this.newCookie = true;
        this.resolved = true;
    }

    boolean hasNewCookie() {
        return newCookie;
    }

    String cookieValue() {
        resolve();
        return cookieValue;
    }

    /** Called after sign-in: a new browser secret, so a token planted before sign-in stops working. */
    public void rotate() {
        issueCookie();
    }

    public String getToken() {
        return sign(cookieValue(), sessionCookie);
    }

    public String getFieldName() {
        return FORM_FIELD;
    }

    boolean isValid(String token) {
        resolve();
        if (cookieValue == null || token == null || newCookie) {
            return false;
        }
        return MessageDigest.isEqual(sign(cookieValue, sessionCookie).getBytes(StandardCharsets.US_ASCII),
                token.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * HMAC over the browser's secret and the hash of the session cookie it presents ("-" when signed out). The
     * session's own token never enters the token, only its hash, as in the session table.
     */
    private String sign(String value, String session) {
        String bound = value + "|" + (session == null ? "-" : Tokens.sha256(session));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(bound.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
