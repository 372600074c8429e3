package pro.dailydoco.billing;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import pro.dailydoco.billing.StripeObjects.InvoiceData;
import pro.dailydoco.billing.StripeObjects.InvoiceLine;
import pro.dailydoco.billing.events.RevenueStream;

/**
 * Splits what an invoice earned (amount paid − tax) between revenue streams by its lines' prices
 * (docs/decisions/0205-revenue-by-stream.md): each stream's weight is the sum of its lines after their discounts and
 * credits (proration credits count negative); the net is shared in proportion to the weights, rounded down, and the
 * cents left over go one each to the largest remainders (ties: the stream listed first). The shares therefore add up
 * to the net exactly. An invoice whose lines say nothing usable (none, or weights that do not add up to more than
 * zero) is OTHER in full.
 */
@ApplicationScoped
public class RevenueStreams {

    private final AddOnPrices prices;

    RevenueStreams(AddOnPrices prices) {
        this.prices = prices;
    }

    /** The invoice's net by stream, in cents; streams with a zero share are left out. */
    public Map<RevenueStream, Long> netByStream(InvoiceData invoice, long netCents) {
        Map<RevenueStream, Long> weights = new EnumMap<>(RevenueStream.class);
        for (InvoiceLine line : invoice.lines()) {
            weights.merge(prices.streamOf(line.priceId()), line.amount(), Long::sum);
        }
        if (invoice.unlistedLinesAmount() > 0) {
            weights.merge(RevenueStream.OTHER, invoice.unlistedLinesAmount(), Long::sum);
        }
        return share(netCents, weights);
    }

    /** The rounding rule on its own: {@code net} shared by {@code weights}, summing to {@code net} exactly. */
    static Map<RevenueStream, Long> share(long net, Map<RevenueStream, Long> weights) {
        long total = weights.values().stream().mapToLong(Long::longValue).sum();
        Map<RevenueStream, Long> shares = new EnumMap<>(RevenueStream.class);
        if (total <= 0 || weights.isEmpty()) {
            if (net != 0) {
                shares.put(RevenueStream.OTHER, net);
            }
            return shares;
        }
        record Part(RevenueStream stream, long floor, BigInteger remainder) {
        }
        List<Part> parts = new ArrayList<>();
        long allotted = 0;
        BigInteger divisor = BigInteger.valueOf(total);
        for (Map.Entry<RevenueStream, Long> weight : weights.entrySet()) {
            BigInteger[] division = BigInteger.valueOf(net).multiply(BigInteger.valueOf(weight.getValue()))
                    .divideAndRemainder(divisor);
            long floor = division[0].longValueExact();
            BigInteger remainder = division[1];
            if (remainder.signum() < 0) { // floor, not truncation, for negative weights
                floor -= 1;
                remainder = remainder.add(divisor);
            }
            parts.add(new Part(weight.getKey(), floor, remainder));
            allotted += floor;
        }
        long left = net - allotted;
        parts.sort(Comparator.comparing(Part::remainder).reversed().thenComparing(Part::stream));
        for (int i = 0; i < parts.size(); i++) {
            Part part = parts.get(i);
            long amount = part.floor() + (i < left ? 1 : 0);
            if (amount != 0) {
                shares.put(part.stream(), amount);
            }
        }
        return shares;
    }
}
