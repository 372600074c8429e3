package pro.dailydoco.project;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import pro.dailydoco.audit.AuditEvent;
import pro.dailydoco.audit.AuditLog;
import pro.dailydoco.billing.Entitlements;
import pro.dailydoco.billing.Limit;
import pro.dailydoco.core.DomainException;
import pro.dailydoco.core.web.Paged;
import pro.dailydoco.tenant.TenantService;

/**
 * Videos of a project. The plan limits video minutes per calendar month (UTC): the sum of the durations of the
 * videos created this month. Runs in the request's tenant scope; ids of other tenants are not found (404).
 */
@ApplicationScoped
public class VideoService {

    public static final int PAGE_SIZE = 20;

    private final ProjectService projects;
    private final Entitlements entitlements;
    private final TenantService tenants;
    private final AuditLog auditLog;
    private final Clock clock;

    VideoService(ProjectService projects, Entitlements entitlements, TenantService tenants, AuditLog auditLog,
            Clock clock) {
        this.projects = projects;
        this.entitlements = entitlements;
        this.tenants = tenants;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    @Transactional
    public Paged<Video> list(UUID projectId, Integer page) {
        projects.get(projectId);
        long total = Video.count("projectId", projectId);
        int current = Paged.clamp(page, total, PAGE_SIZE);
        var rows = Video.<Video> find("projectId = ?1 order by createdAt desc, id", projectId)
                .page(current - 1, PAGE_SIZE).list();
        return new Paged<>(rows, current, Paged.pages(total, PAGE_SIZE), total);
    }

    /** Like {@link ProjectService#listAfter}: the project's videos in creation order after a cursor; 404 for an unknown project. */
    @Transactional
    public List<Video> listAfter(UUID projectId, Instant createdAt, UUID id, int limit) {
        projects.get(projectId);
        if (createdAt == null) {
            return Video.<Video> find("projectId = ?1 order by createdAt, id", projectId).page(0, limit).list();
        }
        return Video.<Video> find("projectId = ?1 and (createdAt > ?2 or (createdAt = ?2 and id > ?3)) order by createdAt, id",
                projectId, createdAt, id).page(0, limit).list();
    }

    /** The project's video, or 404 (unknown id, another project's or another tenant's video). */
    @Transactional
    public Video get(UUID projectId, UUID videoId) {
        return Video.<Video> find("id = ?1 and projectId = ?2", videoId, projectId).firstResultOptional()
                .orElseThrow(() -> DomainException.notFound("There is no such video in this project."));
    }

    /** The tenant's video count and its newest videos (any project), for the workspace home. */
    public record Newest(long total, List<Video> videos) {
    }

    @Transactional
    public Newest newest(int limit) {
        return new Newest(Video.count(), Video.<Video> find("order by createdAt desc, id").page(0, limit).list());
    }

    /** Minutes of the videos created in the current calendar month (UTC). */
    @Transactional
    public long minutesThisMonth() {
        return minutesSince(monthStart());
    }

    /** Adds a video unless its minutes would take this month past the plan's limit (LimitExceeded, 402). */
    @Transactional
    public Video create(UUID tenantId, UUID userId, UUID projectId, String title, String durationMinutes,
            String status) {
        ProjectInput.VideoFields fields = ProjectInput.video(title, durationMinutes, status);
        projects.get(projectId);
        tenants.lock(tenantId);
        entitlements.requireWithin(tenantId, Limit.VIDEO_MINUTES_PER_MONTH, minutesThisMonth(), fields.durationMinutes());
        Video video = new Video();
        video.id = UUID.randomUUID();
        video.projectId = projectId;
        video.createdAt = clock.instant();
        apply(video, fields);
        video.persist();
        auditLog.record(tenantId, AuditEvent.user(userId, "video.created").subjectTenant(tenantId)
                .target("video", video.id.toString()).detail("minutes", video.durationMinutes).build());
        return video;
    }

    /** Edits a video; a longer duration counts against the limit of the month the video was created in, if current. */
    @Transactional
    public Video update(UUID tenantId, UUID userId, UUID projectId, UUID videoId, String title,
            String durationMinutes, String status) {
        ProjectInput.VideoFields fields = ProjectInput.video(title, durationMinutes, status);
        Video video = get(projectId, videoId);
        int added = fields.durationMinutes() - video.durationMinutes;
        if (added > 0 && !video.createdAt.isBefore(monthStart())) {
            tenants.lock(tenantId);
            entitlements.requireWithin(tenantId, Limit.VIDEO_MINUTES_PER_MONTH, minutesThisMonth(), added);
        }
        apply(video, fields);
        auditLog.record(tenantId, AuditEvent.user(userId, "video.updated").subjectTenant(tenantId)
                .target("video", video.id.toString()).detail("minutes", video.durationMinutes).build());
        return video;
    }

    @Transactional
    public void delete(UUID tenantId, UUID userId, UUID projectId, UUID videoId) {
        Video video = get(projectId, videoId);
        video.delete();
        auditLog.record(tenantId, AuditEvent.user(userId, "video.deleted").subjectTenant(tenantId)
                .target("video", video.id.toString()).build());
    }

    private long minutesSince(Instant start) {
        Long sum = Video.find("select coalesce(sum(durationMinutes), 0) from Video where createdAt >= ?1", start)
                .project(Long.class).firstResult();
        return sum == null ? 0 : sum;
    }

    private Instant monthStart() {
        return YearMonth.now(clock.withZone(ZoneOffset.UTC)).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private void apply(Video video, ProjectInput.VideoFields fields) {
        video.title = fields.title();
        video.durationMinutes = fields.durationMinutes();
        video.status = fields.status();
        video.updatedAt = clock.instant();
    }
}
