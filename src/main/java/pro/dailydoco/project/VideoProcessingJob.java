package pro.dailydoco.project;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import pro.dailydoco.audit.AuditEvent;
import pro.dailydoco.audit.AuditLog;
import pro.dailydoco.billing.LimitExceeded;
import pro.dailydoco.core.database.Row;
import pro.dailydoco.core.web.Formats;
import pro.dailydoco.project.media.MediaConfig;
import pro.dailydoco.project.media.MediaKey;
import pro.dailydoco.project.media.MediaStorage;
import pro.dailydoco.project.media.MediaTools;
import pro.dailydoco.project.media.Probe;
import pro.dailydoco.project.media.Transcoder;
import pro.dailydoco.tenant.ScopedWork;

/**
 * Processes uploaded videos on every instance (docs/decisions/0196-video-processing-jobs.md): a job is claimed from
 * {@code video_job} with {@code for update skip locked} and a lease that every progress report renews, so one
 * instance works on it and another takes over when that one dies. ffmpeg runs on this scheduler's thread, never a
 * request's. A failed attempt is retried with a doubling back-off; the last one's reason is shown on the video's page.
 */
@ApplicationScoped
public class VideoProcessingJob {

    /** How long a claim holds without a progress report; ffmpeg reports several times a second. */
    static final Duration LEASE = Duration.ofMinutes(5);

    /** A claimed job: the video, its workspace, which attempt this is, and the claim's token. */
    record Claim(UUID videoId, UUID tenantId, int attempts, UUID lease) {
        MediaKey key() {
            return new MediaKey(tenantId, videoId);
        }
    }

    private final EntityManager entityManager;
    private final ScopedWork scopedWork;
    private final MediaStorage storage;
    private final MediaTools tools;
    private final Transcoder transcoder;
    private final VideoMetering metering;
    private final MediaConfig config;
    private final AuditLog auditLog;
    private final Clock clock;

    VideoProcessingJob(EntityManager entityManager, ScopedWork scopedWork, MediaStorage storage, MediaTools tools,
            Transcoder transcoder, VideoMetering metering, MediaConfig config, AuditLog auditLog, Clock clock) {
        this.entityManager = entityManager;
        this.scopedWork = scopedWork;
        this.storage = storage;
        this.tools = tools;
        this.transcoder = transcoder;
        this.metering = metering;
        this.config = config;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    @Scheduled(every = "${dailydoco.video.process-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        if (tools.available()) {
            processQueued();
        }
    }

    /** Processes every job this instance can claim; returns how many videos became ready. */
    public int processQueued() {
        int ready = 0;
        for (Optional<Claim> claim = claim(); claim.isPresent(); claim = claim()) {
            if (process(claim.get())) {
                ready++;
            }
        }
        return ready;
    }

    /** Claims the job due first, in one statement; jobs another instance is claiming are skipped, not waited for. */
    Optional<Claim> claim() {
        Instant now = clock.instant();
        UUID lease = UUID.randomUUID();
        Optional<Claim> claim = scopedWork.call(null, null, () -> Row.list(entityManager.createNativeQuery("""
                with due as (
                    select video_id from video_job
                    where (status = 'QUEUED' and next_attempt_at <= ?1) or (status = 'RUNNING' and lease_until < ?1)
                    order by next_attempt_at limit 1
                    for update skip locked)
                update video_job j set status = 'RUNNING', attempts = j.attempts + 1, lease_until = ?2,
                    lease_token = ?3, stage = 'PROBING', progress_percent = 0
                from due where j.video_id = due.video_id
                returning j.video_id as video_id, j.subject_tenant_id as tenant_id, j.attempts as attempts""",
                Tuple.class).setParameter(1, now).setParameter(2, now.plus(LEASE)).setParameter(3, lease))
                .stream().findFirst()
                .map(row -> new Claim(row.uuid("video_id"), row.uuid("tenant_id"), row.intValue("attempts"), lease)));
        claim.ifPresent(c -> scopedWork.run(c.tenantId(), null, () -> {
            Video video = Video.findById(c.videoId());
            if (video != null) {
                video.mediaState = Video.MediaState.PROCESSING;
                video.mediaMessage = null;
            }
        }));
        return claim;
    }

