package pro.dailydoco.privacy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import pro.dailydoco.account.Membership;
import pro.dailydoco.account.Role;
import pro.dailydoco.audit.AuditEvent;
import pro.dailydoco.audit.AuditLog;
import pro.dailydoco.core.DomainException;
import pro.dailydoco.core.database.Row;
import pro.dailydoco.tenant.ScopedWork;
import pro.dailydoco.tenant.Tenant;

/**
 * Data exports as their requester sees them: asking for one (a person's own data, or as owner a workspace's), the
 * list with progress, and the download. The zip is built later by {@link DataExportJob}
 * (docs/decisions/0131-data-exports-built-in-the-background.md). Only the requester, signed in, can download it.
 */
@ApplicationScoped
public class DataExports {

    /** More requests than this in a day are refused: each can be a large zip kept for days. */
    static final int REQUESTS_PER_DAY = 5;

    public enum Status {
        QUEUED("Waiting"), BUILDING("Being prepared"), READY("Ready"), FAILED("Failed"), EXPIRED("Expired");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One export on the requester's page; {@code workspaceName} is null for a person's own data. */
    public record Export(UUID id, String workspaceName, Status status, int progressPercent, Instant requestedAt,
            Instant expiresAt, Long sizeBytes, String failure) {

        public boolean pending() {
            return status == Status.QUEUED || status == Status.BUILDING;
        }

        public boolean downloadable(Instant now) {
            return status == Status.READY && expiresAt != null && expiresAt.isAfter(now);
        }

        public String what() {
            return workspaceName == null ? "Your personal data" : "Workspace " + workspaceName;
        }

        public String size() {
            if (sizeBytes == null) {
                return "—";
            }
            return sizeBytes < 1024 * 1024 ? Math.max(1, (sizeBytes + 1023) / 1024) + " KB"
                    : String.format(java.util.Locale.ROOT, "%.1f MB", sizeBytes / (1024.0 * 1024.0));
        }
    }

    /** A finished export's file, for its requester. */
    public record Download(String fileName, byte[] zip) {
    }

    private final EntityManager entityManager;
    private final ScopedWork scopedWork;
    private final AuditLog auditLog;
    private final Clock clock;

