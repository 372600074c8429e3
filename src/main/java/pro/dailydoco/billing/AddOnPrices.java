package pro.dailydoco.billing;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import pro.dailydoco.billing.events.AddOn;
import pro.dailydoco.billing.events.RevenueStream;

/**
 * Maps Stripe price ids from configuration ({@code dailydoco.billing.prices.<add-on key>}; usage prices through {@link UsagePrices}) to the
 * add-on catalogue and to revenue streams, and back for Checkout — the add-ons' counterpart of {@link PlanPrices}.
 */
@ApplicationScoped
public class AddOnPrices {

    private final BillingConfig config;
    private final PlanPrices plans;
    private final UsagePrices usage;

    AddOnPrices(BillingConfig config, PlanPrices plans, UsagePrices usage) {
        this.config = config;
        this.plans = plans;
        this.usage = usage;
    }

    public Optional<AddOn> addOnOf(String priceId) {
        if (priceId == null) {
            return Optional.empty();
        }
        return Arrays.stream(AddOn.values()).filter(a -> ids(a).contains(priceId)).findFirst();
    }

    /** The price an add-on is sold at: the first configured id; empty when it cannot be bought online. */
    public Optional<String> salePrice(AddOn addOn) {
        return ids(addOn).stream().findFirst();
    }

    /**
     * The stream a line of {@code priceId} belongs to: a plan's price is PLAN, a usage price USAGE, an add-on's its
     * own stream, anything else (no price, or one no configuration names) OTHER.
     */
    public RevenueStream streamOf(String priceId) {
        if (priceId == null) {
            return RevenueStream.OTHER;
        }
        if (isUsagePrice(priceId)) {
            return RevenueStream.USAGE;
        }
        Optional<AddOn> addOn = addOnOf(priceId);
        if (addOn.isPresent()) {
            return addOn.get().stream();
        }
        return plans.planOf(priceId).isPresent() ? RevenueStream.PLAN : RevenueStream.OTHER;
    }

    /** The metered overage prices, named once in {@code dailydoco.billing.usage.*} ({@link UsagePrices}). */
    public boolean isUsagePrice(String priceId) {
        return usage.isUsagePrice(priceId);
    }

    private List<String> ids(AddOn addOn) {
        BillingConfig.Prices prices = config.prices();
        Optional<List<String>> ids = switch (addOn) {
            case PREMIUM_SUPPORT -> prices.premiumSupport();
            case WHITE_LABEL -> prices.whiteLabel();
            case TRAINING_SEATS -> prices.trainingSeats();
            case EXTRA_SEATS -> prices.extraSeats();
            case CUSTOM_INTEGRATION -> prices.customIntegration();
            case ENTERPRISE_LICENCE -> prices.enterpriseLicence();
        };
        return ids.orElse(List.of());
    }
}
