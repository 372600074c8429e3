package pro.dailydoco.referral;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import pro.dailydoco.core.Paged;
import pro.dailydoco.core.Timestamps;

/**
 * The people in someone's downline, shown only masked ("workspace b•••, Team plan"): enough to recognise a
 * referral, never another workspace's name or anyone's account details. Reads, as the earner, the earner's own
 * rows — the tree rows that name them as an ancestor (row-level security admits an ancestor's rows) and their
 * per-person roll-up ({@code referral_rollup_member}) — plus platform-scope facts (workspace name initial, paid plan,
 * sign-up date). Never the payer's invoices, workspace or account.
 */
@ApplicationScoped
public class DirectReferrals {

    public static final int SHOWN = 10;
    static final int PAGE_SIZE = 20;

    /**
     * One person, masked. {@code paying}: their workspace pays for a plan now; {@code earnedMinor}: what the earner
     * earned from their invoices, net of claw-backs and refunds.
     */
    public record Member(String workspace, String plan, LocalDate joined, boolean paying, long earnedMinor) {
    }

    /** One level's page of people (what the level disclosure on the dashboard shows). */
    public record LevelPage(int level, Paged<Member> people) {
    }

    private final EntityManager entityManager;
    private final ActingAs actingAs;

    DirectReferrals(EntityManager entityManager, ActingAs actingAs) {
        this.entityManager = entityManager;
        this.actingAs = actingAs;
    }

    /** The most recent people the user referred directly (level 1). */
    @Transactional
    public List<Member> recent(UUID sponsorUserId) {
        return actingAs.call(sponsorUserId, () -> members(sponsorUserId, 1, 0, SHOWN));
    }

    /** A page of the people {@code level} levels below the user (1 = referred directly), newest first. */
    @Transactional
    public LevelPage atLevel(UUID earnerUserId, int level, Integer page) {
        return actingAs.call(earnerUserId, () -> {
            long total = ((Number) entityManager.createNativeQuery(
                    "select count(*) from referral_tree where ancestor_user_id = ?1 and depth = ?2")
                    .setParameter(1, earnerUserId).setParameter(2, level).getSingleResult()).longValue();
            int current = Paged.clamp(page, total, PAGE_SIZE);
            return new LevelPage(level, new Paged<>(members(earnerUserId, level, (current - 1) * PAGE_SIZE, PAGE_SIZE),
                    current, Paged.pages(total, PAGE_SIZE), total));
        });
    }

    private List<Member> members(UUID earnerUserId, int level, int offset, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                select t.display_name, m.plan, u.created_at, coalesce(r.earned_minor - r.clawed_back_minor, 0)
                from referral_tree d
                join app_user u on u.id = d.user_id
                left join tenant t on t.id = u.home_tenant_id
                left join analytics_tenant_mrr m on m.subject_tenant_id = u.home_tenant_id and m.mrr_cents > 0
                left join referral_rollup_member r on r.user_id = d.ancestor_user_id and r.member_user_id = d.user_id
                where d.ancestor_user_id = ?1 and d.depth = ?2
                order by u.created_at desc, u.id offset ?3 limit ?4""")
                .setParameter(1, earnerUserId).setParameter(2, level).setParameter(3, offset).setParameter(4, limit)
                .getResultList();
        return rows.stream().map(r -> new Member(mask((String) r[0]), planLabel((String) r[1]),
                Timestamps.instant(r[2]).atZone(ZoneOffset.UTC).toLocalDate(), r[1] != null,
                ((Number) r[3]).longValue())).toList();
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
