package pro.dailydoco.billing;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import pro.dailydoco.billing.events.Plan;

/** Maps Stripe price ids from configuration to plans of the catalogue, and back for Checkout. */
@ApplicationScoped
public class PlanPrices {

    private final BillingConfig config;

    PlanPrices(BillingConfig config) {
        this.config = config;
    }

    public Optional<Plan> planOf(String priceId) {
        if (priceId == null) {
            return Optional.empty();
        }
        for (Plan plan : List.of(Plan.PRO, Plan.TEAM, Plan.ENTERPRISE)) {
            if (ids(plan).contains(priceId)) {
                return Optional.of(plan);
            }
        }
        // The annual Enterprise licence is the Enterprise plan on invoice terms
        // (docs/decisions/0204-add-ons-catalogue-and-entitlements.md).
        if (config.prices().enterpriseLicence().orElse(List.of()).contains(priceId)) {
            return Optional.of(Plan.ENTERPRISE);
        }
        return Optional.empty();
    }

    /** The price Checkout offers for a plan: the first configured id. */
    public Optional<String> checkoutPrice(Plan plan) {
        return ids(plan).stream().findFirst();
    }

    private List<String> ids(Plan plan) {
        BillingConfig.Prices prices = config.prices();
        Optional<List<String>> ids = switch (plan) {
            case PRO -> prices.pro();
            case TEAM -> prices.team();
            case ENTERPRISE -> prices.enterprise();
            case FREE -> Optional.empty();
        };
        return ids.orElse(List.of());
    }
}
