package pro.dailydoco.billing;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.restassured.response.Response;

/** Signs payloads exactly like Stripe ({@code t=…,v1=HMAC-SHA256(secret, t + "." + payload)}) and posts them. */
public final class StripeWebhookSender {

    /** The %test. signing secret of application.properties. */
    public static final String TEST_SECRET = "whsec_test_only_not_secret";

    private StripeWebhookSender() {
    }

    public static String signature(String payload, Instant at, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            long t = at.getEpochSecond();
            byte[] digest = mac.doFinal((t + "." + payload).getBytes(StandardCharsets.UTF_8));
            return "t=" + t + ",v1=" + HexFormat.of().formatHex(digest);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static Response post(String payload) {
        return post(payload, signature(payload, Instant.now(), TEST_SECRET));
    }

    public static Response post(String payload, String signatureHeader) {
        return given().contentType("application/json; charset=utf-8")
                .header("Stripe-Signature", signatureHeader)
                .body(payload)
                .post("/webhooks/stripe");
    }
}
