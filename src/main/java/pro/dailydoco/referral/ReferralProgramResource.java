package pro.dailydoco.referral;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The public disclosure of the referral programme (issue 5 item 8), in plain words, built from the current
 * commission plan and the configuration — never from hard-coded figures.
 */
@Path("/referral-program")
@Produces(MediaType.TEXT_HTML)
public class ReferralProgramResource {

    /** One level's rate, in words. */
    public record LevelRate(int level, String rate, String who) {
    }

    /** How deep one commission tier earns, in words. */
    public record TierDepth(String tier, long fromScore, int depth) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance program(int planVersion, List<LevelRate> levels, String totalRate,
                long holdDays, long windowDays, long thresholdCents, boolean depthSameForEveryTier, int deepest,
                List<TierDepth> tierDepths);
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
        for (int level = 1; level <= CommissionPlan.LEVELS; level++) {
            levels.add(new LevelRate(level, percent(plan.rateOfLevel(level)), level == 1 ? "people you refer directly"
                    : "people referred by your level " + (level - 1) + " members"));
        }
        TierQualification rule = ancestors.qualification();
        List<TierDepth> tierDepths = new ArrayList<>();
        for (int i = 0; i < rule.tiers().names().size(); i++) {
            tierDepths.add(new TierDepth(rule.tiers().names().get(i), rule.tiers().startingScores().get(i),
                    rule.depthByTier().get(i)));
        }
        return Templates.program(plan.version(), levels, percent(plan.totalBasisPoints()),
                config.holdPeriod().toDays(), config.attributionWindow().toDays(), config.payoutThresholdCents(),
                rule.sameForEveryTier(), rule.depthByTier().stream().mapToInt(Integer::intValue).max().orElse(0),
                tierDepths);
    }

    static String percent(int basisPoints) {
        return BigDecimal.valueOf(basisPoints, 2).stripTrailingZeros().toPlainString() + " %";
    }
}
