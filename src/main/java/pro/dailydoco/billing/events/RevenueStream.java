package pro.dailydoco.billing.events;

/**
 * What a paid invoice line was for: the plan, metered usage, one of the add-ons, or OTHER for a price no
 * configuration names (sold before the catalogue, or by hand in Stripe's dashboard). Every cent of an invoice's net
 * belongs to exactly one stream (docs/decisions/0205-revenue-by-stream.md).
 */
public enum RevenueStream {
    PLAN("Plans"),
    USAGE("Usage"),
    PREMIUM_SUPPORT("Premium support"),
    WHITE_LABEL("White-label"),
    TRAINING_SEATS("Training seats"),
    CUSTOM_INTEGRATION("Custom integration"),
    EXTRA_SEATS("Extra seats"),
    ENTERPRISE_LICENCE("Enterprise licence"),
    OTHER("Other");

    private final String label;

    RevenueStream(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
