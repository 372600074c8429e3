package pro.dailydoco.operator;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import pro.dailydoco.account.web.Access;
import pro.dailydoco.core.database.Row;
import pro.dailydoco.core.web.SvgChart;
import pro.dailydoco.referral.dashboard.ViralMetrics;
import pro.dailydoco.referral.tree.ReferralRollups;

/**
 * Viral metrics of the whole platform for the operator, from the monthly platform roll-up that referral keeps in the
 * same transactions as its clicks, sign-ups and payments (one row per month; no scan of users or the ledger).
 */
@Path("/operator/viral")
@Access.Operator
public class OperatorViralResource {

    static final int MONTHS = 12;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance viral(List<ViralMetrics.Month> months, List<String> definitions,
                List<String> charts);
    }

    private final EntityManager entityManager;
    private final Clock clock;

    OperatorViralResource(EntityManager entityManager, Clock clock) {
        this.entityManager = entityManager;
        this.clock = clock;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public TemplateInstance page() {
        List<ViralMetrics.Month> months = metrics();
        List<String> labels = months.stream().map(m -> pro.dailydoco.core.web.Formats.monthLabel(m.month())).toList();
        return Templates.viral(months, ViralMetrics.DEFINITIONS, List.of(
                SvgChart.lines(ViralMetrics.kChart("viral-k", "Viral coefficient K and its factors per month",
                        "the platform's", months, labels)),
                SvgChart.stackedBars(ViralMetrics.growthChart("viral-growth", "Members joined per month", "the platform's",
                        months, labels))));
    }

    /** The last twelve months; the network size at the start sums every earlier month's sign-ups. */
    List<ViralMetrics.Month> metrics() {
        LocalDate thisMonth = ReferralRollups.monthOf(clock.instant());
        LocalDate first = thisMonth.minusMonths(MONTHS - 1L);
        Number before = (Number) entityManager.createNativeQuery(
                "select coalesce(sum(sign_ups), 0) from referral_platform_month where month < ?1")
                .setParameter(1, java.sql.Date.valueOf(first)).getSingleResult();
        Map<LocalDate, ViralMetrics.Input> known = new HashMap<>();
        for (Row r : Row.list(entityManager.createNativeQuery("""
                select month as month, sign_ups as sign_ups, referred_sign_ups as referred_sign_ups,
                    referred_paying as referred_paying, cycle_seconds as cycle_seconds, shares as shares
                from referral_platform_month where month >= ?1 order by month""", Tuple.class)
                .setParameter(1, java.sql.Date.valueOf(first)))) {
            LocalDate month = r.date("month");
            known.put(month, new ViralMetrics.Input(month, r.longValue("sign_ups"), r.longValue("referred_sign_ups"),
                    r.longValue("referred_paying"), r.longValue("cycle_seconds"), r.longValue("referred_sign_ups"),
                    r.longValue("shares")));
        }
        return ViralMetrics.compute(before.longValue(), ViralMetrics.everyMonth(first, thisMonth, known));
    }
}