    boolean process(Claim claim) {
        AtomicBoolean stop = new AtomicBoolean();
        Path work = null;
        try {
            Probe probe;
            try {
                probe = tools.probe(storage.uploadFile(claim.key()));
            } catch (Probe.Refused e) {
                refuse(claim, e.getMessage(), false);
                return false;
            }
            try {
                scopedWork.run(claim.tenantId(), null,
                        () -> metering.requireRoomFor(claim.tenantId(), probe.meteredSeconds(), claim.videoId()));
            } catch (LimitExceeded e) {
                refuse(claim, "This video is " + VideoMetering.length(probe.meteredSeconds()) + " long. " + e.detail(),
                        true);
                return false;
            }
            remember(claim, probe);
            work = storage.workDirectory(claim.key());
            transcoder.transcode(storage.uploadFile(claim.key()), probe, work,
                    (stage, percent) -> report(claim, stage.name(), percent, stop), () -> stop.get() || cancelled(claim, stop));
            return finish(claim, probe, work);
        } catch (IOException | RuntimeException e) {
            if (stop.get()) {
                stopped(claim);
                return false;
            }
            Log.warnf("Processing video %s failed on attempt %d: %s", claim.videoId(), claim.attempts(), e.toString());
            fail(claim, reason(e));
            return false;
        }
    }

    private void remember(Claim claim, Probe probe) {
        scopedWork.run(claim.tenantId(), null, () -> {
            Video video = Video.findById(claim.videoId());
            if (video != null) {
                video.durationMillis = probe.durationMillis();
                video.width = probe.width();
                video.height = probe.height();
            }
        });
    }

    /** Writes the stage and percentage and renews the lease; a lost lease or a cancel stops the run. */
    private void report(Claim claim, String stage, int percent, AtomicBoolean stop) {
        int held = scopedWork.call(null, null, () -> entityManager.createNativeQuery("""
                update video_job set stage = ?3, progress_percent = ?4, lease_until = ?5
                where video_id = ?1 and lease_token = ?2 and status = 'RUNNING' and not cancel_requested""")
                .setParameter(1, claim.videoId()).setParameter(2, claim.lease()).setParameter(3, stage)
                .setParameter(4, Math.min(99, percent)).setParameter(5, clock.instant().plus(LEASE)).executeUpdate());
        if (held != 1) {
            stop.set(true);
        }
    }

    /** Asked once a second while ffmpeg runs: a cancel from the page, or the job gone with its video. */
    private boolean cancelled(Claim claim, AtomicBoolean stop) {
        boolean gone = scopedWork.call(null, null, () -> entityManager.createNativeQuery("""
                select 1 from video_job where video_id = ?1 and lease_token = ?2 and status = 'RUNNING'
                  and not cancel_requested""").setParameter(1, claim.videoId()).setParameter(2, claim.lease())
                .getResultList().isEmpty());
        if (gone) {
            stop.set(true);
        }
        return gone;
    }

    private boolean finish(Claim claim, Probe probe, Path work) throws IOException {
        long bytes = storage.publish(claim.key(), work);
        Instant now = clock.instant();
        boolean ours = scopedWork.call(claim.tenantId(), null, () -> {
            int done = entityManager.createNativeQuery("""
                    update video_job set status = 'DONE', stage = 'DONE', progress_percent = 100, finished_at = ?3,
                        lease_until = null, lease_token = null, failure = null
                    where video_id = ?1 and lease_token = ?2 and status = 'RUNNING' and not cancel_requested""")
                    .setParameter(1, claim.videoId()).setParameter(2, claim.lease()).setParameter(3, now).executeUpdate();
            Video video = Video.findById(claim.videoId());
            if (done != 1 || video == null) {
                return false;
            }
            video.mediaState = Video.MediaState.READY;
            video.mediaMessage = null;
            video.storedBytes = bytes;
            video.renditions = transcoder.ladder(probe.height()).stream().map(String::valueOf)
                    .collect(Collectors.joining(","));
            video.thumbnails = (int) (probe.durationMillis() / 1000 / Math.max(1, config.thumbnailEverySeconds())) + 1;
            video.meteredSeconds = probe.meteredSeconds();
            video.meteredAt = now;
            video.durationMinutes = (int) VideoMetering.minutes(probe.meteredSeconds());
            video.updatedAt = now;
            metering.billOverage(claim.tenantId(), probe.meteredSeconds());
            auditLog.record(claim.tenantId(), AuditEvent.system("video.processed").subjectTenant(claim.tenantId())
                    .target("video", claim.videoId().toString()).detail("seconds", probe.meteredSeconds()).build());
            return true;
        });
        if (ours) {
            storage.deleteUpload(claim.key());
        } else {
            stopped(claim);
        }
        return ours;
    }

