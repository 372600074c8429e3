package pro.dailydoco.sso;

import org.jboss.resteasy.reactive.RestForm;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import pro.dailydoco.account.Requests;
import pro.dailydoco.account.User;
import pro.dailydoco.core.Flash;

/** The email-first step of the login page: an email in a workspace's SSO domain goes to that workspace's IdP. */
@Path("/login/sso")
public class SsoDiscoveryResource {

    private final SsoSettingsService settings;
    private final Flash flash;

    SsoDiscoveryResource(SsoSettingsService settings, Flash flash) {
        this.settings = settings;
        this.flash = flash;
    }

    @POST
    public Response discover(@RestForm String email) {
        String normalised = User.normaliseEmail(email);
        int at = normalised.lastIndexOf('@');
        var target = at < 0 ? java.util.Optional.<SsoSettings>empty()
                : settings.tenantForEmailDomain(normalised.substring(at + 1)).flatMap(settings::forTenant)
                        .filter(s -> settings.isUsable(s.tenantId()));
        if (target.isEmpty()) {
            flash.set("Your organisation does not use single sign-on here. Sign in with your email and password.");
            return Requests.seeOther("/login");
        }
        return Requests.seeOther("/t/" + target.get().slug() + "/sso");
    }
}
