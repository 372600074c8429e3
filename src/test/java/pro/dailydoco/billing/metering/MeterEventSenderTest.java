package pro.dailydoco.billing.metering;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import pro.dailydoco.account.Role;
import pro.dailydoco.billing.Limit;
import pro.dailydoco.billing.OverageBilling;
import pro.dailydoco.billing.StripeWireMock;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;
import pro.dailydoco.support.TestClock;
import pro.dailydoco.support.TestTenants;
import pro.dailydoco.tenant.ScopedWork;
import pro.dailydoco.tenant.Tenant;

/**
 * Overage units reach Stripe's meters as meter events in Stripe's published shape, one per sealed batch, with an
 * identifier that stays the same on every retry, so Stripe counts each unit once.
 */
@QuarkusTest
class MeterEventSenderTest {

    @Inject
    MeterEventSender sender;

    @Inject
    OverageBilling overage;

    @Inject
    ScopedWork scopedWork;

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private record Paid(Tenant tenant, String customer) {
    }

    /** A Pro workspace whose owner chose, on the billing page, to go on past the allowance. */
    private Paid billingOverage(String prefix) {
        Tenant tenant = TestTenants.create(prefix);
        String customer = PaidWorkspaces.subscribeToPro(tenant);
        Browser owner = Accounts.signedInMember(tenant, Role.OWNER);
        owner.get("/t/" + tenant.slug + "/billing");
        assertEquals(303, owner.post("/t/" + tenant.slug + "/billing/overage", "choice", "overage").statusCode());
        return new Paid(tenant, customer);
    }

    private void bill(Tenant tenant, Limit limit, long units) {
        boolean billed = scopedWork.call(tenant.id, null, () -> overage.bill(tenant.id, limit, units));
        assertTrue(billed, "the workspace bills overage");
    }

    private static String month() {
        return LocalDate.now(ZoneOffset.UTC).toString().substring(0, 7);
    }

    private static List<LoggedRequest> meterEvents(String identifier) {
        return StripeWireMock.instance().findAll(postRequestedFor(urlPathEqualTo("/v1/billing/meter_events"))
                .withFormParam("identifier", equalTo(identifier)));
    }

    @Test
    void aBatchIsOneMeterEventInStripesPublishedShapeAndStripeAnswersWithTheSameIdentifier() {
        Paid paid = billingOverage("meter-shape");
        bill(paid.tenant(), Limit.API_CALLS_PER_MONTH, 20);
        bill(paid.tenant(), Limit.API_CALLS_PER_MONTH, 5);
        bill(paid.tenant(), Limit.VIDEO_MINUTES_PER_MONTH, 7);

        sender.sendDueNow();

        String calls = paid.tenant().id + ":api_calls:" + month() + ":1";
        String minutes = paid.tenant().id + ":video_minutes:" + month() + ":1";
        StripeWireMock.instance().verify(1, postRequestedFor(urlPathEqualTo("/v1/billing/meter_events"))
                .withFormParam("event_name", equalTo("dailydoco_api_calls"))
                .withFormParam("payload[stripe_customer_id]", equalTo(paid.customer()))
                .withFormParam("payload[value]", equalTo("25"))
                .withFormParam("identifier", equalTo(calls)));
        StripeWireMock.instance().verify(1, postRequestedFor(urlPathEqualTo("/v1/billing/meter_events"))
                .withFormParam("event_name", equalTo("dailydoco_video_minutes"))
                .withFormParam("payload[value]", equalTo("7"))
                .withFormParam("identifier", equalTo(minutes)));
        long timestamp = Long.parseLong(meterEvents(calls).get(0).formParameters().get("timestamp").firstValue());
        assertTrue(Math.abs(timestamp - clock.instant().getEpochSecond()) < 120, "the time of the usage: " + timestamp);

        List<JsonNode> answers = StripeWireMock.instance().answersTo(postRequestedFor(urlPathEqualTo("/v1/billing/meter_events"))
                .withFormParam("identifier", equalTo(calls)));
        assertEquals("billing.meter_event", answers.get(0).path("object").asText());
        assertEquals(calls, answers.get(0).path("identifier").asText());
        assertEquals("25", answers.get(0).path("payload").path("value").asText());

        List<PaidWorkspaces.Batch> batches = PaidWorkspaces.batches(paid.tenant().id);
        assertEquals(2, batches.size());
        batches.forEach(b -> assertNotNull(b.sentAt(), "sent: " + b));
        assertEquals(0, sender.sendDueNow(), "a sent batch is never sent again");
        assertEquals(1, meterEvents(calls).size());
    }

