package pro.dailydoco.project;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.Locale;
import java.util.UUID;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import pro.dailydoco.audit.AuditEvent;
import pro.dailydoco.audit.AuditLog;
import pro.dailydoco.core.DomainException;
import pro.dailydoco.core.InvalidInput;
import pro.dailydoco.project.media.MediaConfig;
import pro.dailydoco.project.media.MediaKey;
import pro.dailydoco.project.media.MediaStorage;

/**
 * Resumable uploads in chunks: the browser announces the file (size, and its length when it could read it), then
 * sends PUTs that each carry the offset they start at; the server confirms the offset it holds, so after a dropped
 * connection or a reload the upload continues where the server's copy ends
 * (docs/decisions/0195-video-storage-and-resumable-upload.md). Chunks stream to storage; only the offset is written
 * to PostgreSQL, in a short transaction after the bytes are on disk.
 */
@ApplicationScoped
public class VideoUploads {

    /** What the browser needs to go on: where the server's copy ends, and of how much. */
    public record UploadState(UUID videoId, long offset, long length, Video.MediaState state) {
        public boolean complete() {
            return state != Video.MediaState.UPLOADING;
        }
    }

    private final ProjectService projects;
    private final VideoMetering metering;
    private final MediaStorage storage;
    private final MediaConfig config;
    private final EntityManager entityManager;
    private final AuditLog auditLog;
    private final Clock clock;

