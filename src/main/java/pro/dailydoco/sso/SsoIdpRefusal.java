package pro.dailydoco.sso;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.quarkus.arc.Unremovable;
import io.quarkus.oidc.OidcRedirectFilter;
import io.quarkus.oidc.Redirect;
import jakarta.enterprise.context.ApplicationScoped;
import pro.dailydoco.account.Offboarding;
import pro.dailydoco.tenant.ScopedWork;

/**
 * The IdP refusing a person at sign-in ({@code error=access_denied} at the callback: not assigned to the application
 * any more, deprovisioned, or declined) ends their access to the workspace when their browser still holds a session
 * there. Only an answer quarkus-oidc matched to the state of a flow this browser started counts: the error page is a
 * plain GET anyone can link to, so quarkus-oidc's redirect to it is marked here with a short-lived MAC that the page
 * checks (docs/decisions/0135-offboarding-ends-sessions-not-memberships.md).
 */
@ApplicationScoped
@Unremovable
@Redirect(Redirect.Location.ERROR_PAGE)
public class SsoIdpRefusal implements OidcRedirectFilter {

    static final String MARKER = "dd_idp_answer";
    static final String REFUSED = "access_denied";
    private static final Duration VALID_FOR = Duration.ofMinutes(2);

    private final SsoConfig config;
    private final Clock clock;
    private final ScopedWork scopedWork;
    private final Offboarding offboarding;

    SsoIdpRefusal(SsoConfig config, Clock clock, ScopedWork scopedWork, Offboarding offboarding) {
        this.config = config;
        this.clock = clock;
        this.scopedWork = scopedWork;
        this.offboarding = offboarding;
    }

    /** quarkus-oidc redirects to the error page after matching the IdP's answer to the flow's state: say so. */
    @Override
    public void filter(OidcRedirectContext context) {
        String oidcTenant = context.oidcTenantConfig().tenantId().orElse("");
        String error = context.routingContext().request().getParam("error");
        long now = clock.instant().getEpochSecond();
        mac(oidcTenant + "|" + error + "|" + now).ifPresent(mac -> context.additionalQueryParams().add(MARKER, now + "." + mac));
    }

    /**
     * Ends the signed-in person's access to the workspace when the IdP refused them in a flow of this browser and
     * they are one of the IdP's people there.
     *
     * @return whether access ended
     */
    boolean endAccessIfRefused(SsoSettings settings, String error, String marker, UUID userId) {
        if (userId == null || !REFUSED.equals(error) || !answeredInFlow(SsoTenantConfigResolver.tenantIdOf(settings), error, marker)) {
            return false;
        }
        UUID tenantId = settings.tenantId();
        return scopedWork.call(tenantId, null, () -> {
            if (SsoIdentity.count("userId", userId) == 0) {
                return false;
            }
            offboarding.endAccess(tenantId, userId, Offboarding.Cause.IDP_REFUSED_SIGN_IN);
            return true;
        });
    }

    boolean answeredInFlow(String oidcTenant, String error, String marker) {
        int dot = marker == null ? -1 : marker.indexOf('.');
        if (dot <= 0) {
            return false;
        }
        long issued;
        try {
            issued = Long.parseLong(marker.substring(0, dot));
        } catch (NumberFormatException e) {
            return false;
        }
        long now = clock.instant().getEpochSecond();
        if (issued > now + 5 || now - issued > VALID_FOR.toSeconds()) {
            return false;
        }
        return mac(oidcTenant + "|" + error + "|" + issued).map(expected -> MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII), marker.substring(dot + 1).getBytes(StandardCharsets.US_ASCII)))
                .orElse(false);
    }

    /** Keyed by the SSO encryption key (the same on every instance); without one, no answer is marked. */
    private java.util.Optional<String> mac(String message) {
        return config.encryptionKey().filter(k -> !k.isBlank()).map(key -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(("idp-answer|" + key).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
