package pro.dailydoco.project;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import pro.dailydoco.account.Tokens;
import pro.dailydoco.audit.AuditEvent;
import pro.dailydoco.audit.AuditLog;
import pro.dailydoco.core.DomainException;
import pro.dailydoco.core.InvalidInput;
import pro.dailydoco.core.database.Row;
import pro.dailydoco.project.media.MediaKey;
import pro.dailydoco.project.media.MediaTools;
import pro.dailydoco.tenant.ScopedWork;

/**
 * A video's page: where processing is, cancelling it, chapters and transcript, and sharing. Private by default:
 * members of the workspace only; a share link opens it to anyone holding the link until it is revoked or expires
 * (docs/decisions/0198-private-videos-and-share-links.md).
 */
@ApplicationScoped
public class VideoPlayback {

    /** The processing job as the page shows it. */
    public record Progress(String stage, int percent, String failure) {
        public String stageLabel() {
            return switch (stage == null ? "" : stage) {
                case "PROBING" -> "Checking the file";
                case "ENCODING" -> "Encoding the MP4";
                case "RENDITIONS" -> "Preparing streaming renditions";
                case "IMAGES" -> "Making the poster and thumbnails";
                case "DONE" -> "Done";
                default -> "Waiting for a worker";
            };
        }
    }

    /** Everything the video's page shows. */
    public record View(Video video, Progress progress, Chapters chapters, Optional<Share> share, boolean toolsMissing) {
    }

    /** The live share link of a video (its token is shown once, when it is made). */
    public record Share(Instant createdAt, Instant expiresAt) {
    }

    /** A video opened by its share link: which workspace holds it. */
    public record Shared(UUID tenantId, Video video, Chapters chapters) {
    }

    private final EntityManager entityManager;
    private final ScopedWork scopedWork;
    private final MediaTools tools;
    private final VideoService videos;
    private final AuditLog auditLog;
    private final Clock clock;

