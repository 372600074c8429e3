package pro.dailydoco.account.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;
import pro.dailydoco.account.AccountConfig;
import pro.dailydoco.tenant.TenantConfig;

/** The session and CSRF cookies: HttpOnly, SameSite=Lax, and Secure whenever the platform is served over https. */
@ApplicationScoped
public class SessionCookies {

    public static final String SESSION = "dd_session";
    public static final String CSRF = "dd_csrf";
    /** A sign-in waiting for its second step (the password was right); sent only to the sign-in pages. */
    public static final String SECOND_STEP = "dd_second_step";

    private final boolean secure;
    private final AccountConfig config;

    SessionCookies(TenantConfig tenantConfig, AccountConfig config) {
        this.secure = tenantConfig.baseUrl().startsWith("https://");
        this.config = config;
    }

    public NewCookie session(String token) {
        return cookie(SESSION, token, (int) config.sessionAbsoluteTimeout().toSeconds());
    }

    public NewCookie clearSession() {
        return cookie(SESSION, "", 0);
    }

    public NewCookie csrf(String value) {
        return cookie(CSRF, value, -1);
    }

    public NewCookie secondStep(String token) {
        return cookie(SECOND_STEP, token, (int) config.secondFactorStepValidity().toSeconds(), "/login");
    }

    public NewCookie clearSecondStep() {
        return cookie(SECOND_STEP, "", 0, "/login");
    }

    private NewCookie cookie(String name, String value, int maxAge) {
        return cookie(name, value, maxAge, "/");
    }

    private NewCookie cookie(String name, String value, int maxAge, String path) {
        return new NewCookie.Builder(name)
                .value(value)
                .path(path)
                .httpOnly(true)
                .secure(secure)
                .sameSite(NewCookie.SameSite.LAX)
                .maxAge(maxAge)
                .build();
    }
}
