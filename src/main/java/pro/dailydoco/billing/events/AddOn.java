package pro.dailydoco.billing.events;

import java.util.Arrays;
import java.util.Optional;

/**
 * The add-on catalogue: what a workspace can buy besides its plan, in one place (like {@link Plan}). Each maps to
 * Stripe price ids through {@code dailydoco.billing.prices.<key>}; what it grants is applied only from Stripe's
 * webhooks, never from the click that bought it (docs/decisions/0204-add-ons-catalogue-and-entitlements.md).
 */
public enum AddOn {
    PREMIUM_SUPPORT("premium-support", "Premium support", Kind.RECURRING,
            "Answers from a named engineer within one business day."),
    WHITE_LABEL("white-label", "White-label", Kind.RECURRING,
            "Removes DailyDoco branding from the workspace's pages and serves them on your own domain."),
    TRAINING_SEATS("training-seats", "Training and certification seats", Kind.PER_SEAT,
            "Seats in the instructor-led course and its certification exam, per person."),
    EXTRA_SEATS("extra-seats", "Extra seats", Kind.PER_SEAT,
            "Members above the plan's seat limit, per seat."),
    CUSTOM_INTEGRATION("custom-integration", "Custom integration work", Kind.ONE_OFF,
            "Integration work by our engineers, invoiced once."),
    ENTERPRISE_LICENCE("enterprise-licence", "Annual Enterprise licence", Kind.ANNUAL_INVOICE,
            "The Enterprise plan for a year, paid by bank transfer on invoice (net 30).");

    /** How an add-on is sold, which decides the Stripe mode that buys it. */
    public enum Kind {
        /** A subscription item with quantity 1. */
        RECURRING,
        /** A subscription item whose quantity is the number of seats. */
        PER_SEAT,
        /** One invoice line, paid once (Checkout in payment mode, or an invoice the operator sends). */
        ONE_OFF,
        /** A yearly subscription billed on invoice terms (collection_method=send_invoice), set up by the operator. */
        ANNUAL_INVOICE
    }

    private final String key;
    private final String displayName;
    private final Kind kind;
    private final String grants;

    AddOn(String key, String displayName, Kind kind, String grants) {
        this.key = key;
        this.displayName = displayName;
        this.kind = kind;
        this.grants = grants;
    }

    /** The add-on's name in URLs and configuration ({@code dailydoco.billing.prices.<key>}). */
    public String key() {
        return key;
    }

    public String displayName() {
        return displayName;
    }

    public Kind kind() {
        return kind;
    }

    /** What buying it gives the workspace, in words for the billing page. */
    public String grants() {
        return grants;
    }

    /** Whether the workspace admin buys it online; the annual licence is arranged with the operator. */
    public boolean selfServe() {
        return kind != Kind.ANNUAL_INVOICE;
    }

    public boolean perSeat() {
        return kind == Kind.PER_SEAT;
    }

    public RevenueStream stream() {
        return RevenueStream.valueOf(name());
    }

    /** The add-on stored under {@link #name()}; empty for a name this version does not know. */
    public static Optional<AddOn> byName(String name) {
        return Arrays.stream(values()).filter(a -> a.name().equals(name)).findFirst();
    }

    public static Optional<AddOn> byKey(String key) {
        return Arrays.stream(values()).filter(a -> a.key.equals(key)).findFirst();
    }
}