    VideoPlayback(EntityManager entityManager, ScopedWork scopedWork, MediaTools tools, VideoService videos,
            AuditLog auditLog, Clock clock) {
        this.entityManager = entityManager;
        this.scopedWork = scopedWork;
        this.tools = tools;
        this.videos = videos;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /** The workspace's video, or 404 (unknown, or another workspace's: row-level security hides it). */
    @Transactional
    public Video video(UUID videoId) {
        Video video = Video.findById(videoId);
        if (video == null) {
            throw DomainException.notFound("There is no such video.");
        }
        return video;
    }

    @Transactional
    public View view(UUID videoId) {
        Video video = video(videoId);
        Progress progress = Row.list(entityManager.createNativeQuery("""
                select stage as stage, progress_percent as percent, failure as failure from video_job
                where video_id = ?1""", Tuple.class).setParameter(1, videoId)).stream().findFirst()
                .map(r -> new Progress(r.string("stage"), r.intValue("percent"), r.string("failure")))
                .orElse(new Progress(null, 0, null));
        boolean waiting = video.mediaState == Video.MediaState.QUEUED || video.mediaState == Video.MediaState.PROCESSING;
        return new View(video, progress, Chapters.parse(video.chapters), liveShare(videoId), waiting && !tools.available());
    }

    /**
     * Stops an upload or its processing. A queued job ends at once; a running one is asked to stop, and its worker
     * kills ffmpeg within a second and deletes the files.
     */
    @Transactional
    public void cancel(UUID tenantId, UUID userId, UUID videoId) {
        Video video = video(videoId);
        if (video.mediaState == null || video.mediaState.finished()) {
            throw DomainException.conflict("This video is not being uploaded or processed.");
        }
        int running = entityManager.createNativeQuery("""
                update video_job set cancel_requested = true where video_id = ?1 and status = 'RUNNING'""")
                .setParameter(1, videoId).executeUpdate();
        if (running == 0) {
            entityManager.createNativeQuery("""
                    update video_job set status = 'CANCELLED', finished_at = ?2 where video_id = ?1 and status = 'QUEUED'""")
                    .setParameter(1, videoId).setParameter(2, clock.instant()).executeUpdate();
            video.mediaState = Video.MediaState.CANCELLED;
            video.mediaMessage = "Cancelled.";
            video.storedBytes = 0;
            videos.deleteFilesAfterCommit(new MediaKey(tenantId, videoId));
        } else {
            video.mediaMessage = "Cancelling…";
        }
        auditLog.record(tenantId, AuditEvent.user(userId, "video.cancelled").subjectTenant(tenantId)
                .target("video", videoId.toString()).build());
    }

    @Transactional
    public void saveDetails(UUID tenantId, UUID userId, UUID videoId, String chapters, String transcript) {
        ProjectInput.VideoDetails details = ProjectInput.details(chapters, transcript);
        Video video = video(videoId);
        video.chapters = details.chapters();
        video.transcript = details.transcript();
        video.updatedAt = clock.instant();
        auditLog.record(tenantId, AuditEvent.user(userId, "video.details-updated").subjectTenant(tenantId)
                .target("video", videoId.toString()).build());
    }

    /**
     * Makes a new share link (revoking the previous one) valid for {@code days} days, or until revoked when empty.
     *
     * @return the token, shown once: only its SHA-256 is kept
     */
    @Transactional
    public String share(UUID tenantId, UUID userId, UUID videoId, String days) {
        Video video = video(videoId);
        Instant expires = null;
        if (days != null && !days.isBlank()) {
            int n;
            try {
                n = Integer.parseInt(days.strip());
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n < 1 || n > 365) {
                throw InvalidInput.of("days", "Enter a number of days from 1 to 365, or leave it empty.");
            }
            expires = clock.instant().plus(Duration.ofDays(n));
        }
        revokeLive(videoId);
        String token = Tokens.newToken();
        entityManager.createNativeQuery("""
                insert into video_share (token_hash, video_id, subject_tenant_id, created_at, expires_at)
                values (?1, ?2, ?3, ?4, ?5)""").setParameter(1, Tokens.sha256(token)).setParameter(2, video.id)
                .setParameter(3, tenantId).setParameter(4, clock.instant()).setParameter(5, expires).executeUpdate();
        auditLog.record(tenantId, AuditEvent.user(userId, "video.shared").subjectTenant(tenantId)
                .target("video", videoId.toString()).build());
        return token;
    }

    @Transactional
    public void revoke(UUID tenantId, UUID userId, UUID videoId) {
        video(videoId);
        if (revokeLive(videoId) > 0) {
            auditLog.record(tenantId, AuditEvent.user(userId, "video.share-revoked").subjectTenant(tenantId)
                    .target("video", videoId.toString()).build());
        }
    }

    private int revokeLive(UUID videoId) {
        return entityManager.createNativeQuery("""
                update video_share set revoked_at = ?2 where video_id = ?1 and revoked_at is null""")
                .setParameter(1, videoId).setParameter(2, clock.instant()).executeUpdate();
    }

    private Optional<Share> liveShare(UUID videoId) {
        List<Row> rows = Row.list(entityManager.createNativeQuery("""
                select created_at as created_at, expires_at as expires_at from video_share
                where video_id = ?1 and revoked_at is null""", Tuple.class).setParameter(1, videoId));
        return rows.stream().findFirst().map(r -> new Share(r.instant("created_at"), r.value("expires_at") == null
                ? null : r.instant("expires_at")));
    }

    /** The video a share link opens, if the link is live and the video playable; else empty (the page says 404). */
    public Optional<Shared> shared(String token) {
        if (token == null || token.length() > 200) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<Row> link = scopedWork.call(null, null, () -> Row.list(entityManager.createNativeQuery("""
                select video_id as video_id, subject_tenant_id as tenant_id from video_share
                where token_hash = ?1 and revoked_at is null and (expires_at is null or expires_at > ?2)""", Tuple.class)
                .setParameter(1, Tokens.sha256(token)).setParameter(2, now)).stream().findFirst());
        return link.flatMap(row -> scopedWork.call(row.uuid("tenant_id"), null, () -> {
            Video video = Video.findById(row.uuid("video_id"));
            return video != null && video.playable()
                    ? Optional.of(new Shared(row.uuid("tenant_id"), video, Chapters.parse(video.chapters)))
                    : Optional.empty();
        }));
    }
}
