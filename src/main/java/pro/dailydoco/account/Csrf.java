package pro.dailydoco.account;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

/**
 * The CSRF token of this browser: an HMAC, under a key shared by every instance, of a random value kept in an
 * HttpOnly cookie (signed double-submit). Forms carry it in {@code _csrf}; htmx sends it in {@code X-CSRF-Token}
 * from {@code hx-headers} on the body. A cross-site page can neither read the cookie nor compute the HMAC.
 */
@Named("csrf")
@RequestScoped
public class Csrf {

    public static final String FORM_FIELD = "_csrf";
    public static final String HEADER = "X-CSRF-Token";

    private final byte[] key;
    private String cookieValue;
    private boolean newCookie;

    Csrf(CsrfKey key) {
        this.key = key.bytes();
    }

    void useCookie(String value) {
        this.cookieValue = value;
    }

    void issueCookie() {
        this.cookieValue = Tokens.newToken();
        this.newCookie = true;
    }

    boolean hasNewCookie() {
        return newCookie;
    }

    String cookieValue() {
        return cookieValue;
    }

    /** Called after sign-in: a new browser secret, so a token planted before sign-in stops working. */
    public void rotate() {
        issueCookie();
    }

    public String getToken() {
        if (cookieValue == null) {
            issueCookie();
        }
        return sign(cookieValue);
    }

    public String getFieldName() {
        return FORM_FIELD;
    }

    boolean isValid(String token) {
        if (cookieValue == null || token == null || newCookie) {
            return false;
        }
        return MessageDigest.isEqual(sign(cookieValue).getBytes(StandardCharsets.US_ASCII),
                token.getBytes(StandardCharsets.US_ASCII));
    }

    private String sign(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
