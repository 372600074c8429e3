package pro.dailydoco.project;

import java.time.Instant;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import pro.dailydoco.audit.AuditEvent;
import pro.dailydoco.audit.AuditLog;
import pro.dailydoco.core.DomainException;
import pro.dailydoco.core.web.Paged;
import pro.dailydoco.project.media.MediaKey;
import pro.dailydoco.project.media.MediaStorage;

/**
 * Videos of a project. The plan limits video minutes per calendar month (UTC), counted by {@link VideoMetering}:
 * typed videos in the month they were created, uploads from their media in the month processing finished. Runs in
 * the request's tenant scope; ids of other tenants are not found (404).
 */
@ApplicationScoped
public class VideoService {

    public static final int PAGE_SIZE = 20;

    private final ProjectService projects;
    private final VideoMetering metering;
    private final MediaStorage storage;
    private final TransactionSynchronizationRegistry transactions;
    private final AuditLog auditLog;
    private final Clock clock;

    VideoService(ProjectService projects, VideoMetering metering, MediaStorage storage,
            TransactionSynchronizationRegistry transactions, AuditLog auditLog, Clock clock) {
        this.projects = projects;
        this.metering = metering;
        this.storage = storage;
        this.transactions = transactions;
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

    /**
     * Video minutes of the current calendar month (UTC): typed videos by the month they were created, uploads by the
     * month their processing finished (docs/decisions/0197-video-minutes-metered-from-the-media.md).
     */
    @Transactional
    public long minutesThisMonth() {
        return metering.minutesThisMonth();
    }

    /** Adds a video unless its minutes would take this month past the plan's limit (LimitExceeded, 402). */
    @Transactional
    public Video create(UUID tenantId, UUID userId, UUID projectId, String title, String durationMinutes,
            String status) {
        ProjectInput.VideoFields fields = ProjectInput.video(title, durationMinutes, status);
        projects.get(projectId);
        metering.requireRoomFor(tenantId, fields.durationMinutes() * 60L, null);
        Video video = new Video();
        video.id = UUID.randomUUID();
        video.projectId = projectId;
        video.createdAt = clock.instant();
        video.meteredAt = video.createdAt;
        apply(video, fields);
        video.persist();
        metering.billOverage(tenantId, video.meteredSeconds == null ? 0 : video.meteredSeconds);
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
        if (video.uploaded()) {
            // An upload's length is the media's own; only its title and status are the person's to change.
            fields = new ProjectInput.VideoFields(fields.title(), video.durationMinutes, fields.status());
        }
        int added = fields.durationMinutes() - video.durationMinutes;
        if (added > 0 && !video.createdAt.isBefore(metering.monthStart())) {
            metering.requireRoomFor(tenantId, added * 60L, null);
        }
        apply(video, fields);
        if (added > 0 && !video.createdAt.isBefore(metering.monthStart())) {
            metering.billOverage(tenantId, added * 60L);
        }
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
        deleteFilesAfterCommit(new MediaKey(tenantId, video.id));
    }

    /**
     * The files go once the row is gone for good: a rolled-back delete keeps a playable video. A worker processing
     * it meanwhile loses its job row with the video, stops, and cleans up after itself.
     */
    void deleteFilesAfterCommit(MediaKey key) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    try {
                        storage.deleteAll(key);
                    } catch (RuntimeException e) {
                        Log.warnf("Files of deleted video %s could not be deleted: %s", key.videoId(), e.toString());
                    }
                }
            }
        });
    }

    private void apply(Video video, ProjectInput.VideoFields fields) {
        video.title = fields.title();
        video.durationMinutes = fields.durationMinutes();
        if (video.source == Video.Source.TYPED) {
            video.meteredSeconds = fields.durationMinutes() * 60L;
        }
        video.status = fields.status();
        video.updatedAt = clock.instant();
    }
}
