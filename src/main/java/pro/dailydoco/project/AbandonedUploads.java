package pro.dailydoco.project;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import pro.dailydoco.audit.AuditEvent;
import pro.dailydoco.audit.AuditLog;
import pro.dailydoco.core.database.Row;
import pro.dailydoco.project.media.MediaConfig;
import pro.dailydoco.project.media.MediaKey;
import pro.dailydoco.project.media.MediaStorage;
import pro.dailydoco.tenant.ScopedWork;

/**
 * Deletes uploads that were started and never finished: no chunk for {@code abandon-uploads-after} (24 hours by
 * default). Their rows go in batches, each in one short transaction that skips rows another instance is deleting
 * ({@code for update skip locked}, inside video_delete_abandoned_uploads), so every instance can run it; their
 * partial files go after that transaction commits, and the workspace's storage quota no longer counts them
 * (docs/decisions/0213-abandoned-uploads-are-deleted.md).
 */
@ApplicationScoped
public class AbandonedUploads {

    static final int BATCH = 50;

    private final EntityManager entityManager;
    private final ScopedWork scopedWork;
    private final MediaStorage storage;
    private final MediaConfig config;
    private final AuditLog auditLog;
    private final Clock clock;

    AbandonedUploads(EntityManager entityManager, ScopedWork scopedWork, MediaStorage storage, MediaConfig config,
            AuditLog auditLog, Clock clock) {
        this.entityManager = entityManager;
        this.scopedWork = scopedWork;
        this.storage = storage;
        this.config = config;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    @Scheduled(every = "${dailydoco.video.abandoned-uploads-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        int deleted = deleteAbandoned();
        if (deleted > 0) {
            Log.infof("Deleted %d abandoned video uploads", deleted);
        }
    }

    /** Deletes every upload abandoned by now; returns how many. */
    public int deleteAbandoned() {
        Instant before = clock.instant().minus(config.abandonUploadsAfter());
        int deleted = 0;
        for (List<Row> batch = batch(before); !batch.isEmpty(); batch = batch(before)) {
            for (Row upload : batch) {
                MediaKey key = new MediaKey(upload.uuid("tenant_id"), upload.uuid("video_id"));
                try {
                    storage.deleteAll(key);
                } catch (RuntimeException e) {
                    Log.warnf("Files of abandoned upload %s could not be deleted: %s", key.videoId(), e.toString());
                }
                scopedWork.run(key.tenantId(), null, () -> auditLog.record(key.tenantId(),
                        AuditEvent.system("video.upload-abandoned").subjectTenant(key.tenantId())
                                .target("video", key.videoId().toString()).detail("bytes", upload.longValue("upload_offset"))
                                .build()));
            }
            deleted += batch.size();
        }
        return deleted;
    }

    /** One batch of rows deleted and committed: their files are deleted only once they are gone for good. */
    private List<Row> batch(Instant before) {
        return scopedWork.call(null, null, () -> Row.list(entityManager.createNativeQuery("""
                select video_id as video_id, tenant_id as tenant_id, upload_offset as upload_offset
                from video_delete_abandoned_uploads(?1, ?2)""", Tuple.class)
                .setParameter(1, before).setParameter(2, BATCH)));
    }
}
