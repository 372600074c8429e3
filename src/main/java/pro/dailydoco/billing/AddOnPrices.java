package pro.dailydoco.billing;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import pro.dailydoco.billing.events.AddOn;
import pro.dailydoco.billing.events.RevenueStream;

/**
 * Maps Stripe price ids from configuration ({@code dailydoco.billing.prices.<add-on key>}, {@code .usage-*}) to the
 * add-on catalogue and to revenue streams, and back for Checkout — the add-ons' counterpart of {@link PlanPrices}.
 */
@ApplicationScoped
public class AddOnPrices {

    private final BillingConfig config;
    private final PlanPrices plans;

    AddOnPrices(BillingConfig config, PlanPrices plans) {
        this.config = config;
        this.plans = plans;
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

    /**
     * Usage prices as configured here; the metering feature's own list of usage prices joins this when it lands
     * (the integrator's note in docs/billing.md).
     */
    public boolean isUsagePrice(String priceId) {
        BillingConfig.Prices prices = config.prices();
        return prices.usageApiCalls().orElse(List.of()).contains(priceId)
                || prices.usageVideoMinutes().orElse(List.of()).contains(priceId);
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
