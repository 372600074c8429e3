package pro.dailydoco.billing;

import java.util.List;

/** Paid invoices with a plan line and an add-on line, for tests outside this package (the referral ledger's). */
public final class AddOnInvoices {

    private AddOnInvoices() {
    }

    public static String paid(String invoice, String customer, long amountPaid, long tax, String firstPrice,
            long firstAmount, String secondPrice, long secondAmount) {
        return AddOnStripeShapes.paidInvoice(invoice, customer, StripeFixtures.unique("sub"), amountPaid, tax,
                StripeFixtures.unique("pi"), List.of(new AddOnStripeShapes.Line(firstPrice, firstAmount, 0),
                        new AddOnStripeShapes.Line(secondPrice, secondAmount, 0)));
    }
}
