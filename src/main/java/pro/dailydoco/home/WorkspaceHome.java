package pro.dailydoco.home;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import pro.dailydoco.account.team.TeamService;
import pro.dailydoco.billing.BillingOverview;
import pro.dailydoco.project.Project;
import pro.dailydoco.project.ProjectService;
import pro.dailydoco.project.VideoService;
import pro.dailydoco.referral.attribution.ReferralCodes;
import pro.dailydoco.referral.tree.ReferralRollups;
import pro.dailydoco.tenant.Tenant;

/**
 * What a person comes to the workspace home for: the getting-started steps until they are done or dismissed, usage
 * against the plan, the newest projects and videos, the team, and their referral link. Each block is read through
 * its feature's own service, in one transaction and a fixed number of queries (none per row)
 * (docs/decisions/0156-the-workspace-home-composes-features.md).
 */
@ApplicationScoped
public class WorkspaceHome {

    /** How many projects, videos and teammates the home lists. */
    static final int SHOWN = 5;

    /** One getting-started step, ticked from real data. */
    public record Step(String label, String href, boolean done) {
    }

    public record Teammate(String displayName, String initials) {
    }

    public record View(List<Step> steps, boolean checklistVisible, List<BillingOverview.UsageRow> usage,
            String planName, List<Project> projects, long projectCount, VideoService.Newest videos, long teamSize,
            List<Teammate> teammates, String referralLink) {

        /** The referral block shows only where the workspace's referral program is on. */
        public boolean referralsShown() {
            return referralLink != null;
        }
    }

    private final BillingOverview billing;
    private final ProjectService projects;
    private final VideoService videos;
    private final TeamService team;
    private final ReferralCodes codes;
    private final ReferralRollups rollups;
    private final EntityManager entityManager;
    private final Clock clock;

    WorkspaceHome(BillingOverview billing, ProjectService projects, VideoService videos, TeamService team,
            ReferralCodes codes, ReferralRollups rollups, EntityManager entityManager, Clock clock) {
        this.billing = billing;
        this.projects = projects;
        this.videos = videos;
        this.team = team;
        this.codes = codes;
        this.rollups = rollups;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /**
     * The home of {@code userId} in {@code tenant}, the workspace of the request's scope. Where the workspace has
     * switched its referral program off, the home neither shows a referral link nor asks to share one.
     */
    @Transactional
    public View of(Tenant tenant, UUID userId) {
        BillingOverview.View plan = billing.of(tenant.id);
        // The usage rows already counted seats (members and pending invitations) and projects: reuse them.
        long seatsUsed = plan.usage().get(0).used();
        long projectCount = plan.usage().get(1).used();
        List<Project> newestProjects = projects.newest(SHOWN);
        VideoService.Newest newestVideos = videos.newest(SHOWN);
        TeamService.MemberPage members = team.members(tenant.id, null, 1);
        boolean referrals = !tenant.referralProgramDisabled;
        String base = "/t/" + tenant.slug;
        List<Step> steps = new ArrayList<>(List.of(
                new Step("Create a documentation project", base + "/projects/new", projectCount > 0),
                new Step("Add a video to a project", newestProjects.isEmpty() ? base + "/projects"
                        : base + "/projects/" + newestProjects.get(0).id + "/videos/new", newestVideos.total() > 0),
                new Step("Invite a teammate", base + "/members", seatsUsed > 1)));
        if (referrals) {
            steps.add(new Step("Share your referral link", base + "/referrals", rollups.hasShared(userId)));
        }
        boolean visible = steps.stream().anyMatch(s -> !s.done()) && !dismissed(tenant.id, userId);
        List<Teammate> teammates = members.rows().stream().limit(SHOWN)
                .map(m -> new Teammate(m.displayName(), initials(m.displayName()))).toList();
        return new View(List.copyOf(steps), visible, plan.usage(), plan.plan().displayName(), newestProjects,
                projectCount, newestVideos, members.total(), teammates, referrals ? codes.linkOf(userId) : null);
    }

    /** Hides the checklist for this person in this workspace, for good (the row is kept, never updated). */
    @Transactional
    public void dismissChecklist(UUID tenantId, UUID userId) {
        entityManager.createNativeQuery("""
                insert into home_checklist_dismissal (tenant_id, user_id, dismissed_at) values (?1, ?2, ?3)
                on conflict (tenant_id, user_id) do nothing""")
                .setParameter(1, tenantId).setParameter(2, userId).setParameter(3, clock.instant()).executeUpdate();
    }

    private boolean dismissed(UUID tenantId, UUID userId) {
        return !entityManager.createNativeQuery(
                "select 1 from home_checklist_dismissal where tenant_id = ?1 and user_id = ?2")
                .setParameter(1, tenantId).setParameter(2, userId).getResultList().isEmpty();
    }

    /** "Ada Lovelace" → "AL", "ada" → "A": shown in a circle beside the name, never instead of it. */
    static String initials(String name) {
        if (name == null || name.isBlank()) {
            return "?";
        }
        StringBuilder out = new StringBuilder();
        for (String part : name.trim().split("\\s+")) {
            if (out.length() < 2) {
                out.appendCodePoint(Character.toUpperCase(part.codePointAt(0)));
            }
        }
        return out.toString();
    }
}
