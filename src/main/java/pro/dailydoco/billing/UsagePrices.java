package pro.dailydoco.billing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The metered Stripe prices of usage over the plans' allowances, from configuration. {@link #isUsagePrice} is the one
 * question "is this price usage revenue?" for whoever classifies invoice lines (operator analytics' revenue by
 * stream), Checkout adds {@link #checkoutPrices()} to a plan's subscription, and {@link #overageCents} is the one
 * rounding rule of what units cost (docs/decisions/0202-projected-overage-on-the-billing-page.md).
 */
@ApplicationScoped
public class UsagePrices {

    /** A metered limit as Stripe bills it. */
    public record Meter(Limit limit, String code, Optional<String> priceId, String eventName, long unitAmountCents,
            long unitsPerPriceUnit) {

        /**
         * What {@code units} cost: whole price units, rounded up (1,001 calls at 1,000 a unit are 2 units), times the
         * unit amount — what Stripe's {@code transform_quantity} with {@code round=up} bills.
         */
        public long cents(long units) {
            if (units <= 0) {
                return 0;
            }
            long priceUnits = (units + unitsPerPriceUnit - 1) / unitsPerPriceUnit;
            return Math.multiplyExact(priceUnits, unitAmountCents);
        }
    }

    private final UsagePricesConfig config;

    UsagePrices(UsagePricesConfig config) {
        this.config = config;
    }

    /** True when {@code priceId} is one of the configured usage (overage) prices: revenue of the usage stream. */
    public boolean isUsagePrice(String priceId) {
        return priceId != null && meters().stream().anyMatch(m -> m.priceId().filter(priceId::equals).isPresent());
    }

    /** The meter of a monthly limit that can be billed past its allowance (API calls, video minutes). */
    public Optional<Meter> meter(Limit limit) {
        return meters().stream().filter(m -> m.limit() == limit).findFirst();
    }

    /** The meter stored as {@code code} in the outbox ({@code api_calls}, {@code video_minutes}). */
    public Optional<Meter> meter(String code) {
        return meters().stream().filter(m -> m.code().equals(code)).findFirst();
    }

    /** The configured usage prices, added to every plan bought through Checkout (a metered item costs nothing unused). */
    public List<String> checkoutPrices() {
        List<String> ids = new ArrayList<>();
        meters().forEach(m -> m.priceId().ifPresent(ids::add));
        return ids;
    }

    public List<Meter> meters() {
        return List.of(meter(Limit.API_CALLS_PER_MONTH, "api_calls", config.apiCalls()),
                meter(Limit.VIDEO_MINUTES_PER_MONTH, "video_minutes", config.videoMinutes()));
    }

    private static Meter meter(Limit limit, String code, UsagePricesConfig.Meter configured) {
        return new Meter(limit, code, configured.price().filter(p -> !p.isBlank()), configured.eventName(),
                configured.unitAmount(), Math.max(1, configured.unitsPerPriceUnit()));
    }
}
