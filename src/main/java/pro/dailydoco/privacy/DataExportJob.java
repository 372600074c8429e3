package pro.dailydoco.privacy;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.hibernate.Session;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import pro.dailydoco.account.User;
import pro.dailydoco.audit.AuditEvent;
import pro.dailydoco.audit.AuditLog;
import pro.dailydoco.core.database.Row;
import pro.dailydoco.core.web.Formats;
import pro.dailydoco.mail.MailOutbox;
import pro.dailydoco.tenant.ScopedWork;
import pro.dailydoco.tenant.Tenant;
import pro.dailydoco.tenant.TenantConfig;

/**
 * Builds queued exports and deletes expired ones, on every instance: an export is claimed with
 * {@code for update skip locked} and a lease, so one instance builds it; one that dies mid-way leaves a lease that runs
 * out, and another instance builds it again (docs/decisions/0131-data-exports-built-in-the-background.md). Each table
 * is read in the scope of whom the export is about, so row-level security decides what it can contain.
 */
@ApplicationScoped
public class DataExportJob {

    /** Builds that failed this often are given up with a message on the page. */
    static final int MAX_ATTEMPTS = 3;

    /** How long a claim holds without news; every table read renews it. */
    static final Duration LEASE = Duration.ofMinutes(10);

    /** A claimed export: who asked, about which workspace (null: about themselves), and the claim's token. */
    private record Claim(UUID id, UUID requester, UUID tenantId, int attempts, UUID lease) {
    }

    /** Another instance took the export over (our lease ran out): stop without writing. */
    private static final class LeaseLost extends RuntimeException {
        LeaseLost() {
            super(null, null, false, false);
        }
    }

    private final EntityManager entityManager;
    private final ScopedWork scopedWork;
    private final MailOutbox mail;
    private final AuditLog auditLog;
    private final PrivacyConfig config;
    private final TenantConfig tenantConfig;
    private final Clock clock;

    DataExportJob(EntityManager entityManager, ScopedWork scopedWork, MailOutbox mail, AuditLog auditLog,
            PrivacyConfig config, TenantConfig tenantConfig, Clock clock) {
        this.entityManager = entityManager;
        this.scopedWork = scopedWork;
        this.mail = mail;
        this.auditLog = auditLog;
        this.config = config;
        this.tenantConfig = tenantConfig;
        this.clock = clock;
    }

    @Scheduled(every = "${dailydoco.privacy.export-job-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        buildQueued();
        deleteExpired();
    }

    /** Builds every export this instance can claim; returns how many became ready. */
    public int buildQueued() {
        int ready = 0;
        for (Optional<Claim> claim = claim(); claim.isPresent(); claim = claim()) {
            if (build(claim.get())) {
                ready++;
            }
        }
        return ready;
    }

    /**
     * Claims the oldest due export in one statement, as the Stripe event claims do: queued, or building under a lease
     * that ran out; rows another instance is claiming are skipped, not waited for.
     */
    private Optional<Claim> claim() {
        Instant now = clock.instant();
        UUID lease = UUID.randomUUID();
        return scopedWork.call(null, null, () -> Row.list(entityManager.createNativeQuery("""
                with due as (
                    select id from privacy_export
                    where status = 'QUEUED' or (status = 'BUILDING' and lease_until < ?1)
                    order by requested_at limit 1
                    for update skip locked)
                update privacy_export e set status = 'BUILDING', attempts = e.attempts + 1, lease_until = ?2,
                    lease_token = ?3, progress_percent = 0
                from due where e.id = due.id
                returning e.id as id, e.requested_by_user_id as requester, e.subject_tenant_id as tenant_id,
                    e.attempts as attempts""", Tuple.class)
                .setParameter(1, now).setParameter(2, now.plus(LEASE)).setParameter(3, lease))
                .stream().findFirst()
                .map(row -> new Claim(row.uuid("id"), row.uuid("requester"),
                        row.value("tenant_id") == null ? null : row.uuid("tenant_id"), row.intValue("attempts"), lease)));
    }

    private boolean build(Claim claim) {
        try {
            ExportArchive archive = new ExportArchive(config.exportMaxSize().asLongValue());
            if (claim.tenantId() == null) {
                buildPersonal(claim, archive);
            } else {
                buildWorkspace(claim, archive);
            }
            Map<String, Object> about = new LinkedHashMap<>();
            about.put("export", claim.id().toString());
            about.put("kind", claim.tenantId() == null ? "personal data" : "workspace");
            about.put("about", claim.tenantId() == null ? claim.requester().toString() : claim.tenantId().toString());
            about.put("built_at", clock.instant().toString());
            return store(claim, archive.finish(about));
        } catch (LeaseLost e) {
            return false;
        } catch (ExportArchive.TooLarge e) {
            fail(claim, e.getMessage() + "; please contact support for a copy.", true);
            return false;
        } catch (NotOwner e) {
            fail(claim, "Only an owner of the workspace can export it.", true);
            return false;
        } catch (RuntimeException e) {
            Log.warnf("Export %s failed on attempt %d: %s", claim.id(), claim.attempts(), e.toString());
            fail(claim, "The export could not be prepared. Please ask again later.", claim.attempts() >= MAX_ATTEMPTS);
            return false;
        }
    }

