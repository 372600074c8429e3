package pro.dailydoco.sso;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import pro.dailydoco.account.SingleSignOnRouting;
import pro.dailydoco.account.User;

/** An email in a domain claimed by a workspace with usable SSO signs in at that workspace's IdP. */
@ApplicationScoped
public class SsoLoginRouting implements SingleSignOnRouting {

    private final SsoSettingsService settings;

    SsoLoginRouting(SsoSettingsService settings) {
        this.settings = settings;
    }

    @Override
    public Optional<String> ssoStartFor(String email) {
        // The same availability as /t/{slug}/sso checks: a workspace whose SSO can't start leaves people on passwords.
        return settings.forEmail(User.normaliseEmail(email)).filter(settings::isUsable).map(SsoLoginRouting::startPath);
    }

    /** Where a workspace's SSO sign-in starts. */
    static String startPath(SsoSettings settings) {
        return "/t/" + settings.slug() + "/sso";
    }
}
