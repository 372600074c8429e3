package pro.dailydoco.site;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import pro.dailydoco.account.AccountConfig;
import pro.dailydoco.account.UserSignedUp;
import pro.dailydoco.account.web.SessionCookies;
import pro.dailydoco.core.web.Flash;
import pro.dailydoco.privacy.PrivacyConfig;
import pro.dailydoco.referral.ReferralConfig;

/**
 * The public privacy page: what a referral click, the cookies, sign-up, billing and the audit trail store, how long
 * address hashes are kept and how to download one's data. Cookie
 * names and lifetimes come from the code and configuration that set them, so the page cannot drift from them.
 */
@Path("/privacy")
public class PrivacyResource {

    /** The facts the page quotes from code and configuration. */
    public record Facts(String attributionCookie, long attributionDays, String attributionModel, String sessionCookie,
            long sessionDays, long sessionIdleHours, String csrfCookie, String flashCookie, long clickWindowMinutes,
            long addressRetentionDays, long exportExpiryDays) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance privacy(Facts facts);
    }

    private final Facts facts;

    PrivacyResource(ReferralConfig referral, AccountConfig account, PrivacyConfig privacy) {
        this.facts = new Facts(UserSignedUp.ATTRIBUTION_COOKIE, referral.attribution().window().toDays(),
                referral.attribution().model() == ReferralConfig.AttributionModel.FIRST_CLICK ? "first" : "last",
                SessionCookies.SESSION, account.sessionAbsoluteTimeout().toDays(), account.sessionIdleTimeout().toHours(),
                SessionCookies.CSRF, Flash.COOKIE, referral.attribution().clickWindow().toMinutes(),
                referral.guards().addressRetention().toDays(), privacy.exportExpiry().toDays());
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page() {
        return Templates.privacy(facts);
    }
}