    /** The requester is no longer an owner of the workspace they asked to export. */
    private static final class NotOwner extends RuntimeException {
        NotOwner() {
            super(null, null, false, false);
        }
    }

    private void buildPersonal(Claim claim, ExportArchive archive) {
        String person = claim.requester().toString();
        int total = ExportSection.PERSON.size() + 1;
        int done = 0;
        List<String> workspaces = new ArrayList<>();
        for (ExportSection section : ExportSection.PERSON) {
            ExportArchive.Table table = scopedWork.call(null, claim.requester(), () -> read(claim, section, person));
            if (section.name().equals("memberships")) {
                table.rows().forEach(r -> workspaces.add((String) r.get("tenant_id")));
            }
            archive.add(table);
            progress(claim, ++done, total);
        }
        List<Map<String, Object>> audit = new ArrayList<>();
        List<String> columns = List.of();
        for (String workspace : workspaces) {
            ExportArchive.Table part = scopedWork.call(UUID.fromString(workspace), claim.requester(),
                    () -> read(claim, ExportSection.PERSON_IN_WORKSPACE_AUDIT, person, workspace));
            columns = part.columns();
            audit.addAll(part.rows());
        }
        archive.add(new ExportArchive.Table(ExportSection.PERSON_IN_WORKSPACE_AUDIT.name(), columns, audit));
        progress(claim, ++done, total);
    }

    private void buildWorkspace(Claim claim, ExportArchive archive) {
        String workspace = claim.tenantId().toString();
        int total = ExportSection.WORKSPACE.size();
        int done = 0;
        for (ExportSection section : ExportSection.WORKSPACE) {
            archive.add(scopedWork.call(claim.tenantId(), claim.requester(), () -> {
                // Checked again for every table: an owner demoted meanwhile gets no more of the workspace.
                if (!DataExports.isOwner(claim.tenantId(), claim.requester())) {
                    throw new NotOwner();
                }
                return read(claim, section, workspace);
            }));
            progress(claim, ++done, total);
        }
    }

