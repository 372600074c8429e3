package pro.dailydoco.referral;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The attribution cookie is {@code <click id>.<HMAC-SHA256 of it>}: a visitor can't forge or alter a click id, and
 * everything else (sponsor, time) is read from the stored click. The same key derives the click's address hash.
 */
@ApplicationScoped
public class ClickSignature {

    private final byte[] key;

    ClickSignature(ReferralConfig config) {
        String configured = config.cookieKey().filter(k -> !k.isBlank()).orElse(null);
        if (configured == null) {
            io.quarkus.logging.Log.warn("DAILYDOCO_REFERRAL_COOKIE_KEY is not set: using a random key. Referral clicks from "
                    + "before a restart stop counting, and several instances need the same key: set it in production.");
            configured = pro.dailydoco.account.Tokens.newToken();
        }
        this.key = configured.getBytes(StandardCharsets.UTF_8);
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
