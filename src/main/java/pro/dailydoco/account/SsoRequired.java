package pro.dailydoco.account;

import pro.dailydoco.core.DomainException;

/**
 * The email's domain belongs to a workspace that signs its people in through its identity provider (enforcement on,
 * Enterprise plan): no password sign-in, and no new password account, for that email. {@link #ssoPath()} is where
 * the person continues instead.
 */
public class SsoRequired extends DomainException {

    private final String ssoPath;

    private SsoRequired(String ssoPath, String detail) {
        super(403, "Single sign-on required", detail);
        this.ssoPath = ssoPath;
    }

    static SsoRequired forSignIn(PasswordLoginPolicy.Enforcement enforcement) {
        return new SsoRequired(enforcement.ssoPath(), "Your organisation signs you in through its identity provider, not "
                + "with a password. Continue at " + enforcement.ssoPath() + ".");
    }

    static SsoRequired forNewAccount(PasswordLoginPolicy.Enforcement enforcement) {
        return new SsoRequired(enforcement.ssoPath(), "Your organisation signs you in through its identity provider, so "
                + "an account with a password can't be created for this email. Sign in at " + enforcement.ssoPath()
                + " instead: your account is created there on first sign-in.");
    }

    public String ssoPath() {
        return ssoPath;
    }
}
