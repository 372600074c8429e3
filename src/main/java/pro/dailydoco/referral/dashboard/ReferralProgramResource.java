package pro.dailydoco.referral.dashboard;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import pro.dailydoco.core.Money;
import pro.dailydoco.referral.CommissionPlan;
import pro.dailydoco.referral.CommissionPlans;
import pro.dailydoco.referral.CommissionTiers;
import pro.dailydoco.referral.Level;
import pro.dailydoco.referral.ReferralConfig;
import pro.dailydoco.referral.TierQualification;
import pro.dailydoco.referral.ledger.AncestorProfiles;
import pro.dailydoco.referral.ledger.CommissionCalculator;

/**
 * The public disclosure of the referral program, in plain words, built from the current commission plan and the
 * configuration — never from hard-coded figures (docs/decisions/0028-public-program-disclosure.md).
 */
@Path("/referral-program")
@Produces(MediaType.TEXT_HTML)
public class ReferralProgramResource {

    /** One level's rate, in words. */
    public record LevelRate(int level, String rate, String who) {
    }

    /** How deep one commission tier earns, in words: from how many paying referrals (sign-ups never count). */
    public record TierDepth(String tier, long fromPayingReferrals, int depth) {
    }

    /**
     * What a refund does, on one worked example at the current level-1 rate: an invoice of {@code paidCents} with
     * {@code taxCents} tax, then a refund of {@code refundCents}; the amounts come from {@link CommissionCalculator}.
     */
    public record RefundExample(long paidCents, long taxCents, long netCents, String rate, long earnedCents,
            long refundCents, long afterRefundCents) {

        static RefundExample atRate(int basisPoints, String rate) {
            Money paid = Money.usd(11_000);
            Money tax = Money.usd(1_000);
            Money net = paid.minus(tax);
            Money refund = Money.usd(5_500);
            return new RefundExample(paid.minor(), tax.minor(), net.minor(), rate,
                    CommissionCalculator.entitlement(net, Money.usd(0), basisPoints).minor(), refund.minor(),
                    CommissionCalculator.entitlement(net, refund, basisPoints).minor());
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance program(int planVersion, List<LevelRate> levels, String totalRate,
                long holdDays, long windowDays, long thresholdCents, boolean depthSameForEveryTier, int deepest,
                List<TierDepth> tierDepths, long pointsPerPaying, RefundExample refund);
    }

    private final CommissionPlans plans;
    private final ReferralConfig config;
    private final AncestorProfiles ancestors;

    ReferralProgramResource(CommissionPlans plans, ReferralConfig config, AncestorProfiles ancestors) {
        this.plans = plans;
        this.config = config;
        this.ancestors = ancestors;
    }

    @GET
    public TemplateInstance show() {
        CommissionPlan plan = plans.current();
        List<LevelRate> levels = new ArrayList<>();
        for (int level : Level.numbers()) {
            levels.add(new LevelRate(level, percent(plan.rateOfLevel(level)), level == 1 ? "people you refer directly"
                    : "people referred by your level " + (level - 1) + " members"));
        }
        TierQualification rule = ancestors.qualification();
        List<TierDepth> tierDepths = new ArrayList<>();
        for (int i = 0; i < rule.tiers().names().size(); i++) {
            tierDepths.add(new TierDepth(rule.tiers().names().get(i), payingReferralsToReach(rule.tiers(), i),
                    rule.depthByTier().get(i)));
        }
        return Templates.program(plan.version(), levels, percent(plan.totalBasisPoints()),
                config.ledger().holdPeriod().toDays(), config.attribution().window().toDays(), config.payouts().thresholdCents(),
                rule.sameForEveryTier(), rule.depthByTier().stream().mapToInt(Integer::intValue).max().orElse(0),
                tierDepths, rule.tiers().pointsPerPaying(),
                RefundExample.atRate(plan.rateOfLevel(1), percent(plan.rateOfLevel(1))));
    }

    /** The fewest paying referrals whose points alone reach tier {@code index} (the depth rule ignores sign-ups). */
    public static long payingReferralsToReach(CommissionTiers tiers, int index) {
        long points = tiers.startingScores().get(index);
        long per = tiers.pointsPerPaying();
        return points == 0 ? 0 : per <= 0 ? Long.MAX_VALUE : (points + per - 1) / per;
    }

    static String percent(int basisPoints) {
        return BigDecimal.valueOf(basisPoints, 2).stripTrailingZeros().toPlainString() + " %";
    }
}
