package pro.dailydoco.referral.attribution;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import pro.dailydoco.referral.ReferralConfig;

/**
 * The attribution cookie is {@code <click id>.<HMAC-SHA256 of it>}: a visitor can't forge or alter a click id, and
 * everything else (sponsor, time) is read from the stored click. The same key derives the click's address hash.
 */
@ApplicationScoped
public class ClickSignature {

    private final byte[] key;
    private final Optional<String> missingKeyWarning;

    /**
     * Without {@code DAILYDOCO_REFERRAL_COOKIE_KEY} the key is random per process: there is no required secret to
     * derive it from (the CSRF key has the same fallback), and a fixed default would let anyone forge clicks. The
     * start-up warning says what that costs; dev and test profiles configure a key, so it shows in production.
     */
    ClickSignature(ReferralConfig config) {
        this.missingKeyWarning = missingKeyWarning(config.attribution().cookieKey());
        this.key = config.attribution().cookieKey().filter(k -> !k.isBlank()).orElseGet(pro.dailydoco.account.Tokens::newToken)
                .getBytes(StandardCharsets.UTF_8);
    }

    void warnWhenUnconfigured(@Observes StartupEvent startup) {
        missingKeyWarning.ifPresent(Log::warn);
    }

    /** The start-up warning for a missing or blank cookie key; empty when a key is configured. */
    static Optional<String> missingKeyWarning(Optional<String> cookieKey) {
        if (cookieKey.filter(k -> !k.isBlank()).isPresent()) {
            return Optional.empty();
        }
        return Optional.of("DAILYDOCO_REFERRAL_COOKIE_KEY is not set: referral attribution cookies are signed with a "
                + "random key of this process. A sign-up landing on another instance, or after a restart, loses its "
                + "referral (nobody earns from it). Set the same key on every instance in production.");
    }

    public String sign(UUID clickId) {
        return clickId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac("click:" + clickId));
    }

    /** The click id of a genuine token; empty for anything altered, truncated or malformed. */
    public Optional<UUID> verify(String token) {
        if (token == null) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        UUID clickId;
        try {
            clickId = UUID.fromString(token.substring(0, dot));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        byte[] expected = sign(clickId).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, token.getBytes(StandardCharsets.UTF_8)) ? Optional.of(clickId) : Optional.empty();
    }

    /** A keyed, truncated hash of the client address: comparable between clicks, not reversible to the address. */
    public String addressHash(String clientAddress) {
        return HexFormat.of().formatHex(mac("ip:" + clientAddress), 0, 8);
    }

    private byte[] mac(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
