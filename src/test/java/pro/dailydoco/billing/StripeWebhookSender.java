package pro.dailydoco.billing;

import static io.restassured.RestAssured.given;

import java.time.Instant;

import io.restassured.response.Response;
import pro.dailydoco.billing.webhook.StripeSignature;

/** Signs payloads exactly like Stripe (with the app's {@link StripeSignature}) and posts them. */
public final class StripeWebhookSender {

    /** The %test. signing secret of application.properties. */
    public static final String TEST_SECRET = "whsec_test_only_not_secret";

    private StripeWebhookSender() {
    }

    public static String signature(String payload, Instant at, String secret) {
        return StripeSignature.header(payload, at, secret);
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
