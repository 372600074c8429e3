package pro.dailydoco.billing;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** Only events Stripe signed, recently, are accepted; anything else is refused and leaves no trace. */
@QuarkusTest
class StripeWebhookSignatureTest {

    @Inject
    DataSource dataSource;

    private String someEvent() {
        return StripeFixtures.event(StripeFixtures.unique("evt"), "customer.created", Instant.now(),
                StripeFixtures.customer("cus_x"));
    }

    @Test
    void aBadSignatureIsRefusedWith400AndNothingIsStored() {
        long before = BillingTestData.storedEvents(dataSource);
        String payload = someEvent();
        StripeWebhookSender.post(payload, StripeWebhookSender.signature(payload, Instant.now(), "whsec_wrong"))
                .then().statusCode(400).contentType(containsString("application/problem+json"))
                .body(containsString("signature"));
        assertEquals(before, BillingTestData.storedEvents(dataSource));
    }

    @Test
    void aTamperedBodyIsRefused() {
        long before = BillingTestData.storedEvents(dataSource);
        String payload = someEvent();
        String signature = StripeWebhookSender.signature(payload, Instant.now(), StripeWebhookSender.TEST_SECRET);
        StripeWebhookSender.post(payload.replace("customer.created", "invoice.paid"), signature).then().statusCode(400);
        assertEquals(before, BillingTestData.storedEvents(dataSource));
    }

    @Test
    void aStaleTimestampIsRefusedEvenWithTheRightSecret() {
        long before = BillingTestData.storedEvents(dataSource);
        String payload = someEvent();
        Instant sixMinutesAgo = Instant.now().minus(Duration.ofMinutes(6));
        StripeWebhookSender.post(payload, StripeWebhookSender.signature(payload, sixMinutesAgo,
                StripeWebhookSender.TEST_SECRET)).then().statusCode(400);
        assertEquals(before, BillingTestData.storedEvents(dataSource));
    }

    @Test
    void aMalformedBodyIsRefusedEvenWhenSigned() {
        long before = BillingTestData.storedEvents(dataSource);
        StripeWebhookSender.post("{\"id\": \"evt_1\", \"object\": ").then().statusCode(400)
                .contentType(containsString("application/problem+json"));
        StripeWebhookSender.post("{\"object\": \"event\"}").then().statusCode(400);
        assertEquals(before, BillingTestData.storedEvents(dataSource));
    }

    @Test
    void aMissingSignatureHeaderIsRefused() {
        io.restassured.RestAssured.given().contentType("application/json").body(someEvent())
                .post("/webhooks/stripe").then().statusCode(400);
    }

    @Test
    void aSignedEventIsStoredAndAnUnhandledTypeIsAcknowledged() {
        String id = StripeFixtures.unique("evt");
        StripeWebhookSender.post(StripeFixtures.event(id, "customer.created", Instant.now(),
                StripeFixtures.customer("cus_x"))).then().statusCode(200);
        assertEquals("DONE", BillingTestData.eventStatus(dataSource, id));
    }
}
