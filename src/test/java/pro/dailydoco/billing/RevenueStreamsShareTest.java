package pro.dailydoco.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import pro.dailydoco.billing.events.RevenueStream;

/** The rounding rule of revenue by stream on its own: shares add up to the net, exactly, whatever the weights. */
class RevenueStreamsShareTest {

    @Test
    void threeEqualWeightsShareOneDollarAs34_33_33WithTheLeftoverCentToTheStreamListedFirst() {
        assertEquals(Map.of(RevenueStream.PLAN, 34L, RevenueStream.USAGE, 33L, RevenueStream.OTHER, 33L),
                RevenueStreams.share(100, Map.of(RevenueStream.OTHER, 1L, RevenueStream.USAGE, 1L, RevenueStream.PLAN, 1L)));
    }

    @Test
    void aProrationCreditOfItsOwnStreamCountsNegative() {
        // Plan credited 2,000 for the unused part of a cheaper plan, white-label bought for 5,000: net 3,000.
        Map<RevenueStream, Long> weights = new EnumMap<>(RevenueStream.class);
        weights.put(RevenueStream.PLAN, -2_000L);
        weights.put(RevenueStream.WHITE_LABEL, 5_000L);
        assertEquals(Map.of(RevenueStream.PLAN, -2_000L, RevenueStream.WHITE_LABEL, 5_000L),
                RevenueStreams.share(3_000, weights));
    }

    @Test
    void linesThatSayNothingUsableLeaveTheWholeNetInOther() {
        assertEquals(Map.of(RevenueStream.OTHER, 9_900L), RevenueStreams.share(9_900, Map.of()));
        assertEquals(Map.of(RevenueStream.OTHER, 500L), RevenueStreams.share(500, Map.of(RevenueStream.PLAN, -100L,
                RevenueStream.USAGE, 100L)));
    }

    @Test
    void sharesAlwaysAddUpToTheNet() {
        Random random = new Random(20261203);
        RevenueStream[] streams = RevenueStream.values();
        for (int run = 0; run < 5_000; run++) {
            Map<RevenueStream, Long> weights = new EnumMap<>(RevenueStream.class);
            int lines = 1 + random.nextInt(streams.length);
            for (int i = 0; i < lines; i++) {
                weights.merge(streams[random.nextInt(streams.length)], (long) random.nextInt(200_000) - 20_000, Long::sum);
            }
            long net = random.nextInt(1_000_000);
            Map<RevenueStream, Long> shares = RevenueStreams.share(net, weights);
            assertEquals(net, shares.values().stream().mapToLong(Long::longValue).sum(), "weights " + weights);
        }
    }
}
