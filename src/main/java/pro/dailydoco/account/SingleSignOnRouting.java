package pro.dailydoco.account;

import java.util.Optional;

/**
 * The email-first step of the login page: lets single sign-on, a feature above accounts, take over the sign-in of
 * emails in the domains its workspaces claim. Without an implementation every email goes on to the password step.
 */
public interface SingleSignOnRouting {

    /**
     * Where a person with {@code email} signs in instead of with a password (e.g. {@code /t/acme/sso}), when a
     * workspace with usable SSO claims the email's domain. Depends on the domain only, never on whether an account
     * exists: which domains use SSO is public (the IdP's login page shows it anyway).
     */
    Optional<String> ssoStartFor(String email);
}
