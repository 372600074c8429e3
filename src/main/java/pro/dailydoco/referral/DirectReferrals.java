package pro.dailydoco.referral;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import pro.dailydoco.core.Timestamps;

/**
 * The people someone referred directly, shown only masked ("workspace b•••, Team plan"): enough to recognise a
 * referral, never another workspace's name or anyone's account details. Reads the referrer's own attribution rows
 * (row-level security admits a sponsor's rows) and platform-scope facts (workspace name initial, paid plan).
 */
@ApplicationScoped
public class DirectReferrals {

    public static final int SHOWN = 10;

    public record Member(String workspace, String plan, LocalDate joined) {
    }

    private final EntityManager entityManager;

    DirectReferrals(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Transactional
    public List<Member> recent(UUID sponsorUserId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                select t.display_name, m.plan, a.attributed_at
                from referral_attribution a
                join app_user u on u.id = a.user_id
                left join tenant t on t.id = u.home_tenant_id
                left join analytics_tenant_mrr m on m.subject_tenant_id = u.home_tenant_id and m.mrr_cents > 0
                where a.sponsor_user_id = ?1
                order by a.attributed_at desc limit ?2""")
                .setParameter(1, sponsorUserId).setParameter(2, SHOWN).getResultList();
        return rows.stream().map(r -> new Member(mask((String) r[0]), planLabel((String) r[1]),
                Timestamps.instant(r[2]).atZone(ZoneOffset.UTC).toLocalDate())).toList();
    }

    /** "workspace b•••": the first letter only. */
    static String mask(String workspaceName) {
        if (workspaceName == null || workspaceName.isBlank()) {
            return "a workspace";
        }
        return "workspace " + workspaceName.strip().substring(0, 1).toLowerCase(Locale.ROOT) + "•••";
    }

    static String planLabel(String plan) {
        return plan == null ? "Free plan" : plan.charAt(0) + plan.substring(1).toLowerCase(Locale.ROOT) + " plan";
    }
}
