package pro.dailydoco.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.stripe.Stripe;

import pro.dailydoco.billing.StripeObjects.ChargeData;
import pro.dailydoco.billing.StripeObjects.InvoiceData;
import pro.dailydoco.billing.webhook.SampleStripeEvents;
import pro.dailydoco.core.Money;

/** What billing reads from Stripe's published objects of each API family, and from the dev samples. */
class StripeShapesTest {

    @Test
    void theCurrentFixturesAreThoseOfTheApiVersionStripeJavaPins() {
        assertEquals(Stripe.API_VERSION, StripeShapes.CURRENT.apiVersion(),
                "stripe-java changed its API version: copy the fixtures of that release (src/test/resources/stripe)");
    }

    @Test
    void aCurrentInvoiceAsPublishedNamesNoPaymentAndACurrentChargeNoInvoice() {
        assertFalse(StripeShapes.CURRENT.object("invoice").has("payments"), "payments is includable, absent by default");
        InvoiceData invoice = InvoiceData.from(StripeObjects.parse(StripeFixtures.invoice("in_a", "cus_a", "sub_a", "paid",
                10_890, 990, "usd", "pi_a")));
        assertFalse(invoice.namesPayment());
        assertNull(invoice.paymentIntentId());
        assertEquals("sub_a", invoice.subscriptionId());
        assertEquals(990, invoice.tax());
        ChargeData charge = ChargeData.from(StripeObjects.parse(StripeFixtures.charge("ch_a", "cus_a", "pi_a", 10_890, 500)));
        assertNull(charge.invoiceId());
        assertEquals("pi_a", charge.paymentIntentId());
        assertEquals(500, charge.amountRefunded());
    }

    @Test
    void anInvoiceWithPaymentsExpandedOrOfTheOlderFamilyNamesItsPayment() {
        InvoiceData expanded = InvoiceData.from(StripeObjects.parse(StripeFixtures.invoiceWithPayments("in_b", "cus_b",
                "sub_b", 9_900, 0, "pi_b")));
        assertTrue(expanded.namesPayment());
        assertEquals("pi_b", expanded.paymentIntentId());

        InvoiceData legacy = InvoiceData.from(StripeObjects.parse(StripeFixtures.legacyInvoice("in_c", "cus_c", "sub_c",
                9_900, 900, "ch_c", "pi_c")));
        assertTrue(legacy.namesPayment());
        assertEquals("ch_c", legacy.chargeId());
        assertEquals(900, legacy.tax());
        assertEquals("in_c", ChargeData.from(StripeObjects.parse(StripeFixtures.legacyCharge("ch_c", "cus_c", "pi_c",
                "in_c", 9_900, 0))).invoiceId());
    }

    @Test
    void devSampleInvoicesNameTheirPaymentSoNoStripeKeyIsNeeded() {
        SampleStripeEvents.Ids ids = SampleStripeEvents.Ids.of(UUID.randomUUID(), null);
        String event = SampleStripeEvents.invoice(ids, true, Money.usd(2_900), "in_sample", "pi_sample", Instant.now());
        InvoiceData invoice = InvoiceData.from(StripeObjects.parse(event).path("data").path("object"));
        assertTrue(invoice.namesPayment());
        assertEquals("pi_sample", invoice.paymentIntentId());
    }
}
