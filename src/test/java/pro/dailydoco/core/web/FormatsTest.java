package pro.dailydoco.core.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Amounts kept in cents, as every page and chart shows them. */
class FormatsTest {

    @Test
    void centsReadAsDollarsWithThousandsSeparators() {
        assertEquals("$1,234.56", Formats.cents(123_456L));
        assertEquals("$0.05", Formats.cents(5L));
        assertEquals("$29", Formats.cents(2_900L), "a whole amount shows no cents");
    }

    @Test
    void noAmountReadsAsADash() {
        assertEquals("—", Formats.cents((Long) null));
        assertEquals("$1,234.56", Formats.cents(Long.valueOf(123_456L)));
    }
}
