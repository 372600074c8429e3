package pro.dailydoco.referral.tree;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import pro.dailydoco.core.database.Row;
import pro.dailydoco.core.web.Paged;
import pro.dailydoco.referral.ActingAs;

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

    /** The columns a masked person is made of: workspace name, paid plan (null: none), the user's id if known. */
    static final String MASKED_COLUMNS = "mt.display_name as workspace_name, mm.plan as paid_plan, mu.id as user_id";

    /**
     * The joins to platform facts that {@link #MASKED_COLUMNS} read, for the user whose id is {@code userIdColumn}:
     * their home workspace's name and its paid plan now.
     */
    static String maskingJoins(String userIdColumn) {
        return " left join account_person mu on mu.id = " + userIdColumn + WORKSPACE_AND_PLAN_JOINS;
    }

    /** The user {@code mu}'s home workspace ({@code mt}) and its paid plan now ({@code mm}). */
    private static final String WORKSPACE_AND_PLAN_JOINS = " left join tenant_directory mt on mt.id = mu.home_tenant_id"
            + " left join analytics_tenant_plan mm on mm.subject_tenant_id = mu.home_tenant_id";

    /**
     * The masked customer ("workspace b•••, Team plan") of each of these users, read from platform facts only; users
     * not found are left out. For at most a page of ids: one small query instead of three joins per history row.
     */
    public Map<UUID, String> maskedCustomers(Collection<UUID> userIds) {
        if (userIds.isEmpty()) {
            return Map.of();
        }
        // One array parameter, so the statement (and its cached plan) is the same whatever the number of ids.
        String ids = userIds.stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}"));
        List<Row> rows = Row.list(entityManager.createNativeQuery("select " + MASKED_COLUMNS + " from account_person mu"
                + WORKSPACE_AND_PLAN_JOINS + " where mu.id = any(cast(?1 as uuid[]))", Tuple.class).setParameter(1, ids));
        Map<UUID, String> masked = new HashMap<>();
        for (Row r : rows) {
            masked.put(r.uuid("user_id"), maskedCustomer(r.string("workspace_name"), r.string("paid_plan"), true));
        }
        return masked;
    }

    /** "workspace b•••, Team plan"; "a customer" when the person is unknown (a row written before V17 without one). */
    public static String maskedCustomer(String workspaceName, String plan, boolean known) {
        return known ? mask(workspaceName) + ", " + planLabel(plan) : "a customer";
    }

    private List<Member> members(UUID earnerUserId, int level, int offset, int limit) {
        List<Row> rows = Row.list(entityManager.createNativeQuery("select " + MASKED_COLUMNS
                + ", mu.created_at as joined_at, coalesce(r.earned_minor - r.clawed_back_minor, 0) as earned_minor from referral_tree d"
                + maskingJoins("d.user_id")
                + " left join referral_rollup_member r on r.user_id = d.ancestor_user_id and r.member_user_id = d.user_id"
                + " where d.ancestor_user_id = ?1 and d.depth = ?2 order by mu.created_at desc, mu.id offset ?3 limit ?4",
                Tuple.class)
                .setParameter(1, earnerUserId).setParameter(2, level).setParameter(3, offset).setParameter(4, limit));
        return rows.stream().map(r -> new Member(mask(r.string("workspace_name")), planLabel(r.string("paid_plan")),
                r.instant("joined_at").atZone(ZoneOffset.UTC).toLocalDate(), r.string("paid_plan") != null,
                r.longValue("earned_minor"))).toList();
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
