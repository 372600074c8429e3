package pro.dailydoco.billing.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import pro.dailydoco.billing.StripeFixtures;
import pro.dailydoco.billing.StripeObjects;

/** The rules a signed event must meet before billing acts on it (docs/decisions/0100-…), without a server. */
class StripeEventRulesTest {

    private static final Duration TOLERANCE = Duration.ofMinutes(5);

    private static JsonNode json(String text) {
        return StripeObjects.parse(text);
    }

    /** Stripe's objects written with a space after each key, so the cases below can edit them as text. */
    private static String spaced(String json) {
        return json.replace("\":", "\": ");
    }

    private static String invoice(long paid, long tax) {
        return spaced(StripeFixtures.invoice("in_rules1", "cus_rules1", "sub_rules1", "paid", paid, tax, "usd", "pi_rules1"));
    }

    @Test
    void thePublishedShapesOfEveryHandledTypeAreValid() {
        assertEquals(Optional.empty(), StripeEventRules.problemOf("invoice.paid", json(invoice(9_900, 900))));
        assertEquals(Optional.empty(), StripeEventRules.problemOf("invoice.paid", json(StripeFixtures.legacyInvoice(
                "in_l", "cus_l", "sub_l", 2_900, 0, "ch_l", "pi_l"))));
        assertEquals(Optional.empty(), StripeEventRules.problemOf("charge.refunded",
                json(StripeFixtures.charge("ch_1", "cus_1", "pi_1", 9_900, 9_900))));
        assertEquals(Optional.empty(), StripeEventRules.problemOf("charge.dispute.closed",
                json(StripeFixtures.dispute("dp_1", "ch_1", "pi_1", 9_900, "lost"))));
        assertEquals(Optional.empty(), StripeEventRules.problemOf("customer.subscription.updated", json(
                StripeFixtures.subscription("sub_1", "cus_1", "active", "price_1", Instant.now(), java.util.UUID.randomUUID()))));
        assertEquals(Optional.empty(), StripeEventRules.problemOf("customer.created", json("{\"weird\": \"1.5\"}")),
                "types billing does not handle have no rules");
    }

    @Test
    void taxIsWholeNonNegativeCentsAndNoMoreThanThePayment() {
        assertTrue(StripeEventRules.problemOf("invoice.paid", json(invoice(10_890, -990))).orElseThrow().contains("total_taxes[0].amount"));
        assertEquals("invoice: tax 10891 is more than amount_paid 10890",
                StripeEventRules.problemOf("invoice.paid", json(invoice(10_890, 10_891))).orElseThrow());
        assertEquals(Optional.empty(), StripeEventRules.problemOf("invoice.payment_failed", json(invoice(0, 900))),
                "a failed payment paid nothing; its tax is not compared with it");
        assertTrue(StripeEventRules.problemOf("invoice.paid", json(StripeFixtures.legacyInvoice("in_l", "cus_l", "sub_l",
                2_900, -1, "ch_l", "pi_l"))).orElseThrow().startsWith("invoice: tax must be a whole number"));
    }

    @Test
    void amountsThatAreNotWholeCentsAreNamedNotTruncated() {
        for (String amount : new String[] { "\"9900\"", "9900.5", "1e4", "-1", "99999999999999999999", "null", "{}" }) {
            String reason = StripeEventRules.problemOf("invoice.paid",
                    json(invoice(9_900, 0).replace("\"amount_paid\": 9900", "\"amount_paid\": " + amount))).orElseThrow();
            assertTrue(reason.startsWith("invoice: amount_paid "), amount + " → " + reason);
        }
        assertEquals("charge: amount_refunded 9901 is more than amount 9900", StripeEventRules.problemOf("charge.refunded",
                json(StripeFixtures.charge("ch_1", "cus_1", "pi_1", 9_900, 9_901))).orElseThrow());
    }