    /** Not a video we take, or past the plan: the reason goes to the page, every file goes. Never retried. */
    private void refuse(Claim claim, String message, boolean planLimit) {
        end(claim, "REFUSED", Video.MediaState.REFUSED, message, planLimit);
        storage.deleteAll(claim.key());
    }

    /** Cancelled from the page, or the video was deleted: nothing is kept. */
    private void stopped(Claim claim) {
        end(claim, "CANCELLED", Video.MediaState.CANCELLED, "Processing was cancelled.", false);
        storage.deleteAll(claim.key());
    }

    private void end(Claim claim, String status, Video.MediaState state, String message, boolean planLimit) {
        Instant now = clock.instant();
        scopedWork.run(claim.tenantId(), null, () -> {
            entityManager.createNativeQuery("""
                    update video_job set status = ?3, failure = ?4, finished_at = ?5, lease_until = null,
                        lease_token = null
                    where video_id = ?1 and lease_token = ?2""")
                    .setParameter(1, claim.videoId()).setParameter(2, claim.lease()).setParameter(3, status)
                    .setParameter(4, message).setParameter(5, now).executeUpdate();
            Video video = Video.findById(claim.videoId());
            if (video != null) {
                video.mediaState = state;
                video.mediaMessage = message;
                video.refusedForPlanLimit = planLimit;
                video.storedBytes = 0;
                video.updatedAt = now;
            }
        });
    }

    /** A failed attempt: retried after a doubling wait while attempts remain, else given up with the reason. */
    private void fail(Claim claim, String reason) {
        boolean last = claim.attempts() >= config.maxAttempts();
        Instant now = clock.instant();
        Instant retryAt = now.plus(config.retryBackoff().multipliedBy(1L << Math.min(10, claim.attempts() - 1)));
        String message = last
                ? "Processing failed after " + claim.attempts() + " attempts: " + reason
                        + " Upload the video again, or delete it."
                : "Attempt " + claim.attempts() + " failed (" + reason + "); trying again at " + Formats.dateTime(retryAt)
                        + ".";
        scopedWork.run(claim.tenantId(), null, () -> {
            entityManager.createNativeQuery("""
                    update video_job set status = ?3, failure = ?4, next_attempt_at = ?5, lease_until = null,
                        lease_token = null, finished_at = case when ?3 = 'FAILED' then cast(?6 as timestamptz) else null end
                    where video_id = ?1 and lease_token = ?2""")
                    .setParameter(1, claim.videoId()).setParameter(2, claim.lease())
                    .setParameter(3, last ? "FAILED" : "QUEUED").setParameter(4, message).setParameter(5, retryAt)
                    .setParameter(6, now).executeUpdate();
            Video video = Video.findById(claim.videoId());
            if (video != null) {
                video.mediaState = last ? Video.MediaState.FAILED : Video.MediaState.QUEUED;
                video.mediaMessage = message;
            }
        });
    }

    /** A short reason for people: ffmpeg's last line of complaint, without the server's paths. */
    private String reason(Exception e) {
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String[] lines = text.strip().split("\n");
        String last = lines[lines.length - 1].replaceAll("/\\S+", "…");
        return (last.length() > 200 ? last.substring(0, 200) + "…" : last) + ".";
    }
}