    /** One table, read in the current scope; each value as JSON can hold it (times as ISO-8601 UTC). */
    private ExportArchive.Table read(Claim claim, ExportSection section, String... parameters) {
        renewLease(claim);
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(section.sql().replace("?2", "?")
                    .replace("?1", "?"))) {
                bind(statement, section.sql(), parameters);
                try (ResultSet rs = statement.executeQuery()) {
                    ResultSetMetaData meta = rs.getMetaData();
                    List<String> columns = new ArrayList<>();
                    for (int c = 1; c <= meta.getColumnCount(); c++) {
                        columns.add(meta.getColumnLabel(c));
                    }
                    List<Map<String, Object>> rows = new ArrayList<>();
                    while (rs.next()) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        for (int c = 1; c <= columns.size(); c++) {
                            row.put(columns.get(c - 1), plain(rs.getObject(c)));
                        }
                        rows.add(row);
                    }
                    return new ExportArchive.Table(section.name(), columns, rows);
                }
            }
        });
    }

    /** Binds {@code ?1}/{@code ?2} in the order they appear in the statement. */
    private static void bind(PreparedStatement statement, String sql, String... parameters) throws SQLException {
        int index = 1;
        for (int at = sql.indexOf('?'); at >= 0; at = sql.indexOf('?', at + 1)) {
            statement.setString(index++, parameters[sql.charAt(at + 1) - '1']);
        }
    }

    private static Object plain(Object value) throws SQLException {
        if (value == null || value instanceof Number || value instanceof Boolean || value instanceof String) {
            return value;
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant().toString();
        }
        if (value instanceof Array array) {
            List<Object> items = new ArrayList<>();
            for (Object item : (Object[]) array.getArray()) {
                items.add(plain(item));
            }
            return items;
        }
        if (value instanceof Object[] items) {
            return Arrays.asList(items);
        }
        return value.toString();
    }

    private void renewLease(Claim claim) {
        int held = entityManager.createNativeQuery("""
                update privacy_export set lease_until = ?3 where id = ?1 and lease_token = ?2 and status = 'BUILDING'""")
                .setParameter(1, claim.id()).setParameter(2, claim.lease()).setParameter(3, clock.instant().plus(LEASE))
                .executeUpdate();
        if (held != 1) {
            throw new LeaseLost();
        }
    }

    private void progress(Claim claim, int done, int total) {
        // Short of 100 until the file is stored: "ready" is the status, not the percentage.
        int percent = Math.min(99, done * 100 / total);
        scopedWork.run(null, null, () -> entityManager.createNativeQuery("""
                update privacy_export set progress_percent = ?3 where id = ?1 and lease_token = ?2""")
                .setParameter(1, claim.id()).setParameter(2, claim.lease()).setParameter(3, percent).executeUpdate());
    }

    /** Stores the zip as the requester's row, marks the export ready, mails the link and audits, in one transaction. */
    private boolean store(Claim claim, byte[] zip) {
        Instant now = clock.instant();
        Instant expires = now.plus(config.exportExpiry());
        return scopedWork.call(claim.tenantId(), claim.requester(), () -> {
            int ours = entityManager.createNativeQuery("""
                    update privacy_export set status = 'READY', progress_percent = 100, finished_at = ?3,
                        expires_at = ?4, size_bytes = ?5, lease_until = null, lease_token = null, failure = null
                    where id = ?1 and lease_token = ?2 and status = 'BUILDING'""")
                    .setParameter(1, claim.id()).setParameter(2, claim.lease()).setParameter(3, now)
                    .setParameter(4, expires).setParameter(5, (long) zip.length).executeUpdate();
            if (ours != 1) {
                return false;
            }
            entityManager.createNativeQuery("insert into privacy_export_file (export_id, user_id, zip) values (?1, ?2, ?3)")
                    .setParameter(1, claim.id()).setParameter(2, claim.requester()).setParameter(3, zip).executeUpdate();
            User requester = User.findById(claim.requester());
            String what = claim.tenantId() == null ? "Your personal data export"
                    : "The export of workspace " + Tenant.<Tenant>findById(claim.tenantId()).displayName;
            mail.enqueue(requester.email, what + " is ready", what + " is ready to download until "
                    + Formats.dateTime(expires) + ":\n\n" + tenantConfig.absolute("/account/data-export")
                    + "\n\nSign in as " + requester.email + " to download it; the link works for no one else.\n");
            AuditEvent.Builder audit = AuditEvent.system(claim.tenantId() == null ? "privacy.export-ready"
                    : "privacy.workspace-export-ready").detail("export", claim.id().toString()).detail("bytes", zip.length);
            if (claim.tenantId() == null) {
                auditLog.recordPlatform(audit.target("user", claim.requester().toString()).build());
            } else {
                auditLog.record(claim.tenantId(), audit.target("tenant", claim.tenantId().toString()).build());
            }
            return true;
        });
    }

    private void fail(Claim claim, String message, boolean finally_) {
        scopedWork.run(null, null, () -> entityManager.createNativeQuery("""
                update privacy_export set status = ?3, failure = ?4, lease_until = null, lease_token = null,
                    finished_at = case when ?3 = 'FAILED' then ?5 else finished_at end
                where id = ?1 and lease_token = ?2""")
                .setParameter(1, claim.id()).setParameter(2, claim.lease()).setParameter(3, finally_ ? "FAILED" : "QUEUED")
                .setParameter(4, finally_ ? message : null).setParameter(5, clock.instant()).executeUpdate());
    }

    /** Deletes the files of exports past their expiry; returns how many expired. Safe on many instances. */
    public int deleteExpired() {
        int expired = 0;
        while (true) {
            Instant now = clock.instant();
            List<Row> due = scopedWork.call(null, null, () -> Row.list(entityManager.createNativeQuery("""
                    select id as id, requested_by_user_id as requester from privacy_export
                    where status = 'READY' and expires_at <= ?1 order by expires_at limit 100""", Tuple.class)
                    .setParameter(1, now)));
            int before = expired;
            for (Row row : due) {
                UUID id = row.uuid("id");
                // As the requester (the file is their row); the status change decides which instance deletes it.
                expired += scopedWork.call(null, row.uuid("requester"), () -> {
                    int mine = entityManager.createNativeQuery("""
                            update privacy_export set status = 'EXPIRED'
                            where id = ?1 and status = 'READY' and expires_at <= ?2""")
                            .setParameter(1, id).setParameter(2, now).executeUpdate();
                    if (mine == 1) {
                        entityManager.createNativeQuery("delete from privacy_export_file where export_id = ?1")
                                .setParameter(1, id).executeUpdate();
                    }
                    return mine;
                });
            }
            if (due.size() < 100 || expired == before) {
                return expired;
            }
        }
    }
}