    @Test
    void idsAndCurrenciesMustBeThere() {
        assertEquals("invoice: currency is missing", StripeEventRules.problemOf("invoice.paid",
                json(invoice(9_900, 0).replace("\"currency\": \"usd\",", ""))).orElseThrow());
        assertEquals("invoice: id is missing", StripeEventRules.problemOf("invoice.paid",
                json(invoice(9_900, 0).replace("\"id\": \"in_rules1\",", ""))).orElseThrow());
        assertEquals("invoice: customer is not a Stripe id", StripeEventRules.problemOf("invoice.paid",
                json(invoice(9_900, 0).replace("\"cus_rules1\"", "\"cus\\u0000\""))).orElseThrow());
        assertEquals("dispute: charge and payment_intent are both missing", StripeEventRules.problemOf(
                "charge.dispute.created", json(spaced(StripeFixtures.dispute("dp_1", "ch_1", "pi_1", 100, "needs_response"))
                        .replace("\"charge\": \"ch_1\",", "").replace("\"payment_intent\": \"pi_1\",", ""))).orElseThrow());
    }

    @Test
    void theEnvelopeMustKeyAndOrderTheEvent() {
        Instant now = Instant.parse("2026-12-03T10:00:00Z");
        String good = spaced(StripeFixtures.event("evt_1", "invoice.paid", now, invoice(9_900, 0)));
        StripeEventEnvelope envelope = StripeEventEnvelope.read(good, now, TOLERANCE);
        assertNull(envelope.problem());
        assertEquals("evt_1", envelope.id());
        assertEquals(now, envelope.created());

        assertTrue(StripeEventEnvelope.read(good.replace("\"evt_1\"", "\"evt_\\u0000\""), now, TOLERANCE).problem().contains("id"));
        assertTrue(StripeEventEnvelope.read(good.replace("\"created\": " + now.getEpochSecond(), "\"created\": 10000000000000000000"),
                now, TOLERANCE).problem().startsWith("created"));
        assertTrue(StripeEventEnvelope.read(good.replace("\"created\": " + now.getEpochSecond(), "\"created\": -1000000000000"),
                now, TOLERANCE).problem().startsWith("created"));
        assertTrue(StripeEventEnvelope.read(good.replace("\"created\": " + now.getEpochSecond(),
                "\"created\": " + now.plusSeconds(301).getEpochSecond()), now, TOLERANCE).problem().startsWith("created"));
        assertNull(StripeEventEnvelope.read(good.replace("\"created\": " + now.getEpochSecond(),
                "\"created\": " + now.plusSeconds(300).getEpochSecond()), now, TOLERANCE).problem());
        assertEquals("the body is not JSON", StripeEventEnvelope.read("{\"id\": ", now, TOLERANCE).problem());
        assertEquals("evt_\\u0000", StripeEventEnvelope.printable("evt_\u0000"));
    }

    @Test
    void aCreationTimeOutOfRangeQuotesStripesValueAndWritesOurBoundAsADate() {
        Instant now = Instant.parse("2026-12-03T10:00:00Z");
        String good = spaced(StripeFixtures.event("evt_1", "invoice.paid", now, invoice(9_900, 0)));
        assertEquals("created (-1000000000000) is not between 1 Jan 2010 and 5 minutes from now", StripeEventEnvelope
                .read(good.replace("\"created\": " + now.getEpochSecond(), "\"created\": -1000000000000"), now, TOLERANCE)
                .problem());
    }

    @Test
    void aRedeliveryIsTheSameEventAndAnotherBodyIsNot() {
        Instant now = Instant.parse("2026-12-03T10:00:00Z");
        String first = spaced(StripeFixtures.event("evt_1", "invoice.paid", now, invoice(9_900, 0)));
        StripeEventEnvelope again = StripeEventEnvelope.read(first.replace("\"pending_webhooks\": 1", "\"pending_webhooks\": 3"),
                now, TOLERANCE);
        assertTrue(again.sameEventAs(first));
        assertEquals(again.dedupeKey(first), StripeEventEnvelope.read(first, now, TOLERANCE).dedupeKey(first));
        StripeEventEnvelope other = StripeEventEnvelope.read(first.replace("9900", "19900"), now, TOLERANCE);
        assertFalse(other.sameEventAs(first));
    }
}
