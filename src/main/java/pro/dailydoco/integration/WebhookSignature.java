package pro.dailydoco.integration;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code DailyDoco-Signature} header, shaped like Stripe's: {@code t=<unix seconds>,v1=<hex>[,v1=<hex>]}, where
 * each v1 is HMAC-SHA256 over {@code t + "." + body} with one of the endpoint's live secrets. Receivers check the
 * timestamp is recent (replays) and that any v1 matches; during a rotation both secrets sign
 * (docs/decisions/0192-webhook-signatures-and-secrets.md).
 */
public final class WebhookSignature {

    public static final String HEADER = "DailyDoco-Signature";

    private WebhookSignature() {
    }

    /** The header value for {@code body} sent at {@code unixSeconds}, one v1 per secret (newest first). */
    public static String header(long unixSeconds, String body, List<String> secrets) {
        return "t=" + unixSeconds + secrets.stream().map(secret -> ",v1=" + hmac(secret, unixSeconds + "." + body))
                .collect(Collectors.joining());
    }

    static String hmac(String secret, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