    VideoUploads(ProjectService projects, VideoMetering metering, MediaStorage storage, MediaConfig config,
            EntityManager entityManager, AuditLog auditLog, Clock clock) {
        this.projects = projects;
        this.metering = metering;
        this.storage = storage;
        this.config = config;
        this.entityManager = entityManager;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /**
     * Starts an upload: refuses, before a byte is sent, a file over the size limit, one the workspace's storage has no
     * room for, and — when the browser could read its length — one that would take the month past the plan's
     * minutes (LimitExceeded, 402).
     */
    @Transactional
    public UploadState start(UUID tenantId, UUID userId, UUID projectId, String title, String size, String seconds) {
        projects.get(projectId);
        String cleanTitle = ProjectInput.uploadTitle(title);
        long length = wholeNumber(size, "file", "Choose a video file.");
        if (length < 1) {
            throw InvalidInput.of("file", "The file is empty.");
        }
        long max = config.maxUploadSize().asLongValue();
        if (length > max) {
            throw new DomainException(413, "File too large", "The file is " + bytes(length) + "; videos may be up to "
                    + bytes(max) + ".");
        }
        long quota = config.storageQuota().asLongValue();
        long used = storageUsed();
        if (used + length > quota) {
            throw new DomainException(413, "Storage full", "This workspace keeps " + bytes(used) + " of its "
                    + bytes(quota) + " of video storage; the file (" + bytes(length) + ") does not fit. Delete "
                    + "videos you no longer need.");
        }
        if (seconds != null && !seconds.isBlank()) {
            metering.requireRoomFor(tenantId, secondsRoundedUp(seconds), null);
        }
        Video video = new Video();
        video.id = UUID.randomUUID();
        video.projectId = projectId;
        video.title = cleanTitle;
        video.status = Video.Status.DRAFT;
        video.source = Video.Source.UPLOAD;
        video.mediaState = Video.MediaState.UPLOADING;
        video.uploadLength = length;
        video.createdAt = clock.instant();
        video.updatedAt = video.createdAt;
        video.persist();
        auditLog.record(tenantId, AuditEvent.user(userId, "video.upload-started").subjectTenant(tenantId)
                .target("video", video.id.toString()).detail("bytes", length).build());
        return state(video);
    }

    /** Where the server's copy of an upload ends. */
    @Transactional
    public UploadState state(UUID videoId) {
        return state(upload(videoId));
    }

    /**
     * Appends one chunk that starts at {@code offsetHeader}. A chunk for another offset is refused (409) with the
     * server's offset, so the browser can continue from there; the last chunk queues the video for processing.
     */
    public UploadState append(UUID tenantId, UUID userId, UUID videoId, String offsetHeader, InputStream chunk) {
        long offset = wholeNumber(offsetHeader, "offset", "Send the Upload-Offset header.");
        UploadState before = QuarkusTransaction.requiringNew().call(() -> state(upload(videoId)));
        if (before.complete()) {
            throw DomainException.conflict("This upload is finished.");
        }
        if (offset != before.offset()) {
            throw new OffsetMismatch(before);
        }
        long limit = Math.min(before.length(), offset + config.maxChunkSize().asLongValue());
        long size;
        try {
            size = storage.appendUpload(new MediaKey(tenantId, videoId), offset, chunk, limit);
        } catch (MediaStorage.ChunkRefused e) {
            throw e.busy() ? new OffsetMismatch(before) : new DomainException(413, "Chunk too large", e.getMessage());
        } catch (IOException e) {
            // A connection that drops mid-chunk: the bytes past the confirmed offset are dropped on the next chunk.
            throw new DomainException(400, "Upload interrupted", "The chunk did not arrive whole; send it again.");
        }
        return QuarkusTransaction.requiringNew().call(() -> confirm(tenantId, userId, videoId, offset, size));
    }

    private UploadState confirm(UUID tenantId, UUID userId, UUID videoId, long offset, long size) {
        Video video = upload(videoId);
        if (video.mediaState != Video.MediaState.UPLOADING || video.uploadOffset != offset) {
            throw new OffsetMismatch(state(video));
        }
        video.uploadOffset = size;
        video.updatedAt = clock.instant();
        if (size == video.uploadLength) {
            video.mediaState = Video.MediaState.QUEUED;
            entityManager.createNativeQuery("""
                    insert into video_job (video_id, subject_tenant_id, status, stage, next_attempt_at, created_at)
                    values (?1, ?2, 'QUEUED', 'QUEUED', ?3, ?3)""")
                    .setParameter(1, videoId).setParameter(2, tenantId).setParameter(3, clock.instant()).executeUpdate();
            auditLog.record(tenantId, AuditEvent.user(userId, "video.uploaded").subjectTenant(tenantId)
                    .target("video", videoId.toString()).detail("bytes", size).build());
        }
        return state(video);
    }

    /** The chunk did not start where the server's copy ends (409); the answer carries the server's offset. */
    public static final class OffsetMismatch extends DomainException {
        private final transient UploadState state;

        OffsetMismatch(UploadState state) {
            super(409, "Upload offset differs", "The server holds " + state.offset() + " bytes of this upload; "
                    + "continue from there.");
            this.state = state;
        }

        public UploadState state() {
            return state;
        }
    }

    /** Bytes the workspace keeps: published files, plus uploads not yet processed at their announced size. */
    long storageUsed() {
        Long sum = Video.find("""
                select coalesce(sum(case when mediaState in ('UPLOADING', 'QUEUED', 'PROCESSING')
                    then uploadLength + storedBytes else storedBytes end), 0) from Video""")
                .project(Long.class).firstResult();
        return sum == null ? 0 : sum;
    }

    private static Video upload(UUID videoId) {
        Video video = Video.findById(videoId);
        if (video == null || !video.uploaded()) {
            throw DomainException.notFound("There is no such upload.");
        }
        return video;
    }

    private static UploadState state(Video video) {
        return new UploadState(video.id, video.uploadOffset, video.uploadLength, video.mediaState);
    }

    private static long wholeNumber(String value, String field, String missing) {
        if (value == null || value.isBlank()) {
            throw InvalidInput.of(field, missing);
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw InvalidInput.of(field, "Send a whole number of bytes.");
        }
    }

    /** A length the browser read (e.g. "61.2"), as whole seconds rounded up. */
    private static long secondsRoundedUp(String seconds) {
        try {
            BigDecimal value = new BigDecimal(seconds.strip());
            if (value.signum() < 0 || value.compareTo(BigDecimal.valueOf(7 * 24 * 3600)) > 0) {
                throw InvalidInput.of("duration", "Send the video's length in seconds.");
            }
            return value.setScale(0, java.math.RoundingMode.CEILING).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw InvalidInput.of("duration", "Send the video's length in seconds.");
        }
    }

    /** Sizes for people: "2 GB", "340.5 MB". */
    static String bytes(long bytes) {
        String[] units = {"bytes", "KB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? String.format(Locale.ENGLISH, "%,d bytes", bytes)
                : (value == Math.rint(value) ? String.format(Locale.ENGLISH, "%,.0f %s", value, units[unit])
                        : String.format(Locale.ENGLISH, "%,.1f %s", value, units[unit]));
    }
}