    DataExports(EntityManager entityManager, ScopedWork scopedWork, AuditLog auditLog, Clock clock) {
        this.entityManager = entityManager;
        this.scopedWork = scopedWork;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /** Queues an export of everything held about {@code userId}; an export already on its way is reused. */
    public UUID requestPersonal(UUID userId) {
        return scopedWork.call(null, userId, () -> {
            UUID id = queue(userId, null);
            auditLog.recordPlatform(AuditEvent.user(userId, "privacy.export-requested").target("user", userId.toString())
                    .detail("export", id.toString()).build());
            return id;
        });
    }

    /**
     * Queues an export of a workspace the user owns. Anyone else — not a member, not an owner, an unknown slug —
     * gets the same 404, so the answer tells nothing about the workspace.
     */
    public UUID requestWorkspace(UUID userId, String slug) {
        Tenant tenant = scopedWork.call(null, userId, () -> slug == null ? null : Tenant.findBySlug(slug).orElse(null));
        if (tenant == null) {
            throw DomainException.notFound("No such workspace.");
        }
        return scopedWork.call(tenant.id, userId, () -> {
            if (!isOwner(tenant.id, userId)) {
                throw DomainException.notFound("No such workspace.");
            }
            UUID id = queue(userId, tenant.id);
            auditLog.record(tenant.id, AuditEvent.user(userId, "privacy.workspace-export-requested")
                    .target("tenant", tenant.id.toString()).detail("export", id.toString()).build());
            return id;
        });
    }

    /** Whether {@code userId} owns the workspace; call in the workspace's scope. */
    static boolean isOwner(UUID tenantId, UUID userId) {
        return Membership.find(tenantId, userId).map(m -> m.role == Role.OWNER).orElse(false);
    }

    private UUID queue(UUID userId, UUID tenantId) {
        Instant now = clock.instant();
        List<?> pending = entityManager.createNativeQuery("""
                select id from privacy_export where requested_by_user_id = ?1
                and subject_tenant_id is not distinct from cast(?2 as uuid) and status in ('QUEUED', 'BUILDING')""")
                .setParameter(1, userId).setParameter(2, tenantId == null ? null : tenantId.toString()).getResultList();
        if (!pending.isEmpty()) {
            return (UUID) pending.get(0);
        }
        long today = ((Number) entityManager.createNativeQuery("""
                select count(*) from privacy_export where requested_by_user_id = ?1 and requested_at > ?2""")
                .setParameter(1, userId).setParameter(2, now.minus(Duration.ofDays(1))).getSingleResult()).longValue();
        if (today >= REQUESTS_PER_DAY) {
            throw new DomainException(429, "Too many exports",
                    "You asked for " + REQUESTS_PER_DAY + " exports in the last 24 hours. Please download one of them or try again tomorrow.");
        }
        UUID id = UUID.randomUUID();
        entityManager.createNativeQuery("""
                insert into privacy_export (id, requested_by_user_id, subject_tenant_id, status, requested_at)
                values (?1, ?2, cast(?3 as uuid), 'QUEUED', ?4)""")
                .setParameter(1, id).setParameter(2, userId).setParameter(3, tenantId == null ? null : tenantId.toString())
                .setParameter(4, now).executeUpdate();
        return id;
    }

    /** The user's exports, newest first (the last 20). */
    public List<Export> of(UUID userId) {
        return scopedWork.call(null, userId, () -> Row.list(entityManager.createNativeQuery("""
                select e.id as id, t.display_name as workspace_name, e.status as status,
                       e.progress_percent as progress_percent, e.requested_at as requested_at,
                       e.expires_at as expires_at, e.size_bytes as size_bytes, e.failure as failure
                from privacy_export e left join tenant_directory t on t.id = e.subject_tenant_id
                where e.requested_by_user_id = ?1 order by e.requested_at desc, e.id limit 20""", Tuple.class)
                .setParameter(1, userId)).stream()
                .map(r -> new Export(r.uuid("id"), r.string("workspace_name"), Status.valueOf(r.string("status")),
                        r.intValue("progress_percent"), r.instant("requested_at"),
                        r.value("expires_at") == null ? null : r.instant("expires_at"), r.nullableLong("size_bytes"),
                        r.string("failure")))
                .toList());
    }

    /**
     * The zip of a ready, unexpired export of {@code userId}'s; empty for anything else (someone else's, unknown,
     * expired, not a valid id), which the page answers with one 404. The download is audited.
     */
    public Optional<Download> download(UUID userId, String exportId) {
        UUID id;
        try {
            id = UUID.fromString(exportId);
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<Row> export = scopedWork.call(null, userId, () -> Row.first(entityManager.createNativeQuery("""
                select subject_tenant_id as subject_tenant_id, finished_at as finished_at from privacy_export
                where id = ?1 and requested_by_user_id = ?2 and status = 'READY' and expires_at > ?3""", Tuple.class)
                .setParameter(1, id).setParameter(2, userId).setParameter(3, now)));
        if (export.isEmpty()) {
            return Optional.empty();
        }
        UUID tenantId = export.get().value("subject_tenant_id") == null ? null : export.get().uuid("subject_tenant_id");
        String day = export.get().instant("finished_at").toString().substring(0, 10);
        return scopedWork.call(tenantId, userId, () -> {
            // The file is the requester's row: its policy shows it to no one else, whatever the query says.
            List<?> zip = entityManager.createNativeQuery("select zip from privacy_export_file where export_id = ?1")
                    .setParameter(1, id).getResultList();
            if (zip.isEmpty()) {
                return Optional.empty();
            }
            AuditEvent.Builder audit = AuditEvent.user(userId, tenantId == null ? "privacy.export-downloaded"
                    : "privacy.workspace-export-downloaded").detail("export", id.toString());
            if (tenantId == null) {
                auditLog.recordPlatform(audit.target("user", userId.toString()).build());
            } else {
                auditLog.record(tenantId, audit.target("tenant", tenantId.toString()).build());
            }
            String name = "dailydoco-" + (tenantId == null ? "personal-data" : "workspace") + "-" + day + ".zip";
            return Optional.of(new Download(name, (byte[]) zip.get(0)));
        });
    }
}