    @Test
    void aSendRetriedAfterStripeFailedKeepsItsIdentifierSoStripeCountsTheUnitsOnce() {
        Paid paid = billingOverage("meter-retry");
        bill(paid.tenant(), Limit.API_CALLS_PER_MONTH, 25);
        String identifier = paid.tenant().id + ":api_calls:" + month() + ":1";
        StubMapping down = StripeWireMock.instance().failWith500(post(urlPathEqualTo("/v1/billing/meter_events"))
                .withFormParam("identifier", equalTo(identifier)));
        try {
            sender.sendDueNow();
        } finally {
            StripeWireMock.instance().removeStub(down);
        }
        PaidWorkspaces.Batch failed = PaidWorkspaces.batches(paid.tenant().id).get(0);
        assertNull(failed.sentAt());
        assertEquals(1, failed.attempts());
        assertTrue(failed.lastError().contains("Stripe refused the meter event"), failed.lastError());
        assertTrue(failed.nextAttemptAt().isAfter(clock.instant().plusSeconds(30)), "waits before the next attempt");
        int triedBefore = meterEvents(identifier).size();
        sender.sendDueNow();
        assertEquals(triedBefore, meterEvents(identifier).size(), "not retried before its back-off");

        // Usage after the failed send goes into a new batch; the failed one keeps its units and identifier.
        bill(paid.tenant(), Limit.API_CALLS_PER_MONTH, 4);
        clock.advance(Duration.ofMinutes(2));
        sender.sendDueNow();

        List<LoggedRequest> sends = meterEvents(identifier);
        assertTrue(sends.size() > triedBefore, "retried after the back-off");
        for (LoggedRequest send : sends) {
            assertEquals("25", send.formParameters().get("payload[value]").firstValue(), "the same batch every time");
            assertEquals("meter-event-" + identifier, send.getHeader("Idempotency-Key"));
        }
        // What Stripe counts: each identifier once.
        Map<String, Long> counted = StripeWireMock.instance().findAll(postRequestedFor(urlPathEqualTo("/v1/billing/meter_events"))
                .withFormParam("payload[stripe_customer_id]", equalTo(paid.customer())))
                .stream().collect(Collectors.toMap(r -> r.formParameters().get("identifier").firstValue(),
                        r -> Long.parseLong(r.formParameters().get("payload[value]").firstValue()), (a, b) -> a));
        assertEquals(Map.of(identifier, 25L, paid.tenant().id + ":api_calls:" + month() + ":2", 4L), counted);
        List<PaidWorkspaces.Batch> batches = PaidWorkspaces.batches(paid.tenant().id);
        assertEquals(2, batches.get(0).attempts());
        batches.forEach(b -> assertNotNull(b.sentAt(), "sent: " + b));
        assertEquals(29, PaidWorkspaces.units(paid.tenant().id, "api_calls"));
    }

    @Test
    void aBatchStripeKeepsRefusingPastTheIdentifiersWindowIsLeftForTheOperator() {
        Paid paid = billingOverage("meter-give-up");
        bill(paid.tenant(), Limit.API_CALLS_PER_MONTH, 3);
        String identifier = paid.tenant().id + ":api_calls:" + month() + ":1";
        StubMapping down = StripeWireMock.instance().failWith500(post(urlPathEqualTo("/v1/billing/meter_events"))
                .withFormParam("identifier", equalTo(identifier)));
        try {
            sender.sendDueNow();
            clock.advance(Duration.ofHours(24));
            sender.sendDueNow();
        } finally {
            StripeWireMock.instance().removeStub(down);
        }
        PaidWorkspaces.Batch batch = PaidWorkspaces.batches(paid.tenant().id).get(0);
        assertNotNull(batch.gaveUpAt(), "flagged, not resent where Stripe may no longer recognise the identifier");
        assertNull(batch.sentAt());
        int tried = meterEvents(identifier).size();
        clock.advance(Duration.ofHours(2));
        sender.sendDueNow();
        assertEquals(tried, meterEvents(identifier).size());
    }

    @Test
    void unitsRecordedInATransactionThatRollsBackAreNeverBilled() {
        Paid paid = billingOverage("meter-rollback");
        try {
            scopedWork.inScope(paid.tenant().id, null, () -> QuarkusTransaction.requiringNew().call(() -> {
                assertTrue(overage.bill(paid.tenant().id, Limit.API_CALLS_PER_MONTH, 9));
                throw new IllegalStateException("the usage failed");
            }));
        } catch (IllegalStateException expected) {
            // The usage and its units go together.
        }
        assertEquals(0, PaidWorkspaces.units(paid.tenant().id, "api_calls"));
    }
}
