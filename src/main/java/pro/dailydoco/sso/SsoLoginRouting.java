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
        String normalised = User.normaliseEmail(email);
        int at = normalised.lastIndexOf('@');
        if (at < 0) {
            return Optional.empty();
        }
        // The same availability as /t/{slug}/sso checks: a workspace whose SSO can't start leaves people on passwords.
        return settings.tenantForEmailDomain(normalised.substring(at + 1)).flatMap(settings::forTenant)
                .filter(s -> s.clientSecret().isPresent() && settings.isUsable(s.tenantId()))
                .map(s -> "/t/" + s.slug() + "/sso");
    }
}
